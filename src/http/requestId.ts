import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';

/**
 * Gives each request an id: the caller's `x-request-id` when it is a short safe token,
 * else a new UUID. It is echoed in the response header and put in every log line and in
 * masked error responses, so a client can quote it and an operator can find the log.
 */
export const requestId: RequestHandler = (request, response, next) => {
  const given = request.header('x-request-id');
  const id = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  response.locals.requestId = id;
  response.setHeader('x-request-id', id);
  next();
};
