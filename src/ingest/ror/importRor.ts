import { basename } from 'node:path';

import type { QueryRunner } from '../../database/runQuery.js';
import type { OrganizationSeed, RelationshipSeed, SeedGraph, SourceSeed } from '../importFormat.js';
import { writeDatasetGraph, type DatasetWrite } from '../pipeline.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { enrichmentRows } from '../resolution/enrichment.js';
import { loadResolution, reviewRow, settledReviews } from '../resolution/resolutionStore.js';
import { asOwnEntry, countResolution, describeTally, emptyResolutionTally, entityKeyOf, type RememberedDecision, type Resolution, type ResolutionTally } from '../resolution/resolveOrganizations.js';
import { isCityOf, MONTPELLIER_CITIES } from '../scope.js';
import { readRor, type RorProblem, type RorRecord } from './readRor.js';

/**
 * `npm run import:ror -- <ror-data.json>`: the ROR v2 dump, streamed twice. The first pass
 * keeps the records located in the area and those the graph already knows (by ROR id,
 * Wikidata or the same name in the same city); the second adds their parents, children,
 * related records, predecessors and successors, one step away. Records are resolved like
 * CORDIS participants (same resolution, same review queue); parent/child become PART_OF,
 * predecessor/successor SUCCESSOR_OF, related RELATED_TO; everything cites `ror <id>` and is
 * written through the import of seeds/.
 */
export const DATASET = 'ror';

export class RorRejectedError extends Error {
  constructor(readonly problems: RorProblem[]) {
    const shown = problems.slice(0, 200).map((problem) => `  record ${problem.record}, ${problem.field}: ${problem.reason}`);
    super(`The ROR import was refused: ${problems.length} problem(s); nothing was written.\n${shown.join('\n')}`);
  }
}

/** The release a file holds, when its name does not say (the area's extract, seeds/extract). */
export interface RorRelease {
  name: string;
  date: string | null;
}

export interface RorOptions {
  release?: RorRelease;
  /** Decisions that come with the file (the extract's matches.yaml), for records no curator of this graph has decided. */
  decisions?: Map<string, RememberedDecision>;
  cities?: string[];
  /** ISO country code of the area (ROR's country_code). */
  country?: string;
  dryRun?: boolean;
  progressOf?: (step: string) => Progress | undefined;
  batchSize?: number;
}

export interface RorReport {
  release: string | null;
  read: number;
  kept: { inArea: number; known: number; oneStepAway: number };
  records: ResolutionTally;
  write: DatasetWrite;
}

const KIND_OF_TYPE: Array<[string, OrganizationSeed['kind']]> = [
  ['education', 'university'],
  ['healthcare', 'hospital'],
  ['facility', 'infrastructure-operator'],
  ['government', 'public-body'],
  ['company', 'company'],
  ['nonprofit', 'association'],
];

// Texts go as the record has them: the pipeline cleans them by the API's rules and reports each repair (datasetText.ts).
const unique = (names: string[], but: string) => [...new Set(names)].filter((name) => name !== but).slice(0, 50);

function sourceOf(file: string, given?: RorRelease): SourceSeed {
  const release = given ? given.date : /(\d{4}-\d{2}-\d{2})/.exec(basename(file))?.[1];
  return {
    id: 'ror',
    title: given ? `ROR: Research Organization Registry, release ${given.name}` : 'ROR: Research Organization Registry data dump',
    publisher: 'Research Organization Registry',
    language: 'en',
    kind: 'dataset',
    url: 'https://ror.org/',
    licence: 'CC0 1.0',
    ...(release ? { published: release } : {}),
  } as SourceSeed;
}

/** Facilities whose name says they are a laboratory or a research unit. */
const LAB_NAME = /laborato|\bunit[eé]s?\b|\bumrs?\b|\bumr\s?\d|\bupr\b|\bumi\b|research (?:centre|center|unit)|centre (?:d['’]études|de recherche)/i;
/** Facilities whose name says they are a shared platform, a service or an observatory: infrastructure. */
const INFRASTRUCTURE_NAME = /plate-?forme|platform|\bservices?\b|imaging|genomix|biocampus|observatoire|observatory|\bdsi\b|délégation|data terra|infrastructure/i;

/**
 * ROR files most French research units (joint units, teams) as facilities: a facility that is
 * part of a body (a parent in its record) or whose name says it is a lab is a research unit,
 * unless its name says it is a platform, a service or an observatory.
 */
function kindOf(record: RorRecord): OrganizationSeed['kind'] {
  if (record.types.includes('facility') && !record.types.includes('education')) {
    const names = [record.name, ...record.names.fr, ...record.names.en];
    if (names.some((name) => INFRASTRUCTURE_NAME.test(name))) return 'infrastructure-operator';
    if (record.relationships.some((link) => link.type === 'parent') || names.some((name) => LAB_NAME.test(name))) return 'research-unit';
  }
  return KIND_OF_TYPE.find(([type]) => record.types.includes(type))?.[1] ?? 'other';
}

/**
 * Every name of a record, its display name included (a matched entity gains it as an alias:
 * the seed graph's "CIRAD" learns its full name), by language; a name of no stated language,
 * and acronyms, count as English as ROR's own English-first display does.
 */
function displayAndOtherNames(record: RorRecord): { fr: string[]; en: string[] } {
  const displayFr = record.labels.fr === record.name;
  return {
    fr: [...(displayFr ? [record.name] : []), ...record.names.fr],
    en: [...(displayFr ? [] : [record.name]), ...record.names.en, ...record.names.acronyms],
  };
}

/** The record's city in the area when it has one there (a national body with a site in the area), else its first. */
function cityOf(record: RorRecord, inArea: (place: { city: string | null; country: string | null }) => boolean): string | null {
  return record.places.find(inArea)?.city ?? record.city;
}

function organizationEntry(record: RorRecord, source: string, city: string | null): OrganizationSeed {
  const kind = kindOf(record);
  const name = record.name;
  return {
    id: `ror-${record.id}`,
    name,
    kind,
    ...(record.status !== 'active' ? { description: `Listed by ROR as ${record.status}.` } : {}),
    sectors: [],
    formerNames: [],
    ...(city ? { city } : {}),
    ...(record.country && /^[A-Z]{2}$/.test(record.country) ? { country: record.country } : {}),
    ...(record.established ? { founded: String(record.established) } : {}),
    ...(record.website && record.website.length <= 2000 ? { website: record.website } : {}),
    ...(record.wikidata ? { wikidata: record.wikidata } : {}),
    ...(record.grid ? { grid: record.grid } : {}),
    ...(record.isni ? { isni: record.isni } : {}),
    ...(record.fundref ? { fundref: record.fundref } : {}),
    ror: record.id,
    ...(record.labels.fr || record.labels.en ? { names: { ...(record.labels.fr ? { fr: record.labels.fr } : {}), ...(record.labels.en ? { en: record.labels.en } : {}) } } : {}),
    aliases: { fr: unique(record.names.fr, name), en: unique([...record.names.en, ...record.names.acronyms], name) },
    figures: [],
    sources: [`${source}#ror ${record.id}`],
  } as OrganizationSeed;
}

/** The relationship a record states with another kept record, keyed so both sides give the same one. */
function relationshipOf(record: RorRecord, link: { type: string; id: string }, keyOf: (id: string) => string | null, source: string): RelationshipSeed | null {
  const self = keyOf(record.id);
  const other = keyOf(link.id);
  if (!self || !other || self === other) return null;
  const sources = [`${source}#ror ${record.id}`];
  switch (link.type) {
    case 'parent':
      return { id: `ror-${record.id}-part-of-${link.id}`, type: 'PART_OF', from: self, to: other, sources } as RelationshipSeed;
    case 'child':
      return { id: `ror-${link.id}-part-of-${record.id}`, type: 'PART_OF', from: other, to: self, sources } as RelationshipSeed;
    case 'successor':
      return { id: `ror-${link.id}-successor-of-${record.id}`, type: 'SUCCESSOR_OF', from: other, to: self, sources } as RelationshipSeed;
    case 'predecessor':
      return { id: `ror-${record.id}-successor-of-${link.id}`, type: 'SUCCESSOR_OF', from: self, to: other, sources } as RelationshipSeed;
    case 'related': {
      const [a, b] = record.id < link.id ? [record.id, link.id] : [link.id, record.id];
      const [from, to] = record.id < link.id ? [self, other] : [other, self];
      return { id: `ror-${a}-related-to-${b}`, type: 'RELATED_TO', from, to, sources } as RelationshipSeed;
    }
    default:
      return null;
  }
}

export async function importRor(runner: QueryRunner, file: string, options: RorOptions = {}): Promise<RorReport> {
  const cities = options.cities ?? MONTPELLIER_CITIES;
  const country = options.country ?? 'FR';
  const placeInArea = (place: { city: string | null; country: string | null }) => place.country === country && isCityOf(cities, place.city);
  const { resolve, decisions, namesOf } = await loadResolution(runner, DATASET);
  const resolveRecord = (record: RorRecord, sureOnly = false) =>
    asOwnEntry(resolve(
      {
        recordId: record.id,
        name: record.name,
        otherNames: [...record.names.fr, ...record.names.en],
        shortName: record.names.acronyms[0] ?? null,
        identifiers: { ror: record.id, wikidata: record.wikidata, grid: record.grid },
        city: cityOf(record, placeInArea),
        ownKey: `ror-${record.id}`,
      },
      decisions.get(record.id) ?? options.decisions?.get(record.id),
      { sureOnly },
    ), `ror-${record.id}`);

  const kept = new Map<string, { record: RorRecord; resolution: Resolution; why: 'inArea' | 'known' | 'oneStepAway' }>();
  const neighbours = new Set<string>();
  let read = 0;
  const firstPass = await readRor(
    file,
    (record) => {
      read += 1;
      if (record.status === 'withdrawn') return;
      const inArea = record.places.some(placeInArea);
      // Outside the area, only a sure match keeps a record: the scored comparison is for kept ones.
      const resolution = resolveRecord(record, !inArea);
      if (!inArea && resolution.kind !== 'matched') return;
      kept.set(record.id, { record, resolution, why: inArea ? 'inArea' : 'known' });
      for (const link of record.relationships) neighbours.add(link.id);
    },
    options.progressOf?.('Reading the ROR dump (records of the area and known ones)'),
  );
  if (firstPass.length > 0) throw new RorRejectedError(firstPass);
  const missing = [...neighbours].filter((id) => !kept.has(id));
  if (missing.length > 0) {
    const wanted = new Set(missing);
    const secondPass = await readRor(
      file,
      (record) => {
        if (!wanted.has(record.id) || record.status === 'withdrawn') return;
        kept.set(record.id, { record, resolution: resolveRecord(record), why: 'oneStepAway' });
      },
      options.progressOf?.('Reading the ROR dump again (records one step away)'),
    );
    if (secondPass.length > 0) throw new RorRejectedError(secondPass);
  }

  const source = sourceOf(file, options.release);
  const keyOf = (id: string) => {
    const entry = kept.get(id);
    return entry ? entityKeyOf(entry.resolution, `ror-${id}`, `${DATASET}:${id}`) : null;
  };
  const graph: SeedGraph = { sources: [source], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };
  const report: RorReport = {
    release: source.published ?? null,
    read,
    kept: { inArea: 0, known: 0, oneStepAway: 0 },
    records: emptyResolutionTally(),
    write: { written: null, enriched: 0, alsoStated: 0, repaired: [] },
  };
  const matched: Parameters<typeof enrichmentRows>[0] = [];
  const reviews: Array<Record<string, unknown>> = [];
  const relationshipIds = new Set<string>();
  for (const { record, resolution, why } of kept.values()) {
    report.kept[why] += 1;
    countResolution(report.records, resolution);
    const facts = {
      dataset: DATASET,
      recordId: record.id,
      names: displayAndOtherNames(record),
      identifiers: { ror: record.id, wikidata: record.wikidata, grid: record.grid, isni: record.isni, fundref: record.fundref, country: record.country },
      city: cityOf(record, placeInArea),
      website: record.website,
      citation: `${source.id}#ror ${record.id}`,
    };
    if (resolution.kind === 'matched') {
      matched.push({ resolution, facts });
    } else if (resolution.kind === 'create') {
      graph.organizations.push(organizationEntry(record, source.id, cityOf(record, placeInArea)));
    } else if (resolution.kind === 'review') {
      const described = { name: record.name, aliases: [...record.names.fr, ...record.names.en], acronyms: record.names.acronyms, city: cityOf(record, placeInArea), country: record.country, types: record.types };
      reviews.push(reviewRow(DATASET, record.id, described, resolution.candidates, facts.citation, { entry: organizationEntry(record, source.id, facts.city), facts }));
    }
    for (const link of record.relationships) {
      const relationship = relationshipOf(record, link, keyOf, source.id);
      if (!relationship || relationshipIds.has(relationship.id)) continue;
      relationshipIds.add(relationship.id);
      graph.relationships.push(relationship);
    }
  }
  const settled = settledReviews(DATASET, decisions, [...kept.values()].map(({ record, resolution }) => ({ recordId: record.id, resolution, ownKey: `ror-${record.id}` })));
  report.write = await writeDatasetGraph(runner, graph, enrichmentRows(matched, namesOf), reviews, {
    settled,
    dryRun: options.dryRun,
    batchSize: options.batchSize,
    progress: options.progressOf?.('Writing'),
  });
  return report;
}

export function formatRorReport(file: string, report: RorReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} ROR dump ${file} (release ${report.release ?? 'undated'}):`,
    `  read            ${report.read} records`,
    `  kept            ${report.kept.inArea} in the area, ${report.kept.known} known to the graph, ${report.kept.oneStepAway} one step away`,
    `  records         ${describeTally(report.records)}`,
  ];
  return `${[...lines, ...writtenLines(report.write)].join('\n')}\n`;
}
