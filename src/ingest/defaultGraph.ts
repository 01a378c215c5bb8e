import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'yaml';
import { z } from 'zod';

import { projectRoot } from '../database/projectRoot.js';
import { runQuery, type QueryRunner } from '../database/runQuery.js';
import { EXTRACT_FOLDER, readManifest } from './extract/areaExtract.js';
import type { Progress } from './progress.js';
import type { RememberedDecision } from './resolution/resolveOrganizations.js';
import { importRnsr, type RnsrReport } from './rnsr/importRnsr.js';
import { importRor, type RorReport } from './ror/importRor.js';
import { countEntities } from './graphWriter.cypher.js';
import { type ImportReport } from './graphWriter.js';
import { importFolder } from './folder/importFolder.js';

export const SEED_FOLDER = join(projectRoot, 'seeds');
/** The area's extract of open datasets (`npm run extract`), loaded after the seed graph. */
export const EXTRACT = join(projectRoot, EXTRACT_FOLDER);

export interface DefaultGraphReport {
  seeds: ImportReport;
  ror: RorReport | null;
  rnsr: RnsrReport | null;
}

/**
 * seeds/extract/matches.yaml: the decisions a curator took for the default graph, where the
 * seed graph knows a body by a name its record does not give (the press writes "CIRAD", the
 * record's names are the full one and its acronym, and an acronym alone is no evidence). Each
 * says why; each is what `decideMatch(ACCEPT)` would record.
 */
const matchesFile = z.array(
  z.object({ dataset: z.enum(['ror', 'rnsr']), record: z.string().min(1).max(100), entity: z.string().min(1), evidence: z.string().min(20) }).strict(),
);

export async function extractDecisions(folder: string, dataset: 'ror' | 'rnsr'): Promise<Map<string, RememberedDecision>> {
  const path = join(folder, 'matches.yaml');
  if (!(await stat(path).catch(() => null))) return new Map();
  const matches = matchesFile.parse(parse(await readFile(path, 'utf8'))).filter((match) => match.dataset === dataset);
  return new Map(matches.map((match) => [match.record, { status: 'accepted', entityId: match.entity }]));
}

/**
 * The default graph: the seed graph written from the press and council sources, then the
 * area's extract of ROR through the ROR connector, so that its records meet the seed graph's
 * bodies by entity resolution (one entity per body) as any later import would.
 */
export async function loadDefaultGraph(runner: QueryRunner, progressOf?: (step: string) => Progress | undefined): Promise<DefaultGraphReport> {
  const seeds = await importFolder(runner, SEED_FOLDER, 5_000, progressOf?.(`Writing ${SEED_FOLDER}`));
  const manifest = await readManifest(EXTRACT);
  const ror = manifest?.datasets.find((dataset) => dataset.dataset === 'ror');
  const rnsr = manifest?.datasets.find((dataset) => dataset.dataset === 'rnsr');
  // ROR first: the directory's labs meet their ROR records by GRID id, and its bodies the ROR names.
  const rorReport = ror ? await importRor(runner, join(EXTRACT, ror.file), { release: { name: ror.release, date: ror.date }, decisions: await extractDecisions(EXTRACT, 'ror'), progressOf }) : null;
  const rnsrReport = rnsr
    ? await importRnsr(runner, join(EXTRACT, rnsr.file), { release: { name: rnsr.release, date: rnsr.date }, decisions: await extractDecisions(EXTRACT, 'rnsr'), progressOf })
    : null;
  return { seeds, ror: rorReport, rnsr: rnsrReport };
}

/** Loads the default graph when the database holds no entity yet; returns null when it left it alone. */
export async function seedIfEmpty(runner: QueryRunner): Promise<DefaultGraphReport | null> {
  const [row] = await runQuery(runner, countEntities);
  if ((row?.count as number) > 0) return null;
  return loadDefaultGraph(runner);
}
