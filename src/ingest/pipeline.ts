import { runQuery, type QueryRunner } from '../database/runQuery.js';
import { bumpGraphVersion } from '../seed/import.cypher.js';
import { importGraph, type ImportReport } from '../seed/importGraph.js';
import type { SeedGraph } from '../seed/seedModel.js';
import type { Progress } from './progress.js';
import type { EnrichmentRow } from './resolution/enrichment.js';
import { saveResolution } from './resolution/resolutionStore.js';
import { citeStatedElsewhere, findStatedElsewhere } from './resolution/statedElsewhere.js';

/**
 * The last step every connector shares, once its records are read, checked and resolved:
 * relationships another source already stated get the dataset's citation instead of a second
 * copy; the rest is written by the import of seeds/ (validation, curated-edit guard, unchanged
 * entries left alone); sure matches get what the records add; uncertain ones are queued.
 * With `dryRun`, only what it would do is counted.
 */
export interface DatasetWrite {
  written: ImportReport | null;
  /** Entities that gained an identifier, alias, city, website or citation. */
  enriched: number;
  /** Relationships another source stated that this dataset states too (their citation added). */
  alsoStated: number;
}

export interface DatasetWriteOptions {
  dryRun?: boolean;
  batchSize?: number;
  progress?: Progress;
}

export async function writeDatasetGraph(
  runner: QueryRunner,
  graph: SeedGraph,
  enrichments: EnrichmentRow[],
  reviews: Array<Record<string, unknown>>,
  options: DatasetWriteOptions = {},
): Promise<DatasetWrite> {
  const batch = options.batchSize ?? 5_000;
  const { own, cited } = await findStatedElsewhere(runner, graph.relationships, batch);
  if (options.dryRun) return { written: null, enriched: 0, alsoStated: cited.length };
  const written = await importGraph(runner, { ...graph, relationships: own }, batch, undefined, options.progress);
  const alsoStated = await citeStatedElsewhere(runner, cited, batch);
  const enriched = await saveResolution(runner, enrichments, reviews, batch);
  if (alsoStated + enriched > 0) await runQuery(runner, bumpGraphVersion);
  return { written, enriched, alsoStated };
}
