import { createHash } from 'node:crypto';

import type { RequestHandler } from 'express';

import { credentialOf } from '../domains/curation/apiKeys.js';
import { cacheKey, etagOf, namesEtag, type DataVersionClock, type ResponseCache } from './responseCache.js';

/**
 * The fast path of repeated reads: an anonymous POST of a query whose answer is in the response
 * cache is answered before Apollo, from the stored body, without parsing, validating or
 * planning anything. What makes that safe: an entry exists only for a query that ran through
 * Apollo with these exact bytes, operation name and variables (so it parsed, validated and
 * kept within every limit) and answered whole, at this data version and for an anonymous
 * caller, and the data version is one read within RESPONSE_CACHE_VERSION_TTL_MS (the same bound
 * as every hit); the rate limit and CORS run before this route. Anything else (a miss, a key, an
 * automatic persisted query, GET, a media type to negotiate) goes on to Apollo, which answers
 * and stores as before (responseCachePlugin.ts). The answer is the one Apollo gives on a hit:
 * the same body, ETag, Cache-Control, `extensions` (cache status, round trips, cost), and 304
 * for a matching If-None-Match.
 */
export interface CachedAnswerOptions {
  cache: ResponseCache;
  clock: DataVersionClock;
  cacheControl: string;
  /** Counts an answer in the API's metrics (operation, seconds). */
  onAnswer(operationName: string | null, seconds: number): void;
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

export function cachedAnswerRoute({ cache, clock, cacheControl, onAnswer }: CachedAnswerOptions): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const body: unknown = request.body;
    if (!cache.enabled || request.method !== 'POST' || !isObject(body) || credentialOf(request.headers)) return next();
    const { query, operationName, variables, extensions } = body;
    if (typeof query !== 'string' || extensions !== undefined) return next();
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return next();
    if (variables !== undefined && variables !== null && !isObject(variables)) return next();
    const mediaType = mediaTypeFor(request.headers.accept);
    if (!mediaType) return next();
    // Only a version read within the staleness bound: the fast path never waits on Neo4j (a hung
    // database must not hold a request past its deadline; Apollo's path reads the version under
    // the request's deadline and refreshes it for the requests after).
    const version = clock.fresh();
    if (version === null) return next();
    const key = cacheKey({ queryHash: createHash('sha256').update(query).digest('hex'), operationName: operationName ?? null, variables, role: 'ANONYMOUS', version });
    const answer = cache.findEarly(key);
    if (!answer) return next();
    const etag = etagOf(key);
    response.setHeader('etag', etag);
    response.setHeader('cache-control', cacheControl);
    if (namesEtag(request.headers['if-none-match'], etag)) {
      response.status(304).end();
    } else {
      const extensions = JSON.stringify({ roundTrips: 0, cost: answer.cost, cache: { status: 'HIT', dataVersion: version } });
      response.status(200).setHeader('content-type', mediaType);
      response.end(`${answer.body.slice(0, -1)},"extensions":${extensions}}`);
    }
    onAnswer(answer.operationName, Number(process.hrtime.bigint() - started) / 1e9);
  };
}
