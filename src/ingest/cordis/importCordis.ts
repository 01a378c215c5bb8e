import type { QueryRunner } from '../../database/runQuery.js';
import { importGraph, type ImportReport } from '../../seed/importGraph.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { loadResolution, reviewRow, saveResolution, type IdentifierRow } from '../resolution/resolutionStore.js';
import { asOwnEntry, countResolution, describeTally, emptyResolutionTally, type Resolution, type ResolutionTally } from '../resolution/resolveOrganizations.js';
import { MONTPELLIER_SCOPE, selectGraph, type CordisScope } from './cordisGraph.js';
import { readCordis, type CordisParticipation, type CordisProblem } from './readCordis.js';

/**
 * `npm run import:cordis -- <folder>`: read and check the whole export, resolve every
 * participant against the graph, keep the projects in scope, then write them through the
 * import of seeds/ (nothing written when any row has a problem; nothing written twice). Sure
 * matches get the identifiers they lacked; uncertain ones wait in the review queue, their
 * participations withheld until a curator decides.
 */
export const DATASET = 'cordis';

export class CordisRejectedError extends Error {
  constructor(readonly problems: CordisProblem[]) {
    const shown = problems.slice(0, 200).map((problem) => `  ${problem.file}, line ${problem.line}, ${problem.field}: ${problem.reason}`);
    const more = problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : [];
    super(`The CORDIS import was refused: ${problems.length} problem(s); nothing was written.\n${[...shown, ...more].join('\n')}`);
  }
}

export interface CordisOptions {
  scope?: CordisScope;
  dryRun?: boolean;
  progressOf?: (step: string) => Progress | undefined;
  batchSize?: number;
}

export interface CordisReport {
  source: string;
  release: string | null;
  read: { projects: number; participations: number };
  kept: { projects: number; participations: number };
  participants: ResolutionTally;
  withheldParticipations: number;
  enriched: number;
  written: ImportReport | null;
}

export async function importCordis(runner: QueryRunner, folder: string, options: CordisOptions = {}): Promise<CordisReport> {
  const scope = options.scope ?? MONTPELLIER_SCOPE;
  const read = await readCordis(folder, options.progressOf);
  if (read.problems.length > 0) throw new CordisRejectedError(read.problems);

  const { resolve, decisions } = await loadResolution(runner, DATASET);
  const participants = new Map<string, CordisParticipation>();
  for (const participation of read.participations) if (!participants.has(participation.pic)) participants.set(participation.pic, participation);
  const resolutions = new Map<string, Resolution>();
  const resolving = options.progressOf?.('Resolving participants');
  for (const [pic, participation] of participants) {
    const identifiers = { cordisId: pic, vat: participation.vat };
    const resolution = resolve({ recordId: pic, name: participation.name, shortName: participation.shortName, identifiers, city: participation.city }, decisions.get(pic));
    resolutions.set(pic, asOwnEntry(resolution, `cordis-org-${pic}`));
    resolving?.tick(1, resolutions.size, participants.size);
  }
  resolving?.finish();

  const selection = selectGraph(read, resolutions, scope);
  const source = selection.graph.sources[0]!;
  const tally = emptyResolutionTally();
  const reviews: Array<Record<string, unknown>> = [];
  const identifiers: IdentifierRow[] = [];
  for (const pic of selection.participants) {
    const resolution = resolutions.get(pic)!;
    const participation = participants.get(pic)!;
    countResolution(tally, resolution);
    if (resolution.kind === 'matched') {
      identifiers.push({ id: resolution.entityId, cordisId: pic, vat: participation.vat, country: participation.country, ror: null, wikidata: null });
    } else if (resolution.kind === 'review') {
      const { name, shortName, city, country, vat, activityType } = participation;
      reviews.push(reviewRow(DATASET, pic, { name, shortName, city, country, vat, activityType }, resolution.candidates, `${source.id}#project ${participation.projectId} / organisation ${pic}`));
    }
  }
  const report: CordisReport = {
    source: source.id,
    release: read.release,
    read: { projects: read.projects.size, participations: read.participations.length },
    kept: { projects: selection.keptProjects, participations: selection.keptParticipations },
    participants: tally,
    withheldParticipations: selection.withheld,
    enriched: 0,
    written: null,
  };
  if (options.dryRun) return report;

  report.written = await importGraph(runner, selection.graph, options.batchSize, undefined, options.progressOf?.('Writing'));
  report.enriched = await saveResolution(runner, identifiers, reviews, options.batchSize ?? 5_000);
  return report;
}

export function formatCordisReport(folder: string, report: CordisReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} CORDIS export ${folder} (source ${report.source}, release ${report.release ?? 'undated'}):`,
    `  read            ${report.read.projects} projects, ${report.read.participations} participations`,
    `  kept by scope   ${report.kept.projects} projects, ${report.kept.participations} participations`,
    `  participants    ${describeTally(report.participants)}`,
    `  withheld        ${report.withheldParticipations} participations (their participant waits for review or was rejected)`,
  ];
  return `${[...lines, ...writtenLines(report.written, report.enriched)].join('\n')}\n`;
}
