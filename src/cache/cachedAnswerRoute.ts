import { createHash } from 'node:crypto';

import type { ServerResponse } from 'node:http';

import accepts from 'accepts';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { credentialOf } from '../domains/curation/apiKeys.js';
import type { DataVersionClock } from './dataVersionClock.js';
import type { KnownRoles } from './knownRoles.js';
import type { RateLimitState } from '../http/rateLimit.js';
import { cacheKey, COMPRESSED_FROM_BYTES, namesEtag, type ResponseCache } from './responseCache.js';

/**
 * The fast path of repeated reads: a request whose answer is in the response cache is answered
 * before Apollo, from the stored body, without parsing, validating or planning anything. It
 * takes what clients send: a POST with a JSON body or a GET with the operation in its query
 * string, with the query's text or only its automatic persisted query hash, anonymous or with
 * an API key. What makes that safe: an entry exists only for a query that ran through Apollo
 * with the same document (its text, or the hash Apollo knew it by), operation name and
 * variables (so it parsed, validated and kept within every limit) and answered whole, at this
 * data version and for this role; the data version and the key's role are ones read within
 * RESPONSE_CACHE_VERSION_TTL_MS or read for this request (the same rule as every hit); the rate
 * limit, CORS and the GraphQL request checks run before this route, and a GET must pass Apollo's
 * CSRF rule. Anything else (a miss, extensions other than a persisted query, a media type to
 * negotiate) goes on to Apollo, which answers and stores as before
 * (responseCachePlugin.ts). The answer is the one Apollo gives on a hit: the same body, ETag,
 * Cache-Control, `extensions` (cache status, round trips, cost), and 304 for a matching
 * If-None-Match.
 */
export interface CachedAnswerOptions {
  cache: ResponseCache;
  clock: DataVersionClock;
  roles: KnownRoles;
  cacheControl: string;
  /** Counts an answer in the API's metrics (operation, seconds). */
  onAnswer(operationName: string | null, seconds: number): void;
  /** The request's deadline (the one its GraphQL execution would have): a wait for the data version stops at it. */
  signalOf(response: ServerResponse): AbortSignal;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/**
 * The media type Apollo would answer with, for the Accept headers clients send (none, one of
 * the two JSON types, a list of them, a wildcard), as Apollo's negotiation picks it; null for
 * anything else, such as weights, left to Apollo.
 */
function mediaTypeFor(accept: string | undefined): string | null {
  if (!accept) return JSON_TYPE;
  if (accept.includes(';')) return null;
  // An explicit type is preferred to a wildcard, then the order of the header decides.
  const ranges = accept.split(',').map((part) => part.trim().toLowerCase());
  for (const range of ranges) {
    if (range === 'application/graphql-response+json') return GRAPHQL_RESPONSE_TYPE;
    if (range === 'application/json') return JSON_TYPE;
  }
  return ranges.some((range) => range === 'application/*' || range === '*/*') ? JSON_TYPE : null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A GET's parameter: the string given once, undefined when absent, null when malformed (repeated). */
function parameter(request: FastifyRequest, name: string): string | undefined | null {
  const value = (request.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function parsedJson(text: string | undefined | null): unknown {
  if (text === undefined) return undefined;
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Apollo's CSRF rule for a request a browser could send without a preflight: a GET passes it
 * with a non-empty `apollo-require-preflight` or `x-apollo-operation-name` header, or a
 * content type other than the three a form can send (Apollo's `preventCsrf`).
 */
function passesCsrfRule(request: FastifyRequest): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type && !['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(type)) return true;
  return Boolean(request.headers['apollo-require-preflight'] || request.headers['x-apollo-operation-name']);
}

/** The operation a request carries, with the hash Apollo keys its document by; null for anything the fast path leaves to Apollo. */
function operationOf(request: FastifyRequest): { queryHash: string; operationName: string | null; variables: unknown } | null {
  let fields: Record<string, unknown>;
  if (request.method === 'POST') {
    if (!isObject(request.body)) return null;
    fields = request.body;
  } else if (request.method === 'GET') {
    if (!passesCsrfRule(request)) return null;
    const rawVariables = parameter(request, 'variables');
    const rawExtensions = parameter(request, 'extensions');
    fields = { query: parameter(request, 'query'), operationName: parameter(request, 'operationName'), variables: parsedJson(rawVariables), extensions: parsedJson(rawExtensions) };
    // A parameter given but not JSON (or given twice) is Apollo's to refuse (400): it must not
    // read as absent and find the answer of the request without it.
    if ((rawVariables !== undefined && fields.variables === null) || (rawExtensions !== undefined && fields.extensions === null)) return null;
  } else {
    return null;
  }
  const { query, operationName, variables, extensions } = fields;
  if (query !== undefined && typeof query !== 'string') return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && !isObject(variables)) return null;
  // No extensions, or only an automatic persisted query's hash (persistedQueryCheck.ts checked its form).
  let persistedHash: string | null = null;
  if (extensions !== undefined) {
    if (!isObject(extensions) || Object.keys(extensions).some((name) => name !== 'persistedQuery') || !isObject(extensions.persistedQuery)) return null;
    const hash = extensions.persistedQuery.sha256Hash;
    if (typeof hash !== 'string') return null;
    persistedHash = hash;
  }
  const queryHash = typeof query === 'string' ? createHash('sha256').update(query).digest('hex') : persistedHash;
  if (!queryHash || (persistedHash && persistedHash !== queryHash)) return null;
  return { queryHash, operationName: typeof operationName === 'string' ? operationName : null, variables };
}

/** Adds a header name to the response's Vary, once. */
function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const listed = typeof current === 'string' ? current.split(',').map((name) => name.trim().toLowerCase()) : [];
  if (!listed.includes(field.toLowerCase())) void reply.header('vary', listed.length > 0 ? `${String(current)}, ${field}` : field);
}

/** A preHandler hook of the GraphQL route: answers from the cache, or returns and lets Apollo answer. */
export function cachedAnswerRoute({ cache, clock, roles, cacheControl, onAnswer, signalOf }: CachedAnswerOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const started = process.hrtime.bigint();
    if (!cache.enabled) return;
    const operation = operationOf(request);
    if (!operation) return;
    const mediaType = mediaTypeFor(request.headers.accept);
    if (!mediaType) return;
    // The key's role and the data version: read within the staleness bound, else the read under
    // way or a new one, under the request's deadline. Requests that came while they aged wait for
    // the same read rather than go through Apollo, where a stored answer is parsed and written
    // again (under load, with large answers, that queue outlived the bound itself:
    // bench/results/large-answers.md). When a read fails or the deadline passes, Apollo answers
    // (with the same signal, so at once).
    const credential = credentialOf(request.headers);
    let role: string | null = credential ? roles.fresh(credential) : 'ANONYMOUS';
    let version = clock.fresh();
    try {
      role ??= await roles.current(credential!, signalOf(reply.raw));
      version ??= await clock.current(signalOf(reply.raw));
    } catch {
      return;
    }
    const key = cacheKey({ ...operation, role, version });
    const answer = cache.findEarly(key);
    if (!answer) return;
    // A 304 counts nothing against the rate limit; an answer counts what its operation costs,
    // and one over the budget left goes on to Apollo, which refuses it as it refuses a miss.
    const notModified = namesEtag(request.headers['if-none-match'], answer.etag, request.method);
    const budget: RateLimitState | null = request.rateLimit;
    if (budget && !(await budget.charge(notModified ? 0 : answer.points)).accepted) return;
    // A large answer goes gzip-compressed to a client that accepts it, once its compression is done.
    const compressible = answer.body.length >= COMPRESSED_FROM_BYTES;
    const body = answer.gzipped && accepts(request.raw).encoding(['gzip', 'identity']) === 'gzip' ? answer.gzipped : null;
    void reply.header('etag', answer.etag).header('cache-control', cacheControl);
    if (compressible) addVary(reply, 'Accept-Encoding');
    onAnswer(answer.operationName, Number(process.hrtime.bigint() - started) / 1e9);
    if (notModified) {
      await reply.code(304).send();
      return;
    }
    // The stored bytes as they are: no copy, no encoding of an answer that may be hundreds of kilobytes.
    void reply.code(200).header('content-type', mediaType);
    if (body) void reply.header('content-encoding', 'gzip');
    await reply.send(body ?? answer.body);
  };
}
