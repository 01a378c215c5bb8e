import { createHash, timingSafeEqual } from 'node:crypto';

import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Context } from '../context.js';
import type { Database } from '../database/database.js';
import { bearerToken } from '../domains/curation/apiKeys.js';
import type { CacheStats } from '../cache/responseCache.js';
import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/**
 * Prometheus metrics of one API process: GraphQL operations by name and outcome code,
 * their latency, Neo4j round trips, open sessions and pool use, rate-limit rejections.
 * One registry per server (tests start several in one process).
 *
 * The threat: operation names and error codes come from clients, and every distinct label
 * value is a new series kept for the life of the process. Unbounded, a few hundred requests
 * with long made-up names grew /metrics to hundreds of MB. So labels come from closed sets:
 * the operation names of the trusted documents when there are any, else the first
 * MAX_OPERATION_LABELS names seen (each at most MAX_OPERATION_NAME_LENGTH characters), the
 * rest counted as `other`; codes outside the documented vocabulary count as `OTHER`.
 */
export interface ApiMetrics {
  registry: Registry;
  rateLimited: Counter;
  plugin: ApolloServerPlugin<Context>;
  route: (fastify: FastifyInstance) => void;
  /** Counts an answer given without Apollo (a response-cache hit of the HTTP fast path). */
  countCachedAnswer(operationName: string | null, seconds: number): void;
}

export const MAX_OPERATION_LABELS = 200;
export const MAX_OPERATION_NAME_LENGTH = 64;
export const OTHER_OPERATION = 'other';

import type { StructureState } from '../network/metricsCache.js';

export interface MetricsOptions {
  /** When set (trusted documents), the only operation names that get their own series. */
  knownOperations?: Iterable<string>;
  /** When set, /metrics needs `Authorization: Bearer <token>`; when not, it answers loopback clients only. */
  token?: string;
  /** Error codes that get their own series; any other is `OTHER`. */
  codes: Iterable<string>;
  /** The response cache's counts, when there is one. */
  responseCache?: () => CacheStats;
  /** The graph's structure in memory (MetricsCache.structureState), when there is one. */
  graphStructure?: () => StructureState;
}

/** Maps client-given operation names onto a bounded set of label values. */
export function operationLabeller(known?: Iterable<string>): (name: string | null | undefined) => string {
  const closed = known !== undefined;
  const names = new Set<string>(known ?? []);
  return (name) => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (closed || name.length > MAX_OPERATION_NAME_LENGTH || names.size >= MAX_OPERATION_LABELS) return OTHER_OPERATION;
    names.add(name);
    return name;
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a request may read /metrics: the token when one is configured, else a loopback peer. */
function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = bearerToken(request.headers.authorization);
    return given !== null && timingSafeEqual(digest(given), digest(token));
  }
  const peer = request.socket.remoteAddress ?? '';
  return peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
}

export function createMetrics(db: Database, options: MetricsOptions = { codes: Object.values(ErrorCode) }): ApiMetrics {
  const operationLabel = operationLabeller(options.knownOperations);
  const codes = new Set(['OK', ...options.codes]);
  const registry = new Registry();
  const operations = new Counter({ name: 'graphql_operations_total', help: 'GraphQL operations by operation name and outcome code (OK when no error).', labelNames: ['operation', 'code'], registers: [registry] });
  const latency = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time from request to response of GraphQL operations.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const roundTrips = new Counter({ name: 'neo4j_round_trips_total', help: 'Queries sent to Neo4j by GraphQL operations.', registers: [registry] });
  const cacheStats = options.responseCache;
  if (cacheStats) {
    const series = [
      ['response_cache_hits_total', 'Read operations answered from the response cache.', 'hits'],
      ['response_cache_early_hits_total', 'Of those, answered before Apollo (anonymous POST, exact same request as stored).', 'early'],
      ['response_cache_misses_total', 'Cacheable read operations that had to run.', 'misses'],
      ['response_cache_evictions_total', 'Answers dropped to stay within RESPONSE_CACHE_MIB.', 'evictions'],
      ['response_cache_bytes', 'Bytes of answers held (UTF-8, keys included).', 'bytes'],
      ['response_cache_entries', 'Answers held.', 'entries'],
    ] as const;
    for (const [name, help, field] of series) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(cacheStats()[field]);
        },
      });
    }
  }
  const structureState = options.graphStructure;
  if (structureState) {
    const series = [
      ['graph_structure_version', 'Data version of the graph structure held in memory for ego networks and maps (-1: none yet); behind the data version while a newer one is read.', (state: StructureState) => state.version ?? -1],
      ['graph_structure_reads_total', 'Reads of the graph structure (at start and after writes).', (state: StructureState) => state.reads],
      ['graph_structure_read_seconds', 'How long the last read of the graph structure took.', (state: StructureState) => state.lastReadSeconds ?? 0],
      ['graph_structure_relationships', 'Relationships in the graph structure held in memory.', (state: StructureState) => state.relationships],
    ] as const;
    for (const [name, help, value] of series) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(value(structureState()));
        },
      });
    }
  }
  new Gauge({
    name: 'neo4j_sessions_open',
    help: 'Neo4j sessions open right now (each holds a pooled connection while it runs).',
    registers: [registry],
    collect() {
      this.set(db.stats.openSessions);
    },
  });
  new Gauge({
    name: 'neo4j_round_trips_process_total',
    help: 'All queries sent to Neo4j by this process (imports, health checks, migrations included).',
    registers: [registry],
    collect() {
      this.set(db.stats.roundTrips);
    },
  });
  const rateLimited = new Counter({ name: 'rate_limit_rejections_total', help: 'Requests refused by the rate limit.', registers: [registry] });

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const operation = operationLabel(operationName);
          // The answer as sent (after formatError), so the code is the one the client saw.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const given = (errors?.[0]?.extensions?.code as string | undefined) ?? 'OK';
          const code = codes.has(given) ? given : 'OTHER';
          operations.inc({ operation, code });
          latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          roundTrips.inc(contextValue?.stats?.roundTrips ?? 0);
        },
      };
    },
  };

  const route = (fastify: FastifyInstance) => {
    fastify.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request, options.token)) {
      const open = options.token === undefined;
      return sendErrors(reply, open ? 403 : 401, [
        {
          message: open ? '/metrics answers only local clients unless METRICS_TOKEN is set.' : '/metrics needs `Authorization: Bearer <METRICS_TOKEN>`.',
          extensions: { code: open ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED },
        },
      ]);
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  };
  const countCachedAnswer = (operationName: string | null, seconds: number) => {
    const operation = operationLabel(operationName);
    operations.inc({ operation, code: 'OK' });
    latency.observe({ operation }, seconds);
  };
  return { registry, rateLimited, plugin, route, countCachedAnswer };
}
