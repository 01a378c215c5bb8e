import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import type { EntityRecord, RelationshipRecord, SourceRecord } from '../entity/entity.model.js';
import { allSources, citationsOfSource, searchSourcePage, searchSources, sourcePage, sourcesByIds } from './source.cypher.js';
import { keysetParameters, type KeysetRead } from '../shared/keysetConnection.js';

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

/** One page of the sources (`query`: a Lucene query, best first; null: all, in key order) and how many there are. */
export async function findSourcePage(runner: QueryRunner, query: string | null, offset: number, limit: number): Promise<{ total: number; page: SourceRecord[] }> {
  const [row] = query ? await runQuery(runner, searchSourcePage, { query, offset, limit }) : await runQuery(runner, sourcePage, { offset, limit });
  return { total: Number(row?.total ?? 0), page: (row?.sources ?? []) as SourceRecord[] };
}

/** Sources matching a Lucene query (see toLuceneQuery), best first, at most 100. */
export async function searchSourcesByText(runner: QueryRunner, query: string): Promise<SourceRecord[]> {
  return (await runQuery(runner, searchSources, { query })).map((row) => row.source as SourceRecord);
}

/** One citation of a source: where, and the entity or relationship citing it. */
export interface SourceCitationRecord {
  locator: string;
  entity: EntityRecord | null;
  relationship: RelationshipRecord | null;
}

/** A citation as served in a page, with its cursor. */
export interface SourceCitationEdgeRecord extends SourceCitationRecord {
  cursor: string;
}

/** One page of the citations of a source, read by key, each with its key; and their total. */
export async function findCitationsOf(runner: QueryRunner, sourceId: string, read: KeysetRead): Promise<{ total: number; page: Array<{ item: SourceCitationRecord; key: unknown[] }> }> {
  const [row] = await runQuery(runner, citationsOfSource, { prefix: `${sourceId}#`, ...keysetParameters(read) });
  const page = (row?.page as Array<SourceCitationRecord & { key: unknown[] }>) ?? [];
  return { total: (row?.total as number) ?? 0, page: page.map(({ key, ...item }) => ({ item, key })) };
}
