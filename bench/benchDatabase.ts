import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/database/database.js';
import { startEmbeddedNeo4j } from '../src/database/embeddedNeo4j.js';
import { migrate } from '../src/database/migrations.js';
import { freePort } from '../test/helpers/neo4jForTests.js';

export interface BenchDatabase {
  db: Database;
  /** Settings that point another process (the API, the peer) at the same database. */
  environment: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A database for a benchmark run: NEO4J_URI when set (it is written to!), else a throw-away
 * embedded Neo4j with the given heap and page cache.
 */
export async function openBenchDatabase(memory: { heap: string; pageCacheMiB: number } = { heap: '4g', pageCacheMiB: 2048 }): Promise<BenchDatabase> {
  if (process.env.NEO4J_URI) {
    const config = readConfig();
    const db = await openDatabase(config);
    await migrate({ db });
    const environment = { NEO4J_URI: config.NEO4J_URI!, NEO4J_USERNAME: config.NEO4J_USERNAME, NEO4J_PASSWORD: config.NEO4J_PASSWORD ?? '', NEO4J_DATABASE: config.NEO4J_DATABASE };
    return { db, environment, close: () => db.close() };
  }
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-bench-'));
  const embedded = await startEmbeddedNeo4j({
    dataDirectory,
    port: await freePort(),
    heap: process.env.BENCH_HEAP ?? memory.heap,
    pageCacheMiB: Number(process.env.BENCH_PAGECACHE_MIB ?? memory.pageCacheMiB),
  });
  const environment = { NEO4J_URI: embedded.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: '', NEO4J_DATABASE: 'neo4j', NEO4J_TRANSACTION_TIMEOUT_MS: '600000' };
  const db = await openDatabase(readConfig(environment));
  await migrate({ db });
  return {
    db,
    environment,
    async close() {
      await db.close();
      await embedded.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
