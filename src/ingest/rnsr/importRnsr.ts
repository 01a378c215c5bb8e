import type { QueryRunner } from '../../database/runQuery.js';
import { domainTheme } from '../../domains/entity/themes.js';
import type { OrganizationSeed, RelationshipSeed, SeedGraph, SourceSeed } from '../importFormat.js';
import { writeDatasetGraph, type DatasetWrite } from '../pipeline.js';
import { personStyleName } from '../personStyleName.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { normalizeName } from '../resolution/normalizeName.js';
import { enrichmentRows } from '../resolution/enrichment.js';
import { loadResolution, reviewRow, settledReviews } from '../resolution/resolutionStore.js';
import {
  asOwnEntry, countResolution, describeTally, emptyResolutionTally, entityKeyOf, reviewOfKey, type RememberedDecision, type Resolution, type ResolutionTally,
} from '../resolution/resolveOrganizations.js';
import { isCityOf, MONTPELLIER_CITIES } from '../scope.js';
import { readRnsr, type RnsrBody, type RnsrStructure } from './readRnsr.js';

/**
 * `npm run import:rnsr -- <file>`: the research structures of the area from the national
 * directory (RNSR), resolved against the graph like any dataset's organisations (by RNSR
 * number, by GRID id, the crosswalk to their ROR records, then by name), each linked to its
 * supervising and participating bodies (`PART_OF`, the role naming the unit's label, e.g.
 * "supervising body, UMR 5506"), to its parent structures and to its predecessors. The bodies
 * are resolved too: a body the graph knows is linked, one it does not becomes an organisation,
 * an uncertain one waits for a curator (its links withheld meanwhile).
 */
export const DATASET = 'rnsr';

export class RnsrRejectedError extends Error {
  constructor(readonly problems: Array<{ line: number; reason: string }>) {
    const shown = problems.slice(0, 200).map((problem) => `  line ${problem.line}: ${problem.reason}`);
    const more = problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : [];
    super(`The directory import was refused: ${problems.length} problem(s); nothing was written.\n${[...shown, ...more].join('\n')}`);
  }
}

export interface RnsrOptions {
  cities?: string[];
  release?: { name: string; date: string | null };
  /** Decisions that come with the file (the extract's matches.yaml), for records no curator of this graph has decided. */
  decisions?: Map<string, RememberedDecision>;
  dryRun?: boolean;
  progressOf?: (step: string) => Progress | undefined;
  batchSize?: number;
}

export interface RnsrReport {
  release: string | null;
  read: number;
  kept: number;
  structures: ResolutionTally;
  bodies: ResolutionTally;
  withheldLinks: number;
  write: DatasetWrite;
}

const KIND_OF_NATURE: Record<string, OrganizationSeed['kind']> = {
  UNIV: 'university',
  EPST: 'research-institute',
  EPIC: 'research-institute',
  EPA: 'research-institute',
  GE: 'school',
  ECOLE: 'school',
  CHU: 'hospital',
};

function sourceOf(release?: RnsrOptions['release']): SourceSeed {
  return {
    id: DATASET,
    title: `RNSR: répertoire national des structures de recherche${release ? ` (${release.name})` : ''}`,
    publisher: 'Ministère de l\'Enseignement supérieur et de la Recherche',
    language: 'fr',
    kind: 'dataset',
    url: 'https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-structures-recherche-publiques-actives/',
    licence: 'Licence Ouverte / Etalab 2.0',
    ...(release?.date ? { published: release.date } : {}),
  } as SourceSeed;
}

/** A body's record id: its SIRET, else its UAI, else its name. */
function bodyId(body: RnsrBody): string {
  return body.siret ?? (body.uai ? `uai ${body.uai}` : `name ${normalizeName(body.name)}`);
}

/** The identifiers the directory gives for a body, when well formed: UAI and SIRET. */
function bodyIdentifiers(body: RnsrBody): { uai: string | null; siret: string | null; country: string } {
  const uai = body.uai?.toUpperCase() ?? null;
  return { uai: uai && /^\d{7}[A-Z]$/.test(uai) ? uai : null, siret: body.siret && /^\d{14}$/.test(body.siret) ? body.siret : null, country: 'FR' };
}

const bodyKey = (body: RnsrBody) => `rnsr-body-${(body.siret ?? body.uai ?? normalizeName(body.name)).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** A structure's scientific domains and ERC panels as theme tags (`domain-9`, `erc-pe6`). */
function themesOf(structure: RnsrStructure): string[] {
  const domains = structure.domains.map((domain) => domainTheme(domain.code)).filter((theme): theme is string => theme !== null);
  const panels = structure.ercPanels.map((panel) => `erc-${panel.code.toLowerCase()}`).filter((theme) => /^erc-[a-z]{2}\d{1,2}$/.test(theme));
  return [...new Set([...domains, ...panels])];
}

function structureEntry(structure: RnsrStructure, citation: string): OrganizationSeed {
  const name = personStyleName(structure.name);
  const themes = themesOf(structure);
  return {
    id: `rnsr-${structure.number}`,
    name,
    kind: /f[ée]d[ée]rati/i.test(structure.type ?? '') ? 'network' : 'research-unit',
    sectors: themes,
    formerNames: [],
    ...(structure.city ? { city: personStyleName(structure.city, true) } : {}),
    country: 'FR',
    ...(structure.founded ? { founded: structure.founded } : {}),
    ...(structure.website ? { website: structure.website } : {}),
    rnsr: structure.number,
    ...(structure.grid ? { grid: structure.grid } : {}),
    aliases: {
      fr: [...(name !== structure.name ? [structure.name] : []), ...structure.bodies.map((body) => body.label).filter((label): label is string => Boolean(label))].filter((alias, index, all) => all.indexOf(alias) === index),
      en: structure.acronym ? [structure.acronym] : [],
    },
    figures: [],
    sources: [citation],
  } as OrganizationSeed;
}

function bodyEntry(body: RnsrBody, citation: string): OrganizationSeed {
  const name = personStyleName(body.name);
  return {
    id: bodyKey(body),
    name,
    kind: KIND_OF_NATURE[body.nature ?? ''] ?? 'public-body',
    sectors: [],
    formerNames: [],
    country: 'FR',
    ...(bodyIdentifiers(body).uai ? { uai: bodyIdentifiers(body).uai } : {}),
    ...(bodyIdentifiers(body).siret ? { siret: bodyIdentifiers(body).siret } : {}),
    aliases: { fr: name !== body.name ? [body.name] : [], en: body.acronym && body.acronym !== body.name ? [body.acronym] : [] },
    figures: [],
    sources: [citation],
  } as OrganizationSeed;
}

export async function importRnsr(runner: QueryRunner, file: string, options: RnsrOptions = {}): Promise<RnsrReport> {
  const cities = options.cities ?? MONTPELLIER_CITIES;
  const structures: RnsrStructure[] = [];
  let read = 0;
  const reading = options.progressOf?.('Reading the research directory');
  const problems = await readRnsr(file, (structure) => {
    read += 1;
    reading?.tick(1);
    if (isCityOf(cities, structure.city)) structures.push(structure);
  });
  reading?.finish();
  if (problems.length > 0) throw new RnsrRejectedError(problems);

  const source = sourceOf(options.release);
  const citationOf = (structure: RnsrStructure) => `${source.id}#rnsr ${structure.number}`;
  const { resolve, decisions, namesOf } = await loadResolution(runner, DATASET);
  const decided = (id: string) => decisions.get(id) ?? options.decisions?.get(id);

  const resolutions = new Map<string, Resolution>();
  for (const structure of structures) {
    const resolution = resolve(
      { recordId: structure.number, name: structure.name, shortName: structure.acronym, identifiers: { rnsr: structure.number, grid: structure.grid }, city: structure.city, ownKey: `rnsr-${structure.number}` },
      decided(structure.number),
    );
    resolutions.set(structure.number, asOwnEntry(resolution, `rnsr-${structure.number}`));
  }
  const bodies = new Map<string, { body: RnsrBody; resolution: Resolution; citation: string }>();
  for (const structure of structures) {
    for (const body of structure.bodies) {
      const id = bodyId(body);
      if (bodies.has(id)) continue;
      const { uai, siret } = bodyIdentifiers(body);
      const resolution = resolve({ recordId: id, name: body.name, shortName: body.acronym, identifiers: { uai, siret }, city: null, ownKey: bodyKey(body) }, decided(id));
      bodies.set(id, { body, resolution: asOwnEntry(resolution, bodyKey(body)), citation: citationOf(structure) });
    }
  }

  const graph: SeedGraph = { sources: [source], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };
  const report: RnsrReport = {
    release: options.release?.date ?? null,
    read,
    kept: structures.length,
    structures: emptyResolutionTally(),
    bodies: emptyResolutionTally(),
    withheldLinks: 0,
    write: { written: null, enriched: 0, alsoStated: 0, repaired: [] },
  };
  const matched: Parameters<typeof enrichmentRows>[0] = [];
  const reviews: Array<Record<string, unknown>> = [];
  for (const structure of structures) {
    const resolution = resolutions.get(structure.number)!;
    const citation = citationOf(structure);
    countResolution(report.structures, resolution);
    const facts = {
      dataset: DATASET,
      recordId: structure.number,
      names: { fr: [personStyleName(structure.name), structure.name], en: structure.acronym ? [structure.acronym] : [] },
      identifiers: { rnsr: structure.number, grid: structure.grid, country: 'FR' },
      themes: themesOf(structure),
      city: structure.city ? personStyleName(structure.city, true) : null,
      website: structure.website,
      citation,
    };
    if (resolution.kind === 'create') graph.organizations.push(structureEntry(structure, citation));
    else if (resolution.kind === 'matched') matched.push({ resolution, facts });
    else if (resolution.kind === 'review') {
      const { name, acronym, city, type, grid } = structure;
      reviews.push(reviewRow(DATASET, structure.number, { name, acronym, city, type, grid, rnsr: structure.number }, resolution.candidates, citation, { entry: structureEntry(structure, citation), facts }));
    }
  }
  for (const [id, { body, resolution, citation }] of bodies) {
    countResolution(report.bodies, resolution);
    const facts = { dataset: DATASET, recordId: id, names: { fr: [personStyleName(body.name), body.name], en: body.acronym ? [body.acronym] : [] }, identifiers: bodyIdentifiers(body), citation };
    if (resolution.kind === 'create') graph.organizations.push(bodyEntry(body, citation));
    else if (resolution.kind === 'matched') matched.push({ resolution, facts });
    else if (resolution.kind === 'review') {
      reviews.push(reviewRow(DATASET, id, { name: body.name, acronym: body.acronym, uai: body.uai, siret: body.siret }, resolution.candidates, citation, { entry: bodyEntry(body, citation), facts }));
    }
  }

  const structureKey = (number: string) => {
    const resolution = resolutions.get(number);
    return resolution ? entityKeyOf(resolution, `rnsr-${number}`, `${DATASET}:${number}`) : null;
  };
  const ids = new Set<string>();
  const link = (relationship: RelationshipSeed | null) => {
    if (!relationship || reviewOfKey(relationship.from) || reviewOfKey(relationship.to)) report.withheldLinks += 1;
    if (!relationship) return;
    if (relationship.from === relationship.to || ids.has(relationship.id)) return;
    ids.add(relationship.id);
    graph.relationships.push(relationship);
  };
  for (const structure of structures) {
    const self = structureKey(structure.number);
    const sources = [citationOf(structure)];
    for (const body of structure.bodies) {
      const entry = bodies.get(bodyId(body))!;
      const other = entityKeyOf(entry.resolution, bodyKey(body), `${DATASET}:${bodyId(body)}`);
      const role = `${body.type === 'PART' ? 'participating body' : 'supervising body'}${body.label ? `, ${body.label}` : ''}`;
      link(self && other ? ({ id: `rnsr-${structure.number}-part-of-${bodyKey(body)}`, type: 'PART_OF', from: self, to: other, role, sources } as RelationshipSeed) : null);
    }
    for (const parent of structure.parents) {
      const other = structureKey(parent);
      if (other && self) link({ id: `rnsr-${structure.number}-part-of-rnsr-${parent}`, type: 'PART_OF', from: self, to: other, sources } as RelationshipSeed);
    }
    for (const predecessor of structure.predecessors) {
      const other = structureKey(predecessor.number);
      if (other && self) {
        link({ id: `rnsr-${structure.number}-successor-of-rnsr-${predecessor.number}`, type: 'SUCCESSOR_OF', from: self, to: other, ...(predecessor.year && /^\d{4}$/.test(predecessor.year) ? { since: predecessor.year } : {}), sources } as RelationshipSeed);
      }
    }
  }

  const settled = settledReviews(DATASET, decisions, [
    ...structures.map((structure) => ({ recordId: structure.number, resolution: resolutions.get(structure.number)!, ownKey: `rnsr-${structure.number}` })),
    ...[...bodies].map(([id, { body, resolution }]) => ({ recordId: id, resolution, ownKey: bodyKey(body) })),
  ]);
  report.write = await writeDatasetGraph(runner, graph, enrichmentRows(matched, namesOf), reviews, {
    settled,
    dryRun: options.dryRun,
    batchSize: options.batchSize,
    progress: options.progressOf?.('Writing'),
  });
  return report;
}

export function formatRnsrReport(file: string, report: RnsrReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run of' : 'Imported'} research directory ${file} (${report.release ?? 'undated'}):`,
    `  read            ${report.read} structures, ${report.kept} in the area`,
    `  structures      ${describeTally(report.structures)}`,
    `  bodies          ${describeTally(report.bodies)}`,
    `  withheld        ${report.withheldLinks} link(s) to a body or structure that waits for review`,
  ];
  return `${[...lines, ...writtenLines(report.write)].join('\n')}\n`;
}
