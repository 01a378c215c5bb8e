import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { Database } from '../../src/database/database.js';
import { cypher, runQuery, runTransaction } from '../../src/database/runQuery.js';

/**
 * What each query costs in messages to Neo4j: the driver's own debug log of the messages it
 * sends (its `C:` lines) is read for one query at a time.
 */
const sent: string[] = [];
let db: Database;
beforeAll(() => {
  const server = inject('neo4j');
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password), {
    logging: { level: 'debug', logger: (_level, message) => void (/ C: [A-Z]+/.test(message) && sent.push(/ C: ([A-Z]+)/.exec(message)![1]!)) },
  });
  db = { driver, name: server.database, transactionTimeoutMs: 10_000, stats: { openSessions: 0, roundTrips: 0 }, close: () => driver.close() };
});
afterAll(async () => {
  await db.close();
});

async function messagesOf(run: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await run();
  return sent.filter((message) => message !== 'RESET' && message !== 'HELLO' && message !== 'LOGON');
}

describe('round trips to Neo4j', () => {
  it('sends a single read as one auto-commit query (RUN and PULL, no BEGIN or COMMIT to wait for)', async () => {
    const read = cypher('oneRead', 'READ', 'RETURN 1 AS one');
    const messages = await messagesOf(() => runQuery({ db }, read));
    expect(messages).toEqual(['RUN', 'PULL']);
  });

  it('keeps a write in a managed transaction, and several reads in one', async () => {
    const write = cypher('oneWrite', 'WRITE', 'MERGE (m:RoundTripProbe {id: $id}) RETURN m.id AS id');
    expect(await messagesOf(() => runQuery({ db }, write, { id: 'probe' }))).toEqual(['BEGIN', 'RUN', 'PULL', 'COMMIT']);
    const read = cypher('probeRead', 'READ', 'MATCH (m:RoundTripProbe) RETURN count(m) AS n');
    const messages = await messagesOf(() => runTransaction({ db }, 'READ', async (tx) => [await tx.run(read.text), await tx.run(read.text)]));
    expect(messages).toEqual(['BEGIN', 'RUN', 'PULL', 'RUN', 'PULL', 'COMMIT']);
    await runQuery({ db }, cypher('probeCleanUp', 'WRITE', 'MATCH (m:RoundTripProbe) DELETE m'));
  });

  it('reads the same rows either way', async () => {
    const read = cypher('rowsRead', 'READ', 'UNWIND range(1, 3) AS n RETURN n, {square: n * n} AS detail');
    const single = await runQuery({ db }, read);
    const managed = await runTransaction({ db }, 'READ', async (tx) => (await tx.run(read.text)).records.map((record) => ({ n: record.get('n').toNumber(), detail: { square: record.get('detail').square.toNumber() } })));
    expect(single).toEqual(managed);
    expect(single).toHaveLength(3);
  });
});
