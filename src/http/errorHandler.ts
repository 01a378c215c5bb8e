import type { ErrorRequestHandler } from 'express';

import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/**
 * Errors raised before GraphQL runs (body too large, malformed JSON) answered as GraphQL
 * errors in JSON with a typed code, never as an HTML page or a stack trace.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error, _request, response, next) => {
  if (response.headersSent) {
    next(error);
    return;
  }
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const type = typeof error?.type === 'string' ? error.type : '';
  const message =
    status === 413
      ? 'The request body is larger than this API accepts.'
      : status === 415 && type === 'charset.unsupported'
        ? 'The request body must be UTF-8 JSON (`content-type: application/json` with no charset, or `charset=utf-8`).'
        : status === 415
          ? 'The request body must be JSON (`content-type: application/json`).'
          : status < 500
            ? 'The request body is not valid JSON.'
            : 'Internal server error.';
  const code = status === 413 ? ErrorCode.QUERY_TOO_COMPLEX : status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
  sendErrors(response, status, [{ message, extensions: { code } }]);
};
