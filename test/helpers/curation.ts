import { afterAll } from 'vitest';

import { cypher, runQuery } from '../../src/database/runQuery.js';
import type { GraphQLResponse, TestApi } from './testApi.js';

/**
 * What the curation tests share: an admin token for the API they start, a curator token
 * they create through the API, and clean-up. The tests write only entities, relationships
 * and sources whose keys start with `cur-` / `src-cur-` (so the seed graph the other test
 * files read is untouched) and remove them, the change log and the keys afterwards,
 * straight through Cypher: the API itself never deletes.
 */
export const ADMIN_TOKEN = `test-admin.${'a'.repeat(20)}${'B'.repeat(20)}`;

const removeCurationData = cypher(
  'removeCurationData',
  'WRITE',
  `CALL () { MATCH (n) WHERE (n:Entity OR n:Retired) AND n.id STARTS WITH 'cur-' DETACH DELETE n }
   CALL () { MATCH ()-[r]->() WHERE r.id STARTS WITH 'cur-' DELETE r }
   CALL () { MATCH (s:Source) WHERE s.id STARTS WITH 'src-cur-' DELETE s }
   CALL () { MATCH (c:Change) DELETE c }
   CALL () { MATCH (k:ApiKey) DELETE k }
   RETURN 1 AS done`,
);

export function cleanUpCurationAfterAll(api: { current: TestApi }): void {
  afterAll(async () => {
    if (api.current) await runQuery({ db: api.current.db }, removeCurationData);
  });
}

/** Counts of everything in the database and the graph's counters: equal snapshots mean nothing changed. */
const snapshotQuery = cypher(
  'snapshot',
  'READ',
  `CALL () { MATCH (n) RETURN count(n) AS nodes }
   CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
   CALL () { MATCH (n) RETURN sum(size(keys(n))) AS nodeProperties }
   CALL () { MATCH ()-[r]->() RETURN sum(size(keys(r))) AS relationshipProperties }
   OPTIONAL MATCH (m:GraphMeta {id: 'graph'})
   RETURN nodes, relationships, nodeProperties, relationshipProperties, m.version AS version, m.changeSeq AS changeSeq`,
);

export async function snapshot(api: TestApi): Promise<Record<string, unknown>> {
  const [row] = await runQuery({ db: api.db }, snapshotQuery);
  return row!;
}

export function as(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export const SOURCE = [{ source: 'mm-ai-association-en', locator: 'line 12' }];

/** Fails with the errors when a response has any, so a test shows why. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}
