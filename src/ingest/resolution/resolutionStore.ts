import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { writeRecordedBatch, type ImportedChange, type ImportOrigin } from '../../domains/curation/importChangeLog.js';
import { enrichEntities, organizationsForResolution, queueReviews, reviewsOfDataset, settleReviews } from './resolution.cypher.js';
import type { OrganizationSeed } from '../importFormat.js';
import type { EnrichmentRow, RecordFacts } from './enrichment.js';
import {
  createResolver, type DecisionStatus, type KnownOrganization, type MatchCandidateRecord, type RememberedDecision, type Resolution, type Resolver,
} from './resolveOrganizations.js';

/**
 * What every connector reads before resolving and writes after: the organisations of the
 * graph and the remembered decisions of its dataset; the identifiers added to sure matches and
 * the records queued for review. One place, so that every dataset resolves the same way.
 */
export interface LoadedResolution {
  resolve: Resolver;
  decisions: Map<string, RememberedDecision>;
  /** The names (name, aliases, former names) of an organisation of the graph; empty when unknown. */
  namesOf: (id: string) => string[];
  /** The city of an organisation of the graph, null when it has none or is unknown. */
  cityOf: (id: string) => string | null;
}

export async function loadResolution(runner: QueryRunner, dataset: string): Promise<LoadedResolution> {
  const known: KnownOrganization[] = (await runQuery(runner, organizationsForResolution)).map((row) => ({
    id: row.id as string,
    name: row.name as string,
    names: (row.names as string[]).filter(Boolean),
    identifiers: row.identifiers as KnownOrganization['identifiers'],
    city: row.city as string | null,
  }));
  const rows = await runQuery(runner, reviewsOfDataset, { dataset });
  const decisions = new Map(rows.map((row) => [row.recordId as string, { status: row.status as DecisionStatus, entityId: row.entityId as string | null }]));
  const names = new Map(known.map((organization) => [organization.id, organization.names]));
  const cities = new Map(known.map((organization) => [organization.id, organization.city ?? null]));
  return { resolve: createResolver(known), decisions, namesOf: (id) => names.get(id) ?? [], cityOf: (id) => cities.get(id) ?? null };
}

/** A pending review a later import resolved surely: closed as the import found it. */
export interface SettledReview {
  id: string;
  status: 'accepted' | 'created';
  entityId: string;
  why: string;
}

/**
 * The pending reviews of a dataset that this run resolves surely: a record matched by an
 * identifier or a name, or one left with no candidate (its own new entity).
 */
export function settledReviews(
  dataset: string,
  decisions: Map<string, RememberedDecision>,
  outcomes: Iterable<{ recordId: string; resolution: Resolution; ownKey: string }>,
): SettledReview[] {
  const settled: SettledReview[] = [];
  for (const { recordId, resolution, ownKey } of outcomes) {
    if (decisions.get(recordId)?.status !== 'pending') continue;
    const id = `${dataset}:${recordId}`;
    if (resolution.kind === 'matched' && resolution.how !== 'decision') settled.push({ id, status: 'accepted', entityId: resolution.entityId, why: resolution.why });
    else if (resolution.kind === 'create') settled.push({ id, status: 'created', entityId: ownKey, why: 'no organisation of the graph is near it any more' });
  }
  return settled;
}

/**
 * What a decision on a review writes at once (applyDecision.ts): the entry the record becomes
 * (CREATE), what it adds to the entity it is (ACCEPT), and its relationships, whose ends that
 * wait for review are named `@review <id>` (the pipeline adds them and the dataset's source).
 */
export interface ReviewApply {
  entry: OrganizationSeed;
  facts: RecordFacts;
}

/** A record waiting for a curator, as the review queue stores it (`<dataset>:<record id>`). */
export function reviewRow(dataset: string, recordId: string, record: object, candidates: MatchCandidateRecord[], citation: string, apply?: ReviewApply): Record<string, unknown> {
  return {
    id: `${dataset}:${recordId}`, dataset, recordId, record: JSON.stringify(record), candidates: JSON.stringify(candidates), citation,
    ...(apply ? { apply } : {}),
  };
}

/**
 * Writes what sure matches add to entities and queues the undecided records, each a change of
 * `origin` in the feed; returns how many entities gained something and how many review items
 * are new or changed.
 */
export async function saveResolution(
  runner: QueryRunner,
  enrichments: EnrichmentRow[],
  reviews: Array<Record<string, unknown>>,
  batch: number,
  origin: ImportOrigin,
  settled: SettledReview[] = [],
): Promise<{ enriched: number; queued: number }> {
  let enriched = 0;
  let queued = 0;
  for (let start = 0; start < enrichments.length; start += batch) {
    const [row] = await writeRecordedBatch(runner, origin, [enrichEntities], async (run) => {
      const rows = await run(enrichEntities, { rows: enrichments.slice(start, start + batch) as unknown as Array<Record<string, unknown>> });
      const changes = ((rows[0]?.changes ?? []) as Array<{ id: string; fields: string[] }>).map(
        (change): ImportedChange => ({ action: 'UPDATED', targetKind: 'ENTITY', target: change.id, fields: change.fields }),
      );
      return { result: rows, changes };
    });
    enriched += (row?.enriched as number) ?? 0;
  }
  const at = new Date().toISOString();
  for (let start = 0; start < reviews.length; start += batch) {
    const [row] = await writeRecordedBatch(runner, origin, [queueReviews], async (run) => {
      const rows = await run(queueReviews, { rows: reviews.slice(start, start + batch), at });
      const changes = ((rows[0]?.changes ?? []) as Array<{ id: string; created: boolean }>).map(
        (change): ImportedChange => ({
          action: change.created ? 'CREATED' : 'UPDATED', targetKind: 'MATCH_REVIEW', target: change.id,
          fields: change.created ? [] : ['record', 'candidates'],
        }),
      );
      return { result: rows, changes };
    });
    queued += (row?.changed as number) ?? 0;
  }
  for (let start = 0; start < settled.length; start += batch) {
    const [row] = await writeRecordedBatch(runner, origin, [settleReviews], async (run) => {
      const rows = await run(settleReviews, { rows: settled.slice(start, start + batch) as unknown as Array<Record<string, unknown>>, at, by: origin });
      const changes = ((rows[0]?.ids ?? []) as string[]).map((id): ImportedChange => ({ action: 'UPDATED', targetKind: 'MATCH_REVIEW', target: id, fields: ['status'] }));
      return { result: rows, changes };
    });
    queued += (row?.settled as number) ?? 0;
  }
  return { enriched, queued };
}
