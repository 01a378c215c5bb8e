import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Each request's id (Fastify's `genReqId`): the caller's `x-request-id` when it is a short safe
 * token, else a new UUID. It is echoed in the response header and put in every log line and
 * in masked error responses, so a client can quote it and an operator can find the log.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}
