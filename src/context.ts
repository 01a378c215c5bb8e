import type { Database } from './database/database.js';
import { authenticate } from './domains/curation/authorization.js';
import { createChangeLoaders, type ChangeLoaders } from './domains/curation/curation.loaders.js';
import type { Principal } from './domains/curation/curation.model.js';
import type { QueryRunner } from './database/runQuery.js';
import { createEntityLoaders, type EntityLoaders } from './domains/entity/entity.loaders.js';
import type { Logger } from './logger.js';
import type { MetricsCache } from './network/metricsCache.js';
import { createNetworkLoaders, type NetworkLoaders } from './network/network.loaders.js';
import type { RateLimitState } from './http/rateLimit.js';

/** What every resolver receives: the request's database access, loaders and identity. */
export interface Context {
  runner: QueryRunner;
  loaders: EntityLoaders;
  network: NetworkLoaders;
  changes: ChangeLoaders;
  /** Graph metrics shared by all requests, recomputed when the data changes. */
  metrics: MetricsCache;
  stats: { roundTrips: number };
  logger: Logger;
  requestId: string;
  /** The API key's holder, looked up once and only when an operation needs it; null without a valid key. */
  principal(): Promise<Principal | null>;
  /** Nodes the operation may return and the budget, and its cost figure and limit, set before execution (reported in extensions). */
  cost?: { nodes: number; points: number; budget: number; complexity: number; maxComplexity: number };
  /** The caller's request budget after this request; null without a rate limit. */
  rateLimit: RateLimitState | null;
}

export interface ContextOptions {
  db: Database;
  logger: Logger;
  requestId: string;
  signal?: AbortSignal;
  metrics: MetricsCache;
  /** The request's token (`Authorization: Bearer` or `x-api-key`), if any. */
  credential?: string | null;
  rateLimit?: RateLimitState | null;
}

/** A fresh context per request: new loaders (their caches live for one request only). */
export function createContext(options: ContextOptions): Context {
  const stats = { roundTrips: 0 };
  const runner: QueryRunner = { db: options.db, stats, signal: options.signal };
  let principal: Promise<Principal | null> | null = null;
  return {
    principal: () => (principal ??= authenticate(options.credential ?? null, { runner })),
    runner,
    loaders: createEntityLoaders(runner),
    network: createNetworkLoaders(runner, options.metrics),
    changes: createChangeLoaders(runner),
    metrics: options.metrics,
    rateLimit: options.rateLimit ?? null,
    stats,
    logger: options.logger,
    requestId: options.requestId,
  };
}
