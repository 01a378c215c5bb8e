import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { writeDatasetGraph, type DatasetWrite } from '../pipeline.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { enrichmentRows, type RecordFacts } from '../resolution/enrichment.js';
import { projectsWithCordisId } from '../resolution/resolution.cypher.js';
import { loadResolution, reviewRow, settledReviews } from '../resolution/resolutionStore.js';
import { asOwnEntry, countResolution, describeTally, emptyResolutionTally, type Resolution, type ResolutionTally } from '../resolution/resolveOrganizations.js';
import { MONTPELLIER_SCOPE, organizationEntry, selectGraph, type CordisScope } from './cordisGraph.js';
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
  /** Projects of the graph that have the CORDIS id of a kept project: the export's facts go to them. */
  projectsKnown: number;
  write: DatasetWrite;
}

export async function importCordis(runner: QueryRunner, folder: string, options: CordisOptions = {}): Promise<CordisReport> {
  const scope = options.scope ?? MONTPELLIER_SCOPE;
  const read = await readCordis(folder, options.progressOf);
  if (read.problems.length > 0) throw new CordisRejectedError(read.problems);

  const { resolve, decisions, namesOf } = await loadResolution(runner, DATASET);
  const participants = new Map<string, CordisParticipation>();
  for (const participation of read.participations) if (!participants.has(participation.pic)) participants.set(participation.pic, participation);
  const resolutions = new Map<string, Resolution>();
  const resolving = options.progressOf?.('Resolving participants');
  for (const [pic, participation] of participants) {
    const identifiers = { cordisId: pic, vat: participation.vat };
    const resolution = resolve({ recordId: pic, name: participation.name, shortName: participation.shortName, identifiers, city: participation.city, ownKey: `cordis-org-${pic}` }, decisions.get(pic));
    resolutions.set(pic, asOwnEntry(resolution, `cordis-org-${pic}`));
    resolving?.tick(1, resolutions.size, participants.size);
  }
  resolving?.finish();

  const known = new Map((await runQuery(runner, projectsWithCordisId)).map((row) => [row.cordisId as string, { id: row.id as string, names: row.names as string[] }]));
  const selection = selectGraph(read, resolutions, scope, (projectId) => known.get(projectId)?.id ?? null);
  const source = selection.graph.sources[0]!;
  const tally = emptyResolutionTally();
  const reviews: Array<Record<string, unknown>> = [];
  const matched: Parameters<typeof enrichmentRows>[0] = [];
  for (const pic of selection.participants) {
    const resolution = resolutions.get(pic)!;
    const participation = participants.get(pic)!;
    const citation = `${source.id}#project ${participation.projectId} / organisation ${pic}`;
    countResolution(tally, resolution);
    if (resolution.kind === 'matched') {
      matched.push({ resolution, facts: participantFacts(participation, citation) });
    } else if (resolution.kind === 'review') {
      const { name, shortName, city, country, vat, activityType } = participation;
      reviews.push(reviewRow(DATASET, pic, { name, shortName, city, country, vat, activityType }, resolution.candidates, citation, {
        entry: organizationEntry(participation, source.id),
        facts: participantFacts(participation, citation),
      }));
    }
  }
  for (const projectId of selection.knownProjects) {
    const project = read.projects.get(projectId)!;
    const entityId = known.get(projectId)!.id;
    matched.push({
      resolution: { kind: 'matched', entityId, how: 'identifier', why: `same cordisId ${projectId}` },
      facts: { dataset: DATASET, recordId: `project ${projectId}`, names: { fr: [], en: [project.acronym, project.title].filter(Boolean) }, identifiers: {}, citation: `${source.id}#project ${projectId}` },
    });
  }
  const projectNames = new Map([...known.values()].map((project) => [project.id, project.names]));
  const settled = settledReviews(DATASET, decisions, [...selection.participants].map((pic) => ({ recordId: pic, resolution: resolutions.get(pic)!, ownKey: `cordis-org-${pic}` })));
  const write = await writeDatasetGraph(runner, selection.graph, enrichmentRows(matched, (id) => projectNames.get(id) ?? namesOf(id)), reviews, {
    settled,
    dryRun: options.dryRun,
    batchSize: options.batchSize,
    progress: options.progressOf?.('Writing'),
  });
  return {
    source: source.id,
    release: read.release,
    read: { projects: read.projects.size, participations: read.participations.length },
    kept: { projects: selection.keptProjects, participations: selection.keptParticipations },
    participants: tally,
    withheldParticipations: selection.withheld,
    projectsKnown: selection.knownProjects.length,
    write,
  };
}

/**
 * What a participation row says of its organisation. CORDIS gives legal names in the
 * language of the organisation's country, without accents: a French body's name is a French alias.
 */
function participantFacts(participation: CordisParticipation, citation: string): RecordFacts {
  const names = [participation.name, ...(participation.shortName ? [participation.shortName] : [])];
  return {
    dataset: DATASET,
    recordId: participation.pic,
    names: participation.country === 'FR' ? { fr: [participation.name], en: names.slice(1) } : { fr: [], en: names },
    identifiers: { cordisId: participation.pic, vat: participation.vat, country: participation.country },
    city: participation.city,
    website: participation.website,
    citation,
  };
}

export function formatCordisReport(folder: string, report: CordisReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} CORDIS export ${folder} (source ${report.source}, release ${report.release ?? 'undated'}):`,
    `  read            ${report.read.projects} projects, ${report.read.participations} participations`,
    `  kept by scope   ${report.kept.projects} projects, ${report.kept.participations} participations`,
    `  participants    ${describeTally(report.participants)}`,
    `  withheld        ${report.withheldParticipations} participations (their participant waits for review or was rejected)`,
    `  known projects  ${report.projectsKnown} (an entity of the graph has their CORDIS id: their facts go to it)`,
  ];
  return `${[...lines, ...writtenLines(report.write)].join('\n')}\n`;
}
