import { afterAll, beforeAll, inject } from 'vitest';

import { readConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/database/database.js';
import { ensureAdminKey } from '../../src/domains/curation/apiKeyAdmin.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { MetricsCache } from '../../src/network/metricsCache.js';
import { createServer, type ApiServer } from '../../src/server.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface TestApi {
  url: string;
  db: Database;
  config: Config;
  /** The server's metrics and graph structure (MetricsCache). */
  metrics: MetricsCache;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** The environment that points the API at the test run's Neo4j. */
export function testEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const neo4j = inject('neo4j');
  return {
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    // Tests write through other processes (import commands) and ask right after: every cached read checks the data version.
    RESPONSE_CACHE_VERSION_TTL_MS: '0',
    ...extra,
  };
}

/** Starts the real HTTP server on a free port against the test Neo4j. */
export async function startTestApi(extra: Record<string, string> = {}, logger?: Logger): Promise<TestApi> {
  const config = readConfig(testEnvironment({ PORT: '0', HOST: '127.0.0.1', ...extra }));
  const db = await openDatabase(config);
  if (config.ADMIN_API_KEY) await ensureAdminKey({ db }, config.ADMIN_API_KEY);
  const server: ApiServer = createServer({ config, db, logger: logger ?? createLogger(config.LOG_LEVEL) });
  await server.start();
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    db,
    config,
    metrics: server.metrics,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body } as never;
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** One API for the tests of a file: started before them, stopped after. */
export function useTestApi(extra: Record<string, string> = {}): { current: TestApi } {
  const holder = {} as { current: TestApi };
  beforeAll(async () => {
    holder.current = await startTestApi(extra);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}
