import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { sendErrors } from './errorResponse.js';

/** The message a client reads for an error raised before GraphQL runs, by what went wrong. */
function messageOf(error: { code?: unknown; type?: unknown } | undefined, status: number): string {
  const type = typeof error?.type === 'string' ? error.type : '';
  if (status === 413) return 'The request body is larger than this API accepts.';
  if (status === 415 && type === 'charset.unsupported') return 'The request body must be UTF-8 JSON (`content-type: application/json` with no charset, or `charset=utf-8`).';
  if (status === 415) return 'The request body must be JSON (`content-type: application/json`).';
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  return status < 500 ? 'The request is malformed.' : 'Internal server error.';
}

/** The status of an error raised before GraphQL runs: its own when it is a client's (4xx), else 500. */
function statusOf(error: Partial<FastifyError> & { status?: unknown }): number {
  const status = typeof error.statusCode === 'number' ? error.statusCode : error.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * Errors raised before GraphQL runs (body too large, malformed JSON, a thrown route) answered
 * as GraphQL errors in JSON with a typed code, never as a stack trace. What the client did
 * wrong is logged as an info line; anything else is ours, logged at error level with its
 * stack, as a JSON line like every other. Fastify's error handler.
 */
export function jsonErrorHandler(logger: Logger): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined {
  return (error, request, reply) => {
    const status = statusOf(error);
    const where = { requestId: request.id, method: request.method, path: request.url.split('?')[0], err: error };
    if (status < 500) logger.info(where, 'request refused');
    else logger.error(where, 'unexpected error');
    if (reply.raw.headersSent) return undefined;
    const code = status === 413 ? ErrorCode.QUERY_TOO_COMPLEX : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
    return sendErrors(reply, status, [{ message: messageOf(error as { type?: unknown }, status), extensions: { code } }]);
  };
}

/** A path that does not decode (Fastify's FST_ERR_BAD_URL): 400, named as such. */
export function badPath(reply: FastifyReply): FastifyReply {
  return sendErrors(reply, 400, [{ message: 'The request path is not valid: a percent-encoded part of it does not decode.', extensions: { code: ErrorCode.BAD_USER_INPUT } }]);
}

/** A path no route answers: a JSON 404 with the request id, never an HTML page. */
export function jsonNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!.slice(0, 200);
  return sendErrors(reply, 404, [{ message: `Nothing is served at ${request.method} ${path}; the README lists the API's routes.`, extensions: { code: ErrorCode.NOT_FOUND } }]);
}
