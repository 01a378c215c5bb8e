import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { keysetParameters, type KeysetRead } from '../shared/keysetConnection.js';
import { worksPage } from './work.cypher.js';
import type { WorkRecord } from './work.model.js';

export interface WorkSearch {
  organization: string;
  /** Only works co-authored with this organisation (a key); null for all. */
  with: string | null;
  fromYear: number | null;
  toYear: number | null;
  read: KeysetRead;
}

/** One page of an organisation's stored works, newest first, read by key, and how many there are; empty when none were stored. */
export async function findWorks(runner: QueryRunner, search: WorkSearch): Promise<{ total: number; page: Array<{ item: WorkRecord; key: unknown[] }> }> {
  const [row] = await runQuery(runner, worksPage, { id: search.organization, with: search.with, fromYear: search.fromYear, toYear: search.toYear, ...keysetParameters(search.read) });
  const page = (row?.page as Array<{ key: unknown[]; work: WorkRecord }>) ?? [];
  return {
    total: (row?.total as number) ?? 0,
    page: page.map(({ key, work }) => ({ key, item: { ...work, doi: work.doi ?? null, title: work.title ?? null, primaryTopic: work.primaryTopic ?? null } })),
  };
}
