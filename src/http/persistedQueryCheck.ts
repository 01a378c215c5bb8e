import type { FastifyReply, FastifyRequest } from 'fastify';

import { sendErrors } from './errorResponse.js';
import { sha256 } from './trustedDocuments.js';

/**
 * Checks the `persistedQuery` extension before Apollo sees it. Apollo answers a hash that
 * does not match its text, a version other than 1 or an extension of the wrong shape with an
 * untyped error that ends up as INTERNAL_SERVER_ERROR, logged with a stack at error level:
 * anyone could fill the error log with the client's own mistakes. They are refused here as
 * a typed 400 (BAD_REQUEST) that says what is wrong, and only the request line is logged.
 */
export const BAD_REQUEST = 'BAD_REQUEST';

interface WithExtensions {
  query?: unknown;
  extensions?: unknown;
}

function extensionsOf(request: FastifyRequest): { found: boolean; value: WithExtensions } {
  if (request.method === 'POST') {
    const body = request.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { found: false, value: {} };
    return { found: true, value: body as WithExtensions };
  }
  const query = request.query as Record<string, unknown>;
  const raw = query.extensions;
  if (typeof raw !== 'string') return { found: false, value: {} };
  try {
    return { found: true, value: { query: query.query, extensions: JSON.parse(raw) as unknown } };
  } catch {
    return { found: true, value: { query: query.query, extensions: raw } };
  }
}

/** The problem with a request's persistedQuery extension, or null when it is absent or well-formed. */
export function persistedQueryProblem({ query, extensions }: WithExtensions): string | null {
  if (extensions === undefined || extensions === null) return null;
  if (typeof extensions !== 'object' || Array.isArray(extensions)) return '`extensions` must be an object.';
  if (!('persistedQuery' in extensions)) return null;
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery;
  if (!persisted || typeof persisted !== 'object' || Array.isArray(persisted)) {
    return '`extensions.persistedQuery` must be an object `{ version: 1, sha256Hash: "<64 hex digits>" }`.';
  }
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) return '`extensions.persistedQuery.version` must be 1, the only version this server knows.';
  // Lower case, as Apollo computes and compares it (an upper-case hash of the right query would
  // otherwise reach Apollo as a mismatch, an untyped error logged at error level).
  if (typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    return '`extensions.persistedQuery.sha256Hash` must be the SHA-256 of the query, as 64 lower-case hexadecimal digits.';
  }
  if (typeof query === 'string' && sha256(query) !== sha256Hash) {
    return '`extensions.persistedQuery.sha256Hash` is not the SHA-256 of `query`.';
  }
  return null;
}

/** A preHandler hook of the GraphQL route. */
export async function persistedQueryCheck(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { found, value } = extensionsOf(request);
  const problem = found ? persistedQueryProblem(value) : null;
  if (problem) await sendErrors(reply, 400, [{ message: problem, extensions: { code: BAD_REQUEST } }]);
}
