import type { ErrorRequestHandler, RequestHandler } from 'express';

import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { sendErrors } from './errorResponse.js';

/** The message a client reads for an error raised before GraphQL runs, by what went wrong. */
function messageOf(error: { status?: unknown; type?: unknown } | undefined, status: number): string {
  const type = typeof error?.type === 'string' ? error.type : '';
  if (status === 413) return 'The request body is larger than this API accepts.';
  if (status === 415 && type === 'charset.unsupported') return 'The request body must be UTF-8 JSON (`content-type: application/json` with no charset, or `charset=utf-8`).';
  if (status === 415) return 'The request body must be JSON (`content-type: application/json`).';
  if (error instanceof URIError) return 'The request path is not valid: a percent-encoded part of it does not decode.';
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  return status < 500 ? 'The request is malformed.' : 'Internal server error.';
}

/**
 * Errors raised before GraphQL runs (body too large, malformed JSON, a path that does not
 * decode) answered as GraphQL errors in JSON with a typed code, never as an HTML page or a
 * stack trace. What the client did wrong is logged as an info line; anything else is ours,
 * logged at error level with its stack, as a JSON line like every other.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const where = { requestId: response.locals.requestId, method: request.method, path: request.originalUrl.split('?')[0], err: error };
    if (status < 500) logger.info(where, 'request refused');
    else logger.error(where, 'unexpected error');
    if (response.headersSent) {
      next(error);
      return;
    }
    const code = status === 413 ? ErrorCode.QUERY_TOO_COMPLEX : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
    sendErrors(response, status, [{ message: messageOf(error, status), extensions: { code } }]);
  };
}

/** The API's paths (`/graphql`, `/export/...`, `/mcp`, `/entity/...`) that no route answers: a JSON 404 with the request id, never Express's HTML page. */
export const jsonNotFound: RequestHandler = (request, response) => {
  const path = request.originalUrl.split('?')[0]!.slice(0, 200);
  sendErrors(response, 404, [{ message: `Nothing is served at ${request.method} ${path}; the README lists the API's routes.`, extensions: { code: ErrorCode.NOT_FOUND } }]);
};
