import type { IncomingMessage, ServerResponse } from 'node:http';

import type express from 'express';

/**
 * Repeated GraphQL reads answered before Express's router. A bare Express route keeps about
 * 70 % of a bare Apollo Server's throughput on this machine (bench/results/cache-gap.md): the
 * router's dispatch, run for every request, is a large part of what a cached answer costs.
 *
 * The front door runs the very same middleware functions that the application runs for a
 * GraphQL request, in the same order (request id, log, CORS, rate limit, the request checks,
 * the response cache's fast path), each wrapped by `once` so that it runs at most once per
 * request. When they answer (a cached answer, a 304, a 429, a refused request), Express never
 * sees the request; when they do not (a miss), the request goes on into Express, where every
 * step already run is skipped, and an error they raised is raised again first thing there, so
 * that Express's error handler answers it as before. Nothing is implemented twice.
 */
const ERROR = 'frontDoorError';

/** The handler, run at most once per request: a second call (Express after the front door) passes. */
export function once(name: string, handler: express.RequestHandler): express.RequestHandler {
  const flag = `ran:${name}`;
  return (request, response, next) => {
    if (response.locals[flag]) return next();
    response.locals[flag] = true;
    return handler(request, response, next);
  };
}

/** First middleware of the application: an error raised in the front door, raised again in Express. */
export const rethrowFrontDoorError: express.ErrorRequestHandler | express.RequestHandler = (_request: express.Request, response: express.Response, next: express.NextFunction) => {
  const error: unknown = response.locals[ERROR];
  if (error === undefined) return next();
  delete response.locals[ERROR];
  next(error);
};

/**
 * The server's request listener: requests `handles` picks go through `steps` first, as Express
 * would set them up (its request and response prototypes, locals), then, unless answered, into
 * `app`; every other request goes straight to `app`.
 */
export function frontDoor(app: express.Express, steps: express.RequestHandler[], handles: (request: IncomingMessage) => boolean) {
  return (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    if (!handles(incoming)) {
      app(incoming, outgoing);
      return;
    }
    // What Express's app.handle does before its router (x-powered-by is disabled), and the one
    // line of the router's own that the steps read: `originalUrl` (the request log's path).
    const request = incoming as express.Request;
    const response = outgoing as express.Response;
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
    response.locals ??= Object.create(null) as Record<string, unknown>;
    request.originalUrl ||= request.url ?? '';
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        response.locals[ERROR] = error;
        app(request, response);
        return;
      }
      const step = steps[index];
      index += 1;
      if (!step) {
        if (!response.headersSent && !response.writableEnded) app(request, response);
        return;
      }
      // A step may throw or return a rejected promise (an async middleware): either is handed
      // to Express's error handler, as Express's router does; never left unhandled.
      try {
        const returned: unknown = step(request, response, next);
        if (returned instanceof Promise) returned.catch((rejected: unknown) => next(rejected ?? new Error('a step rejected')));
      } catch (thrown) {
        next(thrown ?? new Error('a step threw'));
      }
    };
    next();
  };
}

/** A POST to /graphql, or a GET of /graphql that carries an operation (not a browser opening GraphiQL). */
export function isGraphqlOperation(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  if (request.method === 'POST') return url === '/graphql' || url.startsWith('/graphql?');
  return request.method === 'GET' && url.startsWith('/graphql?') && /[?&](query|extensions)=/.test(url);
}
