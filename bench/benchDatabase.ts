import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/database/database.js';
import { migrate } from '../src/database/migrations.js';
import { freePort } from '../test/helpers/neo4jForTests.js';

/**
 * A database for a benchmark run: NEO4J_URI when set (it is written to!), else a throw-away
 * embedded Neo4j with a larger heap and page cache.
 */
export async function openBenchDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  if (process.env.NEO4J_URI) {
    const db = await openDatabase(readConfig());
    await migrate({ db });
    return { db, close: () => db.close() };
  }
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-bench-'));
  const db = await openDatabase(
    readConfig({
      NEO4J_EMBEDDED_DATA_DIR: dataDirectory,
      NEO4J_EMBEDDED_PORT: String(await freePort()),
      NEO4J_EMBEDDED_HEAP: process.env.BENCH_HEAP ?? '4g',
      NEO4J_EMBEDDED_PAGECACHE_MIB: process.env.BENCH_PAGECACHE_MIB ?? '2048',
      NEO4J_TRANSACTION_TIMEOUT_MS: '600000',
    }),
  );
  await migrate({ db });
  return {
    db,
    async close() {
      await db.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
