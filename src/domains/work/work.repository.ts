import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { worksPage } from './work.cypher.js';
import type { WorkRecord } from './work.model.js';

export interface WorkSearch {
  organization: string;
  /** Only works co-authored with this organisation (a key); null for all. */
  with: string | null;
  fromYear: number | null;
  toYear: number | null;
  offset: number;
  limit: number;
}

/** One page of an organisation's stored works, newest first, and how many there are; empty when none were stored. */
export async function findWorks(runner: QueryRunner, search: WorkSearch): Promise<{ total: number; page: WorkRecord[] }> {
  const [row] = await runQuery(runner, worksPage, { id: search.organization, with: search.with, fromYear: search.fromYear, toYear: search.toYear, offset: search.offset, limit: search.limit });
  return { total: (row?.total as number) ?? 0, page: ((row?.page as WorkRecord[]) ?? []).map((work) => ({ ...work, doi: work.doi ?? null, title: work.title ?? null, primaryTopic: work.primaryTopic ?? null })) };
}
