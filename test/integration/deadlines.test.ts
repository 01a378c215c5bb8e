import { EventEmitter } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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

  it('stops the database work of an HTTP request whose client went away after sending its body', async () => {
    // A real server and client: the request's own 'close' comes as soon as its body is read, so
    // only the response's tells that the client left (the API's requests are read whole first).
    let work: Promise<unknown> | undefined;
    let settledAt: number | undefined;
    const server = createHttpServer((request, response) => {
      // The body read whole first, as the API's routes do.
      request.resume();
      request.on('end', () => {
        work = runQuery({ db, signal: requestSignal(response, 60_000) }, slowQuery);
        work.then(() => response.end('{"done":true}'), () => undefined).finally(() => (settledAt = Date.now()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new AbortController();
      const call = fetch(`http://127.0.0.1:${port}/slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: client.signal });
      for (let attempt = 0; attempt < 50 && !work; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settledAt).toBeUndefined(); // still running while the client waits
      client.abort();
      await expect(call).rejects.toThrow();
      await expect(work).rejects.toBeInstanceOf(TimeoutError);
      expect(await slowQueriesStillRunning()).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('aborts a request signal when the client goes away before the answer, not after', () => {
    const unanswered = Object.assign(new EventEmitter(), { writableFinished: false });
    const signal = requestSignal(unanswered as never, 60_000);
    expect(signal.aborted).toBe(false);
    unanswered.emit('close');
    expect(signal.aborted).toBe(true);

    const answered = Object.assign(new EventEmitter(), { writableFinished: true });
    const calm = requestSignal(answered as never, 60_000);
    answered.emit('close');
    expect(calm.aborted).toBe(false);
    // One signal per request, whoever asks first (the cache's fast path or Apollo's context).
    expect(requestSignal(answered as never, 60_000)).toBe(calm);
  });
});
