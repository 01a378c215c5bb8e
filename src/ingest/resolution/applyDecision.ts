import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import type { RelationshipSeed, SeedGraph } from '../importFormat.js';
import { writeDatasetGraph, type DatasetWrite } from '../pipeline.js';
import { enrichmentRows } from './enrichment.js';
import { namesOfEntity, reviewsToApply } from './resolution.cypher.js';
import { reviewOfKey } from './resolveOrganizations.js';
import type { ReviewApply } from './resolutionStore.js';

/** What a review keeps for its decision: the entry, the facts, and the relationships that wait on it. */
interface StoredApply extends ReviewApply {
  relationships: RelationshipSeed[];
}

export interface Decision {
  /** The review's id. */
  id: string;
  status: 'accepted' | 'created' | 'rejected';
  /** With ACCEPT: the entity the record is. */
  entityId: string | null;
}

/** The key of the entry a CREATE decision on this review writes, null when the review keeps none. */
export async function createdEntityOf(runner: QueryRunner, reviewId: string): Promise<string | null> {
  const [review] = await runQuery(runner, reviewsToApply, { ids: [reviewId] });
  return review ? entryIdOf(review.apply) : null;
}

/**
 * Writes a decided review at once, as the next import of its dataset would: ACCEPT adds the
 * record's identifiers, names, city, website and citation to the entity it is; CREATE writes
 * the record's own entry; both write the record's relationships whose other end is in the graph
 * (an end that still waits for review is written when that one is decided). REJECT writes
 * nothing. Everything cites the dataset record; the change feed names the decision. With
 * `dryRun`, everything is checked and nothing written (a decision that could not be written
 * is refused before it is recorded). Returns null when there is nothing to write (a rejection,
 * or a review queued before reviews kept what their decision writes: the next import of its
 * dataset applies it).
 */
export async function applyDecision(runner: QueryRunner, decision: Decision, origin: string, options: { dryRun?: boolean } = {}): Promise<DatasetWrite | null> {
  if (decision.status === 'rejected') return null;
  const [review] = await runQuery(runner, reviewsToApply, { ids: [decision.id] });
  if (!review || typeof review.apply !== 'string') return null;
  const apply = JSON.parse(review.apply) as StoredApply;
  const self = decision.status === 'accepted' ? decision.entityId! : apply.entry.id;

  // The other ends that were waiting for review: where their decisions put them, if decided.
  const others = new Set(apply.relationships.flatMap((relationship) => [relationship.from, relationship.to].map(reviewOfKey)).filter((id): id is string => id !== null && id !== decision.id));
  const keys = new Map<string, string>([[decision.id, self]]);
  for (const row of others.size > 0 ? await runQuery(runner, reviewsToApply, { ids: [...others] }) : []) {
    const key = row.status === 'accepted' ? (row.entityId as string | null) : row.status === 'created' ? ((row.entityId as string | null) ?? entryIdOf(row.apply)) : null;
    if (key) keys.set(row.id as string, key);
  }
  const endOf = (key: string) => {
    const waiting = reviewOfKey(key);
    return waiting === null ? key : (keys.get(waiting) ?? null);
  };
  const relationships: RelationshipSeed[] = [];
  for (const relationship of apply.relationships) {
    const from = endOf(relationship.from);
    const to = endOf(relationship.to);
    if (from && to && from !== to) relationships.push({ ...relationship, from, to });
  }

  const graph: SeedGraph = {
    sources: [], organizations: decision.status === 'created' ? [apply.entry] : [], people: [], projects: [], labels: [], events: [], relationships, claims: [],
  };
  const [names] = decision.status === 'accepted' ? await runQuery(runner, namesOfEntity, { id: self }) : [];
  const enrichments = decision.status === 'accepted'
    ? enrichmentRows([{ resolution: { kind: 'matched', entityId: self, how: 'decision', why: 'a curator accepted this match' }, facts: apply.facts }], () => (names?.names as string[] | undefined) ?? [])
    : [];
  return writeDatasetGraph(runner, graph, enrichments, [], { origin, dryRun: options.dryRun });
}

function entryIdOf(apply: unknown): string | null {
  return typeof apply === 'string' ? ((JSON.parse(apply) as StoredApply).entry?.id ?? null) : null;
}
