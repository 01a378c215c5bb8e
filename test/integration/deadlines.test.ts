import { EventEmitter } from 'node:events';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { readConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/database/database.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { TimeoutError } from '../../src/errors.js';
import { requestSignal } from '../../src/server.js';

/** A query that keeps Neo4j busy for many seconds. */
const slowQuery = cypher('slowForTests', 'READ', 'UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n');
const runningSlowQueries = cypher(
  'runningSlowQueries',
  'READ',
  // The marker comes as a parameter, so that this query's own text does not match it.
  'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker RETURN count(*) AS running',
);

let db: Database;
beforeAll(async () => {
  const neo4j = inject('neo4j');
  db = await openDatabase(readConfig({ NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_TRANSACTION_TIMEOUT_MS: '60000' }));
});
afterAll(async () => {
  await db.close();
});

async function slowQueriesStillRunning(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const [row] = await runQuery({ db }, runningSlowQueries, { marker: 'slowForTests' });
    if ((row!.running as number) === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const [row] = await runQuery({ db }, runningSlowQueries, { marker: 'slowForTests' });
  return row!.running as number;
}

describe('deadlines and cancelled requests', () => {
  it('stops the database work when the request signal aborts (deadline passed or client gone), and releases the session', async () => {
    const controller = new AbortController();
    const running = runQuery({ db, signal: controller.signal }, slowQuery);
    setTimeout(() => controller.abort(), 500);
    await expect(running).rejects.toBeInstanceOf(TimeoutError);
    // The answer does not wait for the session to close (a hung database would hold it); it closes just after.
    for (let attempt = 0; attempt < 50 && db.stats.openSessions > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(db.stats.openSessions).toBe(0);
    expect(await slowQueriesStillRunning()).toBe(0);
  });

  it('stops a transaction at the configured transaction timeout with a typed error', async () => {
    const strict = { ...db, transactionTimeoutMs: 300 };
    await expect(runQuery({ db: strict }, slowQuery)).rejects.toMatchObject({ extensions: { code: 'TIMEOUT' } });
    expect(await slowQueriesStillRunning()).toBe(0);
  });

  it('aborts a request signal when the client goes away before the answer, not after', () => {
    const request = new EventEmitter();
    const unanswered = { writableFinished: false };
    const signal = requestSignal(request as never, unanswered as never, 60_000);
    expect(signal.aborted).toBe(false);
    request.emit('close');
    expect(signal.aborted).toBe(true);

    const answered = new EventEmitter();
    const calm = requestSignal(answered as never, { writableFinished: true } as never, 60_000);
    answered.emit('close');
    expect(calm.aborted).toBe(false);
  });
});
