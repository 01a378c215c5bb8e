import { runQuery, type QueryRunner } from '../database/runQuery.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import { bumpGraphVersion } from './graphWriter.cypher.js';
import { checkGraph, ImportRejectedError, writeGraph, type ImportReport } from './graphWriter.js';
import type { SeedProblem } from './folder/readFolder.js';
import type { RelationshipSeed, SeedGraph } from './importFormat.js';
import { cleanDatasetText, recordOf, type TextRepair } from './datasetText.js';
import type { Progress } from './progress.js';
import type { EnrichmentRow } from './resolution/enrichment.js';
import { reviewOfKey } from './resolution/resolveOrganizations.js';
import { saveResolution, type ReviewApply, type SettledReview } from './resolution/resolutionStore.js';
import { citeStatedElsewhere, findStatedElsewhere, type StatedElsewhere } from './resolution/statedElsewhere.js';

/**
 * The last step every connector shares, once its records are read, checked and resolved:
 * relationships another source already stated get the dataset's citation instead of a second
 * copy; the rest is written by the import of seeds/ (validation, curated-edit guard, unchanged
 * entries left alone); sure matches get what the records add; uncertain ones are queued.
 * Everything is checked before anything is written. With `dryRun`, only what it would do is
 * counted.
 *
 * A connector with very many relationships (a million co-publication links) gives them as
 * `relationshipChunks`, made one chunk at a time, so that they are never all in memory as
 * import entries: every chunk is checked first, then each is written.
 */
export interface DatasetWrite {
  written: ImportReport | null;
  /** Entities that gained an identifier, alias, city, website or citation. */
  enriched: number;
  /** Relationships another source stated that this dataset states too (their citation added). */
  alsoStated: number;
  /** Texts that broke the API's text rules and were cleaned before writing (datasetText.ts). */
  repaired: TextRepair[];
}

export interface DatasetWriteOptions {
  dryRun?: boolean;
  batchSize?: number;
  progress?: Progress;
  /** Pending reviews this run resolved surely, closed after the write (resolutionStore.ts). */
  settled?: SettledReview[];
  /** More relationships, made a chunk at a time (called once to check them, once to write them). */
  relationshipChunks?: { count: number; chunks: () => Iterable<RelationshipSeed[]> };
  /** Who the change feed names (default: `import of <the dataset's source>`). */
  origin?: string;
}

/** Relationships kept with one review, at most: a record in review rarely has more (a CORDIS participant's projects). */
const MAX_WAITING_PER_REVIEW = 2_000;

/**
 * Takes out the relationships with an end that waits for review (`@review <id>`, see
 * entityKeyOf) and keeps each with its review or reviews, with what a decision writes at once
 * (ReviewApply): they are written when a curator decides (applyDecision.ts), not before.
 */
function keepWaitingWithReviews(relationships: RelationshipSeed[], reviews: Array<Record<string, unknown>>): RelationshipSeed[] {
  const own: RelationshipSeed[] = [];
  const waiting = new Map<string, RelationshipSeed[]>();
  for (const relationship of relationships) {
    const ends = [reviewOfKey(relationship.from), reviewOfKey(relationship.to)].filter((id): id is string => id !== null);
    if (ends.length === 0) {
      own.push(relationship);
      continue;
    }
    for (const id of new Set(ends)) {
      const list = waiting.get(id) ?? [];
      if (list.length < MAX_WAITING_PER_REVIEW) list.push(relationship);
      waiting.set(id, list);
    }
  }
  for (const review of reviews) {
    const apply = review.apply as ReviewApply | undefined;
    review.apply = apply ? JSON.stringify({ ...apply, relationships: waiting.get(review.id as string) ?? [] }) : null;
  }
  return own;
}

const EMPTY: SeedGraph = { sources: [], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };

export async function writeDatasetGraph(
  runner: QueryRunner,
  graph: SeedGraph,
  enrichments: EnrichmentRow[],
  reviews: Array<Record<string, unknown>>,
  options: DatasetWriteOptions = {},
): Promise<DatasetWrite> {
  const batch = options.batchSize ?? 5_000;
  graph = { ...graph, relationships: keepWaitingWithReviews(graph.relationships, reviews) };
  // The API's text rules, on everything the dataset brings, before anything is checked or written.
  const repaired: TextRepair[] = [];
  for (const entries of [graph.sources, graph.organizations, graph.people, graph.projects, graph.labels, graph.events, graph.relationships, graph.claims] as Array<Array<{ id?: unknown; sources?: unknown }>>) {
    for (const entry of entries) cleanDatasetText(entry, recordOf(entry), repaired);
  }
  for (const row of enrichments) cleanDatasetText(row, row.citations[0] ?? row.id, repaired);
  for (const review of reviews) {
    const before = repaired.length;
    const record = cleanDatasetText(JSON.parse(review.record as string) as unknown, String(review.citation ?? review.id), repaired);
    if (repaired.length > before) review.record = JSON.stringify(record);
  }
  // Chunks are made twice (checked, then written): the same cleaning both times, reported once.
  const chunkRepairs: TextRepair[] = [];
  const parts = function* (): Iterable<RelationshipSeed[]> {
    if (graph.relationships.length > 0) yield graph.relationships;
    if (!options.relationshipChunks) return;
    for (const chunk of options.relationshipChunks.chunks()) {
      const found: TextRepair[] = [];
      for (const entry of chunk) cleanDatasetText(entry, recordOf(entry), found);
      if (chunkRepairs.length < 1_000) chunkRepairs.push(...found.slice(0, 1_000));
      yield chunk;
    }
  };

  // Check everything first: the entities and sources, then each part of the relationships.
  const base: SeedGraph = { ...graph, relationships: [] };
  const problems: SeedProblem[] = [...(await checkGraph(runner, base, batch))];
  const defined = {
    entities: new Map<string, EntityLabel>([
      ...graph.organizations.map((entry) => [entry.id, 'Organization'] as const),
      ...graph.people.map((entry) => [entry.id, 'Person'] as const),
      ...graph.projects.map((entry) => [entry.id, 'Project'] as const),
    ]),
    sources: new Set(graph.sources.map((source) => source.id)),
  };
  // What other sources stated is looked up once for the graph's own relationships (kept for the
  // write), and once per chunk in each pass for chunks (which are not kept).
  const stated = new Map<RelationshipSeed[], StatedElsewhere>();
  const statedOf = async (part: RelationshipSeed[]) => {
    const known = stated.get(part);
    if (known) return known;
    const found = await findStatedElsewhere(runner, part, batch);
    if (part === graph.relationships) stated.set(part, found);
    return found;
  };
  let alsoStated = 0;
  for (const part of parts()) {
    const { own, cited } = await statedOf(part);
    alsoStated += cited.length;
    problems.push(...(await checkGraph(runner, { ...EMPTY, relationships: own }, batch, undefined, defined)));
  }
  if (problems.length > 0) throw new ImportRejectedError(problems);
  repaired.push(...chunkRepairs);
  if (options.dryRun) return { written: null, enriched: 0, alsoStated, repaired };

  const total = base.sources.length + base.organizations.length + base.people.length + base.projects.length + graph.relationships.length + (options.relationshipChunks?.count ?? 0);
  let done = 0;
  const progress: Progress | undefined = options.progress && {
    tick: (count) => options.progress!.tick(count, (done += count), total),
    finish: () => undefined,
  };
  // The feed names the import by the dataset record(s) it reads: `import of cordis-h2020-2024-09`.
  const origin = options.origin ?? `import of ${graph.sources[0]?.id ?? 'open data'}${graph.sources.length > 1 ? ` and ${graph.sources.length - 1} more` : ''}`;
  const written = await writeGraph(runner, base, batch, progress, false, origin);
  written.relationships ??= { created: 0, updated: 0, unchanged: 0 };
  alsoStated = 0;
  for (const part of parts()) {
    const { own, cited } = await statedOf(part);
    const report = await writeGraph(runner, { ...EMPTY, relationships: own }, batch, progress, false, origin);
    for (const key of ['created', 'updated', 'unchanged'] as const) written.relationships[key] += report.relationships![key];
    alsoStated += await citeStatedElsewhere(runner, cited, batch, origin);
  }
  options.progress?.finish();
  const { enriched, queued } = await saveResolution(runner, enrichments, reviews, batch, origin, options.settled);
  // The review queue is read through the API too (pendingMatches): queuing records changes the data.
  if (alsoStated + enriched + queued > 0) await runQuery(runner, bumpGraphVersion);
  return { written, enriched, alsoStated, repaired };
}
