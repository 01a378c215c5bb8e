import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';

/**
 * Every error answer has one shape, whoever writes it (Apollo, a route, a hook):
 * `{ "errors": [{ "message", "extensions": { "code", ... } }], "extensions": { "requestId" } }`,
 * the request id in the same place as in GraphQL answers, so a client quotes it the same way.
 */
export interface ErrorEntry {
  message: string;
  extensions: { code: string } & Record<string, unknown>;
}

export function sendErrors(reply: FastifyReply, status: number, errors: ErrorEntry[]): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ errors, extensions: { requestId: reply.request.id } }));
}

/** A typed error of ours, raised outside GraphQL (an export, an entity document), answered with its own status and code. */
export function sendGraphQLError(reply: FastifyReply, error: GraphQLError): FastifyReply {
  const { http, ...extensions } = error.extensions as Record<string, unknown> & { http?: { status?: number } };
  return sendErrors(reply, http?.status ?? 400, [{ message: error.message, extensions: { ...extensions, code: String(error.extensions.code) } }]);
}

/**
 * Apollo writes some answers itself before any plugin runs (CSRF and batching refusals, 406,
 * a missing body): this adds the request id to the JSON error bodies that lack it (an onSend
 * hook of the GraphQL route). Only bodies that hold errors and no request id are parsed again;
 * GraphQL answers pass untouched.
 */
export async function requestIdInErrorBodies(request: FastifyRequest, _reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' || !payload.startsWith('{"errors"') || payload.includes('"requestId"')) return payload;
  try {
    const parsed = JSON.parse(payload) as { extensions?: Record<string, unknown> };
    parsed.extensions = { ...parsed.extensions, requestId: request.id };
    return JSON.stringify(parsed);
  } catch {
    return payload;
  }
}
