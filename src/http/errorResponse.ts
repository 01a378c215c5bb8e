import type { RequestHandler, Response } from 'express';
import type { GraphQLError } from 'graphql';

/**
 * Every error answer has one shape, whoever writes it (Apollo, a route, a middleware):
 * `{ "errors": [{ "message", "extensions": { "code", ... } }], "extensions": { "requestId" } }`,
 * the request id in the same place as in GraphQL answers, so a client quotes it the same way.
 */
export interface ErrorEntry {
  message: string;
  extensions: { code: string } & Record<string, unknown>;
}

export function sendErrors(response: Response, status: number, errors: ErrorEntry[]): void {
  response.status(status).json({ errors, extensions: { requestId: response.locals.requestId } });
}

/** A typed error of ours, raised outside GraphQL (an export, an entity document), answered with its own status and code. */
export function sendGraphQLError(response: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as Record<string, unknown> & { http?: { status?: number } };
  sendErrors(response, http?.status ?? 400, [{ message: error.message, extensions: { ...extensions, code: String(error.extensions.code) } }]);
}

/**
 * Apollo writes some answers itself before any plugin runs (CSRF and batching refusals, 406,
 * a missing body): this adds the request id to the JSON error bodies that lack it. Only
 * bodies that hold errors and no request id are parsed again; GraphQL answers pass untouched.
 */
export const requestIdInErrorBodies: RequestHandler = (_request, response, next) => {
  const send = response.send.bind(response);
  response.send = (body?: unknown) => {
    if (typeof body === 'string' && body.startsWith('{"errors"') && !body.includes('"requestId"')) {
      try {
        const parsed = JSON.parse(body) as { extensions?: Record<string, unknown> };
        parsed.extensions = { ...parsed.extensions, requestId: response.locals.requestId };
        return send(JSON.stringify(parsed));
      } catch {
        return send(body);
      }
    }
    return send(body);
  };
  next();
};
