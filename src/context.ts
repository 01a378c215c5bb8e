import type { Database } from './database/database.js';
import type { QueryRunner } from './database/runQuery.js';
import { createEntityLoaders, type EntityLoaders } from './domains/entity/entity.loaders.js';
import type { Logger } from './logger.js';

/** What every resolver receives: the request's database access, loaders and identity. */
export interface Context {
  runner: QueryRunner;
  loaders: EntityLoaders;
  stats: { roundTrips: number };
  logger: Logger;
  requestId: string;
}

export interface ContextOptions {
  db: Database;
  logger: Logger;
  requestId: string;
  signal?: AbortSignal;
}

/** A fresh context per request: new loaders (their caches live for one request only). */
export function createContext(options: ContextOptions): Context {
  const stats = { roundTrips: 0 };
  const runner: QueryRunner = { db: options.db, stats, signal: options.signal };
  return {
    runner,
    loaders: createEntityLoaders(runner),
    stats,
    logger: options.logger,
    requestId: options.requestId,
  };
}
