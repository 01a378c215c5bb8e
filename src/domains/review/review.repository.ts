import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { keysetParameters, type KeysetRead } from '../shared/keysetConnection.js';
import { reviewById, reviewPage } from './review.cypher.js';

/** A review as stored; `record` and `candidates` are JSON texts. */
export interface MatchReviewRecord {
  id: string;
  dataset: string;
  recordId: string;
  record: string;
  candidates: string;
  status: 'pending' | 'accepted' | 'created' | 'rejected';
  entityId: string | null;
  citation: string | null;
  queuedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** One page of reviews in a state (and dataset), oldest first, read by key, each with its key; and their total. */
export async function findReviews(
  runner: QueryRunner,
  filter: { status: string; dataset: string | null },
  read: KeysetRead,
): Promise<{ total: number; page: Array<{ item: MatchReviewRecord; key: unknown[] }> }> {
  const [row] = await runQuery(runner, reviewPage, { ...filter, ...keysetParameters(read) });
  const page = (row?.page as Array<{ key: unknown[]; review: MatchReviewRecord }>) ?? [];
  return { total: (row?.total as number) ?? 0, page: page.map((entry) => ({ item: entry.review, key: entry.key })) };
}

/** The review with this id; null when none. */
export async function findReview(runner: QueryRunner, id: string): Promise<MatchReviewRecord | null> {
  const [row] = await runQuery(runner, reviewById, { id });
  return (row?.review as MatchReviewRecord | undefined) ?? null;
}
