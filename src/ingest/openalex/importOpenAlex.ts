import { createHash } from 'node:crypto';

import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { asShortText } from '../../domains/shared/writtenText.js';
import type { OrganizationSeed, RelationshipSeed, SeedGraph, SourceSeed } from '../importFormat.js';
import { keyPattern } from '../importFormat.js';
import { writeDatasetGraph, type DatasetWrite } from '../pipeline.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { enrichmentRows } from '../resolution/enrichment.js';
import { peopleForResolution } from '../resolution/resolution.cypher.js';
import { loadResolution, reviewRow } from '../resolution/resolutionStore.js';
import { asOwnEntry, countResolution, describeTally, emptyResolutionTally, entityKeyOf, type Resolution, type ResolutionTally } from '../resolution/resolveOrganizations.js';
import { isCityOf, MONTPELLIER_CITIES } from '../scope.js';
import { AffiliationCounter, type KnownPerson, type PeopleTally } from './affiliations.js';
import { CoPublicationCounter, leadingTopics, worksPerYear, type CoPublicationLink, type ExampleWork } from './coPublications.js';
import { readWorks, type OpenAlexProblem, type WorkInstitution } from './readOpenAlex.js';
import { workRow, writeWorks, type WorkRow, type WorksTally } from './storeWorks.js';

/**
 * `npm run import:openalex -- <works files or folders>`: OpenAlex works become co-publication
 * links between organisations. A work is kept when one of its authors' institutions is an
 * organisation of the graph located in the area (a sure match: ROR id, OpenAlex id, or the same
 * name in the same city; or an institution given with `--institutions`); every institution of a
 * kept work is then resolved like a CORDIS participant (same review queue, dataset `openalex`;
 * one found nowhere enters with its name, country and identifiers). Each pair of organisations
 * that co-authored kept works, one of them in scope, gets ONE `CO_PUBLISHED_WITH` relationship
 * counting the works per year, their primary topics and a few example works, citing those works.
 * Works are not stored one node each.
 */
export const DATASET = 'openalex';

export class OpenAlexRejectedError extends Error {
  constructor(readonly problems: OpenAlexProblem[]) {
    const where = (problem: OpenAlexProblem) => (problem.line === 0 ? '' : /\.json$/i.test(problem.file) ? `, result ${problem.line}` : `, line ${problem.line}`);
    const shown = problems.slice(0, 200).map((problem) => `  ${problem.file}${where(problem)}, ${problem.field}: ${problem.reason}`);
    const more = problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : [];
    super(`The OpenAlex import was refused: ${problems.length} problem(s); nothing was written.\n${[...shown, ...more].join('\n')}`);
  }
}

export interface OpenAlexOptions {
  /** Cities of the area (an organisation of the graph in one of them is in scope). */
  cities?: string[];
  /** OpenAlex institution ids (I...) in scope wherever they are. */
  institutions?: string[];
  /** Example works kept per link (default 5). */
  examples?: number;
  /** Authors with an ORCID iD affiliated with an organisation of the area enter as people with WORKS_AT (see affiliations.ts). */
  people?: boolean;
  /** The kept works as Work nodes too (see storeWorks.ts; for small scopes). */
  storeWorks?: boolean;
  dryRun?: boolean;
  progressOf?: (step: string) => Progress | undefined;
  batchSize?: number;
}

export interface OpenAlexReport {
  release: string | null;
  works: { read: number; duplicates: number; withoutYear: number; kept: number };
  /** How the institutions of the kept works resolved. */
  institutions: ResolutionTally;
  /** Organisations in scope that co-published. */
  inScope: number;
  links: number;
  /** With `people`: the authors taken, found, created and held back. */
  people: (PeopleTally & { heldBackExamples: string[] }) | null;
  /** With `storeWorks`: the works written (null on a dry run or without it). */
  storedWorks: WorksTally | null;
  write: DatasetWrite;
}

const KIND_OF_TYPE: Record<string, OrganizationSeed['kind']> = {
  education: 'university',
  healthcare: 'hospital',
  company: 'company',
  government: 'public-body',
  nonprofit: 'association',
  facility: 'infrastructure-operator',
};

function sourceOf(release: string | null): SourceSeed {
  return {
    id: 'openalex',
    title: 'OpenAlex: scholarly works and their authors’ institutions',
    publisher: 'OurResearch',
    language: 'en',
    kind: 'dataset',
    url: 'https://openalex.org/',
    licence: 'CC0 1.0',
    ...(release ? { published: release } : {}),
  } as SourceSeed;
}

const LINKS_PER_CHUNK = 20_000;

const ownKey = (institution: string) => `openalex-${institution.toLowerCase()}`;

/** The key of a pair's link: readable when the two keys allow it, else a hash of them. */
function linkKey(link: CoPublicationLink): string {
  const readable = `copub-${link.a}.${link.b}`;
  return readable.length <= 200 && keyPattern.test(readable) ? readable : `copub-${createHash('sha256').update(`${link.a}\n${link.b}`).digest('hex').slice(0, 24)}`;
}

function institutionEntry(institution: WorkInstitution, citation: string): OrganizationSeed {
  return {
    id: ownKey(institution.id),
    name: asShortText(institution.name),
    kind: KIND_OF_TYPE[institution.type ?? ''] ?? 'other',
    sectors: [],
    formerNames: [],
    ...(institution.country ? { country: institution.country } : {}),
    ...(institution.ror ? { ror: institution.ror } : {}),
    openalex: institution.id,
    aliases: { fr: [], en: [] },
    figures: [],
    sources: [citation],
  } as OrganizationSeed;
}

/** The link as an import entry; its example works are shared with the other links of the same works (already cleaned). */
function linkEntry(link: CoPublicationLink): RelationshipSeed {
  const byYear = worksPerYear(link);
  return {
    id: linkKey(link),
    type: 'CO_PUBLISHED_WITH',
    from: link.a,
    to: link.b,
    since: String(byYear[0]!.year),
    coPublication: {
      byYear,
      topics: leadingTopics(link),
      examples: link.examples,
    },
    sources: link.examples.map((work) => `openalex#work ${work.id}`),
  } as RelationshipSeed;
}

export async function importOpenAlex(runner: QueryRunner, paths: string[], options: OpenAlexOptions = {}): Promise<OpenAlexReport> {
  const cities = options.cities ?? MONTPELLIER_CITIES;
  const listed = new Set(options.institutions ?? []);
  const { resolve, decisions, namesOf, cityOf } = await loadResolution(runner, DATASET);
  const incoming = (institution: WorkInstitution) => ({
    recordId: institution.id,
    name: institution.name,
    identifiers: { ror: institution.ror, openalex: institution.id },
  });
  // Whether an institution is in scope needs only the sure stages; the full resolution (with
  // the scored comparison) is for the institutions of kept works.
  const sure = new Map<string, Resolution>();
  const full = new Map<string, Resolution>();
  const seen = new Map<string, { institution: WorkInstitution; citation: string }>();
  const sureKey = (institution: WorkInstitution) => {
    let resolution = sure.get(institution.id);
    if (!resolution) {
      resolution = asOwnEntry(resolve(incoming(institution), decisions.get(institution.id), { sureOnly: true }), ownKey(institution.id));
      sure.set(institution.id, resolution);
    }
    return resolution.kind === 'matched' ? resolution.entityId : null;
  };
  const scopedKeys = new Set<string>();
  const inScope = (key: string) => scopedKeys.has(key) || isCityOf(cities, cityOf(key));

  const counter = new CoPublicationCounter(inScope, options.examples ?? 5);
  const affiliations = options.people ? new AffiliationCounter() : null;
  const workRows: WorkRow[] | null = options.storeWorks ? [] : null;
  const topicNames = new Map<string, string>();
  const works = new Set<string>();
  const report: OpenAlexReport = {
    release: null,
    works: { read: 0, duplicates: 0, withoutYear: 0, kept: 0 },
    institutions: emptyResolutionTally(),
    inScope: 0,
    links: 0,
    people: null,
    storedWorks: null,
    write: { written: null, enriched: 0, alsoStated: 0, repaired: [] },
  };
  const problems = await readWorks(
    paths,
    (work) => {
      report.works.read += 1;
      if (work.updated && (!report.release || work.updated > report.release)) report.release = work.updated;
      if (works.has(work.id)) {
        report.works.duplicates += 1;
        return;
      }
      works.add(work.id);
      if (work.year === null) {
        report.works.withoutYear += 1;
        return;
      }
      const kept = work.institutions.some((institution) => {
        if (listed.has(institution.id)) {
          const key = sureKey(institution) ?? ownKey(institution.id);
          scopedKeys.add(key);
          return true;
        }
        const key = sureKey(institution);
        return key !== null && inScope(key);
      });
      if (!kept) return;
      report.works.kept += 1;
      const organizations: string[] = [];
      const organizationOf = new Map<string, string>();
      for (const institution of work.institutions) {
        let resolution = full.get(institution.id);
        if (!resolution) {
          resolution = asOwnEntry(resolve(incoming(institution), decisions.get(institution.id)), ownKey(institution.id));
          full.set(institution.id, resolution);
          seen.set(institution.id, { institution, citation: `openalex#work ${work.id} / institution ${institution.id}` });
        }
        const key = entityKeyOf(resolution, ownKey(institution.id));
        if (key) {
          organizations.push(key);
          organizationOf.set(institution.id, key);
        }
      }
      if (affiliations) {
        for (const author of work.authors) {
          if (!author.orcid || !author.name) continue;
          for (const institution of author.institutions) {
            const key = organizationOf.get(institution);
            if (key && inScope(key)) affiliations.add(author.orcid, author.name, author.id, key, { id: work.id, year: work.year });
          }
        }
      }
      // Cleaned once per work: every link of the work shares the example and the topic name.
      const example = {
        id: work.id,
        year: work.year,
        ...(work.doi ? { doi: asShortText(work.doi) } : {}),
        ...(work.title ? { title: asShortText(work.title) } : {}),
      } as ExampleWork;
      const topic = work.topics[0] ? topicNames.get(work.topics[0]) ?? topicNames.set(work.topics[0], asShortText(work.topics[0])).get(work.topics[0])! : null;
      counter.add({ example, primaryTopic: topic, organizations });
      workRows?.push(workRow(example, topic, organizations));
    },
    options.progressOf?.('Reading works'),
  );
  if (problems.length > 0) throw new OpenAlexRejectedError(problems);

  const source = sourceOf(report.release);
  // Links become import entries a chunk at a time: there may be a million of them.
  const links = counter.drain();
  const linked = new Set<string>();
  for (const link of links) linked.add(link.a).add(link.b);
  const chunks = function* () {
    for (let start = 0; start < links.length; start += LINKS_PER_CHUNK) yield links.slice(start, start + LINKS_PER_CHUNK).map(linkEntry);
  };
  const graph: SeedGraph = { sources: [source], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };
  const matched: Parameters<typeof enrichmentRows>[0] = [];
  const reviews: Array<Record<string, unknown>> = [];
  for (const [id, resolution] of full) {
    const { institution, citation } = seen.get(id)!;
    countResolution(report.institutions, resolution);
    if (resolution.kind === 'create' && linked.has(ownKey(id))) {
      graph.organizations.push(institutionEntry(institution, citation));
    } else if (resolution.kind === 'matched') {
      matched.push({
        resolution,
        facts: { dataset: DATASET, recordId: id, names: { fr: [], en: [institution.name] }, identifiers: { openalex: id, ror: institution.ror, country: institution.country }, citation },
      });
    } else if (resolution.kind === 'review') {
      const { name, ror, country, type } = institution;
      reviews.push(reviewRow(DATASET, id, { name, ror, country, type }, resolution.candidates, citation));
    }
  }
  if (affiliations) {
    const known = (await runQuery(runner, peopleForResolution)) as unknown as KnownPerson[];
    const { people, relationships, tally, heldBack } = affiliations.entries(known);
    graph.people.push(...people);
    graph.relationships.push(...relationships);
    report.people = { ...tally, heldBackExamples: heldBack.slice(0, 10) };
  }
  report.inScope = [...linked].filter(inScope).length;
  report.links = links.length;
  report.write = await writeDatasetGraph(runner, graph, enrichmentRows(matched, namesOf), reviews, {
    dryRun: options.dryRun,
    batchSize: options.batchSize,
    progress: options.progressOf?.('Writing'),
    relationshipChunks: { count: links.length, chunks },
  });
  if (workRows && !options.dryRun) report.storedWorks = await writeWorks(runner, workRows, options.batchSize ?? 5_000, options.progressOf?.('Writing works'));
  return report;
}

export function formatOpenAlexReport(paths: string[], report: OpenAlexReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} OpenAlex works from ${paths.join(', ')} (latest update ${report.release ?? 'unknown'}):`,
    `  works           ${report.works.read} read, ${report.works.duplicates} repeated, ${report.works.withoutYear} without a year, ${report.works.kept} kept (an author of the area)`,
    `  institutions    ${describeTally(report.institutions)}`,
    `  co-publishing   ${report.inScope} organisation(s) of the area, ${report.links} co-publication link(s)`,
  ];
  if (report.people) {
    const { authors, matched, created, heldBack, heldBackExamples } = report.people;
    lines.push(`  people          ${authors} author(s) with an ORCID iD of the area: ${matched} found by ORCID iD, ${created} new, ${heldBack} held back (same name as a person without an ORCID iD: add it to link them)`);
    if (heldBackExamples.length > 0) lines.push(`                  held back: ${heldBackExamples.join(', ')}${heldBack > heldBackExamples.length ? ', ...' : ''}`);
  }
  const works = report.storedWorks;
  const stored = works ? [`  works stored    ${works.created} created, ${works.updated} updated, ${works.unchanged} unchanged; ${works.linked} new link(s) to their organisations`] : [];
  return `${[...lines, ...writtenLines(report.write), ...stored].join('\n')}\n`;
}
