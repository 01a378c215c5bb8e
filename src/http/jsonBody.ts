import { isUtf8 } from 'node:buffer';

import express, { type RequestHandler } from 'express';

import { sendErrors } from './errorResponse.js';
import { BAD_REQUEST } from './persistedQueryCheck.js';

/**
 * A JSON body of at most `limit`, whose bytes must be UTF-8: body-parser decodes invalid bytes
 * as replacement characters, so a name sent in Latin-1 would be stored altered. Such a body is
 * refused with 415 (the error handler's UTF-8 message).
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_request, _response, bytes) => {
      if (!isUtf8(bytes)) throw Object.assign(new Error('The request body is not UTF-8.'), { status: 415, type: 'charset.unsupported' });
    },
  });
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
function getParameters(request: Parameters<RequestHandler>[0]): unknown[] {
  const found: unknown[] = [];
  for (const name of ['variables', 'extensions']) {
    const raw = request.query[name];
    if (typeof raw !== 'string') continue;
    try {
      found.push(JSON.parse(raw));
    } catch {
      // Not JSON: nothing to walk.
    }
  }
  return found;
}

/** Refuses a request whose JSON (body, or a GET's JSON parameters) is past the bounds: 400 BAD_REQUEST, before any other step reads it. */
export const boundedJson: RequestHandler = (request, response, next) => {
  const values = request.method === 'GET' ? getParameters(request) : [request.body];
  for (const value of values) {
    const problem = jsonShapeProblem(value);
    if (problem) {
      sendErrors(response, 400, [{ message: problem, extensions: { code: BAD_REQUEST, limit: problem.includes('deeper') ? 'jsonDepth' : 'jsonValues' } }]);
      return;
    }
  }
  next();
};
