import { createHash } from 'node:crypto';

import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { bumpGraphVersion } from '../graphWriter.cypher.js';
import type { Progress } from '../progress.js';
import type { ExampleWork } from './coPublications.js';
import { mergeWorks } from './works.cypher.js';

/**
 * `import:openalex --store-works`: the kept works as `Work` nodes, each linked to the
 * organisations of the graph among its authors' institutions, so that `Organization.works`
 * lists them (and a pair's works, not only its examples). Meant for small scopes: every kept
 * work is held in memory until the write, and each costs a node and one relationship per
 * organisation in the database (see the README for the measured cost).
 */
export interface WorkRow {
  id: string;
  props: Record<string, unknown>;
  /** Keys of the organisations, as resolved (those not in the graph after the write are skipped). */
  organizations: string[];
}

export interface WorksTally {
  created: number;
  updated: number;
  unchanged: number;
  /** Links from organisations to works made by this import. */
  linked: number;
}

/** A kept work as a row to write: what the work says about itself, and its citation. */
export function workRow(work: ExampleWork, primaryTopic: string | null, organizations: string[]): WorkRow {
  const props = {
    id: work.id,
    number: Number(work.id.slice(1)),
    doi: work.doi ?? null,
    title: work.title ?? null,
    year: work.year,
    primaryTopic,
    citations: [`openalex#work ${work.id}`],
  };
  const contentHash = createHash('sha256').update(JSON.stringify(props)).digest('hex').slice(0, 32);
  return { id: work.id, props: { ...props, contentHash }, organizations: [...new Set(organizations)].sort() };
}

/** Writes the rows in batches; the data version moves when anything changed. */
export async function writeWorks(runner: QueryRunner, rows: WorkRow[], batch: number, progress?: Progress): Promise<WorksTally> {
  const tally: WorksTally = { created: 0, updated: 0, unchanged: 0, linked: 0 };
  const at = new Date().toISOString();
  for (let start = 0; start < rows.length; start += batch) {
    const part = rows.slice(start, start + batch);
    const [row] = await runQuery(runner, mergeWorks, { rows: part as unknown as Array<Record<string, unknown>>, at });
    for (const key of ['created', 'updated', 'unchanged', 'linked'] as const) tally[key] += (row?.[key] as number) ?? 0;
    progress?.tick(part.length, start + part.length, rows.length);
  }
  progress?.finish();
  if (tally.created + tally.updated + tally.linked > 0) await runQuery(runner, bumpGraphVersion);
  return tally;
}
