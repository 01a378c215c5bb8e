import { isUtf8 } from 'node:buffer';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { sendErrors } from './errorResponse.js';
import { BAD_REQUEST } from './persistedQueryCheck.js';

/** An error raised while reading a body, with the status and kind the error handler answers by. */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly type: 'charset.unsupported' | 'entity.parse.failed',
  ) {
    super(message);
  }
}

/**
 * The JSON body parser (a Fastify content-type parser for `application/json`, within the
 * server's body limit): the bytes must be UTF-8, and a charset other than UTF-8 is refused, as
 * a name sent in Latin-1 and decoded with replacement characters would be stored altered.
 * Either is refused with 415, malformed JSON with 400 (the error handler's messages).
 */
export function parseJsonBody(request: FastifyRequest, body: Buffer): unknown {
  // No body at all: nothing to parse (Apollo answers that the body is missing).
  if (body.length === 0) return undefined;
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(request.headers['content-type'] ?? '')?.[2]?.toLowerCase();
  if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || !isUtf8(body)) throw new BodyError('The request body is not UTF-8.', 415, 'charset.unsupported');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new BodyError('The request body is not valid JSON.', 400, 'entity.parse.failed');
  }
}

/**
 * Bounds on the shape of a JSON request (a GraphQL body or its GET `variables`, an MCP
 * message), checked before anything else walks it. A 20 KB body can nest 10,000 arrays, and
 * every recursive walk after parsing (the cache key's canonical JSON, variable coercion, a
 * schema validator) then overflows the stack. No input this API takes needs more than a few
 * levels: the deepest, a relationship's input with its citations, has five.
 */
export const JSON_LIMITS = { maxDepth: 32, maxValues: 20_000 } as const;

/**
 * What is wrong with the shape of a parsed JSON value, or null when it is within the bounds.
 * Iterative (an explicit stack), so a value of any depth is measured without recursion.
 */
export function jsonShapeProblem(value: unknown, limits: { maxDepth: number; maxValues: number } = JSON_LIMITS): string | null {
  const pending: Array<[unknown, number]> = [[value, 1]];
  let values = 0;
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    values += 1;
    if (values > limits.maxValues) return `The request's JSON holds more than ${limits.maxValues} values.`;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limits.maxDepth) return `The request's JSON nests deeper than ${limits.maxDepth} levels.`;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push([child, depth + 1]);
  }
  return null;
}

/** A GET's `variables` and `extensions` parameters, parsed when they are JSON (a malformed one is Apollo's to refuse). */
function getParameters(request: FastifyRequest): unknown[] {
  const found: unknown[] = [];
  const query = request.query as Record<string, unknown>;
  for (const name of ['variables', 'extensions']) {
    const raw = query[name];
    if (typeof raw !== 'string') continue;
    try {
      found.push(JSON.parse(raw));
    } catch {
      // Not JSON: nothing to walk.
    }
  }
  return found;
}

/** Refuses a request whose JSON (body, or a GET's JSON parameters) is past the bounds: 400 BAD_REQUEST, before any other step reads it (a preHandler hook). */
export async function boundedJson(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const values = request.method === 'GET' ? getParameters(request) : [request.body];
  for (const value of values) {
    const problem = jsonShapeProblem(value);
    if (problem) {
      await sendErrors(reply, 400, [{ message: problem, extensions: { code: BAD_REQUEST, limit: problem.includes('deeper') ? 'jsonDepth' : 'jsonValues' } }]);
      return;
    }
  }
}
