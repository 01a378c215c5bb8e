import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

import type { Context } from '../context.js';
import { credentialOf } from '../domains/curation/apiKeys.js';
import type { DataVersionClock } from './dataVersionClock.js';
import type { KnownRoles } from './knownRoles.js';
import { answerEtag, cacheKey, hitBody, namesEtag, type ResponseCache } from './responseCache.js';

/**
 * Serves repeated reads from the response cache and lets HTTP clients revalidate.
 *
 * Before execution (the document is parsed, validated and within its limits), a query gets
 * its key from the data version. A stored answer is sent as it was stored, with its ETag (a
 * digest of its data), or 304 with no body when If-None-Match names that ETag: then nothing
 * ran, and the request counts nothing against the rate limit. Anything else runs; a whole
 * answer (data, no error at all) gets its ETag, is stored, and is 304 too when the client
 * already holds the same data (after an unrelated write, say).
 * Mutations are never cached, and tell the version clock to read the version again and the
 * fast path to forget the roles it knows (a key revoked here is never served as its role).
 * `extensions.cache` says HIT or MISS and the data version.
 */
export interface ResponseCacheOptions {
  cache: ResponseCache;
  clock: DataVersionClock;
  /** Where the role read for a key is kept for the HTTP fast path. */
  roles: KnownRoles;
  /** The Cache-Control of cacheable answers, e.g. `no-cache` (always revalidate). */
  cacheControl: string;
}

/** Root fields whose answers are not a function of the data version (API keys are not graph data; a budget changes with every request). */
const UNCACHED_FIELDS = new Set(['apiKeys', 'rateLimit']);

function cacheable(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind !== Kind.FIELD || !UNCACHED_FIELDS.has(selection.name.value));
}

export function responseCachePlugin({ cache, clock, roles, cacheControl }: ResponseCacheOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      // With the cache off (RESPONSE_CACHE_MIB=0) a query still gets its ETag and 304, with no version read.
      let revalidateOnly = false;
      let version = 0;
      let hit = false;
      let notModified = false;
      let resolvedName: string | null = null;
      return {
        async responseForOperation({ operation, operationName, queryHash, request, response, contextValue }) {
          if (!cacheable(operation) || !queryHash) return null;
          if (!cache.enabled) {
            revalidateOnly = true;
            response.http.headers.set('cache-control', cacheControl);
            return null;
          }
          // The version read is the cache's own work, not the operation's: it is not counted in
          // extensions.roundTrips. When it fails (Neo4j down or hung), the operation runs as if there
          // were no cache, and answers with its own error (SERVICE_UNAVAILABLE, TIMEOUT).
          let role: string;
          try {
            version = await clock.current(contextValue.runner.signal);
            role = (await contextValue.principal())?.role ?? 'ANONYMOUS';
          } catch {
            return null;
          }
          const headers = request.http?.headers;
          const credential = headers ? credentialOf({ authorization: headers.get('authorization') ?? undefined, 'x-api-key': headers.get('x-api-key') ?? undefined }) : null;
          if (credential) roles.remember(credential, role);
          // The operation name as the client sent it (null when absent), as the HTTP fast path
          // (cachedAnswerRoute.ts) computes the same key without parsing the document.
          key = cacheKey({ queryHash, operationName: request.operationName ?? null, variables: request.variables, role, version });
          resolvedName = operationName ?? null;
          response.http.headers.set('cache-control', cacheControl);
          const stored = cache.get(key);
          if (stored === undefined) return null;
          response.http.headers.set('etag', stored.etag);
          if (namesEtag(request.http?.headers.get('if-none-match'), stored.etag, request.http?.method)) {
            notModified = true;
            await contextValue.rateLimit?.charge(0);
            return { http: response.http, body: { kind: 'single', singleResult: { data: null } } };
          }
          hit = true;
          return { http: response.http, body: { kind: 'single', singleResult: { data: (JSON.parse(stored.body.toString('utf8')) as { data: Record<string, unknown> }).data } } };
        },
        async willSendResponse({ operation, request, response, contextValue }) {
          if (operation?.operation === 'mutation') {
            clock.forget();
            roles.forget();
          }
          if ((!key && !revalidateOnly) || response.body.kind !== 'single') return;
          if (notModified) {
            // No body with a 304 (Node drops it); the client keeps the answer it has.
            response.http.status = 304;
            return;
          }
          const result = response.body.singleResult;
          if (!hit && result.data && !result.errors?.length) {
            const dataJson = JSON.stringify(result.data);
            const etag = answerEtag(dataJson);
            response.http.headers.set('etag', etag);
            if (key) cache.set(key, { body: hitBody(dataJson, contextValue.cost, version), etag, points: contextValue.cost?.points ?? 1, operationName: resolvedName });
            if (namesEtag(request.http?.headers.get('if-none-match'), etag, request.http?.method)) {
              response.http.status = 304;
              return;
            }
          }
          if (key) result.extensions = { ...result.extensions, cache: { status: hit ? 'HIT' : 'MISS', dataVersion: version } };
        },
      };
    },
  };
}
