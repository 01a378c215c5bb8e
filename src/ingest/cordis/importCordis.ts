import type { QueryRunner } from '../../database/runQuery.js';
import { importGraph, type ImportReport } from '../../seed/importGraph.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { loadResolution, saveResolution, type IdentifierRow } from '../resolution/resolutionStore.js';
import { asOwnEntry, type Resolution } from '../resolution/resolveOrganizations.js';
import { MONTPELLIER_SCOPE, selectGraph, sourceOfExport, type CordisScope } from './cordisGraph.js';
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
  participants: { matchedByIdentifier: number; matchedByName: number; matchedByDecision: number; created: number; importedBefore: number; queuedForReview: number; rejected: number };
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
  const keptProjects = new Set(selection.graph.projects.map((project) => project.id));
  const keptPics = new Set<string>();
  for (const participation of read.participations) if (keptProjects.has(`cordis-${participation.projectId}`)) keptPics.add(participation.pic);
  const tally = { matchedByIdentifier: 0, matchedByName: 0, matchedByDecision: 0, created: 0, importedBefore: 0, queuedForReview: 0, rejected: 0 };
  const reviews: Array<Record<string, unknown>> = [];
  const identifiers: IdentifierRow[] = [];
  const source = sourceOfExport(read);
  for (const pic of keptPics) {
    const resolution = resolutions.get(pic)!;
    const participation = participants.get(pic)!;
    if (resolution.kind === 'matched') {
      tally[resolution.how === 'identifier' ? 'matchedByIdentifier' : resolution.how === 'name' ? 'matchedByName' : 'matchedByDecision'] += 1;
      identifiers.push({ id: resolution.entityId, cordisId: pic, vat: participation.vat, country: participation.country, ror: null, wikidata: null });
    } else if (resolution.kind === 'create') tally[resolution.again ? 'importedBefore' : 'created'] += 1;
    else if (resolution.kind === 'rejected') tally.rejected += 1;
    else {
      tally.queuedForReview += 1;
      reviews.push({
        id: `${DATASET}:${pic}`,
        dataset: DATASET,
        recordId: pic,
        record: JSON.stringify({ name: participation.name, shortName: participation.shortName, city: participation.city, country: participation.country, vat: participation.vat, activityType: participation.activityType }),
        candidates: JSON.stringify(resolution.candidates),
        citation: `${source.id}#project ${participation.projectId} / organisation ${pic}`,
      });
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
  const p = report.participants;
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} CORDIS export ${folder} (source ${report.source}, release ${report.release ?? 'undated'}):`,
    `  read            ${report.read.projects} projects, ${report.read.participations} participations`,
    `  kept by scope   ${report.kept.projects} projects, ${report.kept.participations} participations`,
    `  participants    ${p.matchedByIdentifier} matched by identifier, ${p.matchedByName} by name, ${p.matchedByDecision} by a curator's decision, ${p.created} new, ${p.importedBefore} imported before, ${p.queuedForReview} queued for review, ${p.rejected} rejected`,
    `  withheld        ${report.withheldParticipations} participations (their participant waits for review or was rejected)`,
  ];
  return `${[...lines, ...writtenLines(report.written, report.enriched)].join('\n')}\n`;
}
