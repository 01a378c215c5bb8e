import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import type { SourceRecord } from '../entity/entity.model.js';
import { allSources, sourcesByIds } from './source.cypher.js';

/** Sources by key, in the order of `ids`; null for an unknown key. */
export async function findSourcesByIds(runner: QueryRunner, ids: readonly string[]): Promise<Array<SourceRecord | null>> {
  const rows = await runQuery(runner, sourcesByIds, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [(row.source as SourceRecord).id, row.source as SourceRecord]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Every source, in key order. */
export async function findAllSources(runner: QueryRunner): Promise<SourceRecord[]> {
  return (await runQuery(runner, allSources)).map((row) => row.source as SourceRecord);
}
