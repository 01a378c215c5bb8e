import type { ApolloServerPlugin } from '@apollo/server';
import type { Router } from 'express';
import express from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Context } from '../context.js';
import type { Database } from '../database/database.js';

/**
 * Prometheus metrics of one API process: GraphQL operations by name and outcome code,
 * their latency, Neo4j round trips, open sessions and pool use, rate-limit rejections.
 * One registry per server (tests start several in one process).
 */
export interface ApiMetrics {
  registry: Registry;
  rateLimited: Counter;
  plugin: ApolloServerPlugin<Context>;
  route: Router;
}

export function createMetrics(db: Database): ApiMetrics {
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
          const operation = operationName ?? 'anonymous';
          // The answer as sent (after formatError), so the code is the one the client saw.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = (errors?.[0]?.extensions?.code as string | undefined) ?? 'OK';
          operations.inc({ operation, code });
          latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          roundTrips.inc(contextValue?.stats?.roundTrips ?? 0);
        },
      };
    },
  };

  const route = express.Router();
  route.get('/metrics', async (_request, response) => {
    response.setHeader('content-type', registry.contentType);
    response.send(await registry.metrics());
  });
  return { registry, rateLimited, plugin, route };
}
