import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'csv-parse';

import { foldForSearch } from '../../domains/shared/foldForSearch.js';
import type { Progress } from '../progress.js';
import { communeOf, delimiterOf, RNSR_COLUMNS } from '../rnsr/readRnsr.js';
import { isCityOf } from '../scope.js';
import { indexRecords, latestRecords, latestVersion, placesOf, type LatestRecord } from './rorRecords.js';

/**
 * The area's extract of ROR, written into the repository (seeds/extract/) so that `npm start`
 * serves the area's real research bodies without any download: every record located in one of
 * the area's communes (any of its locations), active or not, and every record one of them
 * points to (parents, children, related bodies, predecessors and successors), in the latest
 * version the records repository holds, in schema v2's layout. Sorted by id with sorted keys:
 * the same input gives the same bytes, a newer release gives a diff of the records it changed.
 */
export const EXTRACT_FOLDER = 'seeds/extract';
export const ROR_EXTRACT_FILE = 'ror-area.json';
export const RNSR_EXTRACT_FILE = 'rnsr-area.csv';
export const EXTRACT_MANIFEST = 'extract.json';

export interface ExtractOptions {
  /** A copy of ror-community/ror-records (its release folders). */
  rorRecords: string;
  /** Where to write; the repository's seeds/extract by default. */
  out: string;
  cities: string[];
  country: string;
  progressOf?: (step: string) => Progress | undefined;
}

export interface RorExtractManifest {
  dataset: 'ror';
  title: string;
  origin: string;
  licence: string;
  /** The latest release folder read, and the latest modification date of a record in it. */
  release: string;
  date: string | null;
  file: string;
  records: { inArea: number; active: number; oneStepAway: number; fromSchemaV1: number };
  area: { country: string; communes: string[] };
}

export interface RnsrExtractManifest {
  dataset: 'rnsr';
  title: string;
  origin: string;
  licence: string;
  release: string;
  date: string | null;
  file: string;
  records: { inArea: number; withGrid: number };
  area: { communes: string[] };
  /** What the extract leaves out of the directory's rows. */
  left: string;
}

export type DatasetManifest = RorExtractManifest | RnsrExtractManifest;

export interface ExtractManifest {
  note: string;
  datasets: DatasetManifest[];
}

/** JSON with keys sorted at every level, two spaces, a final newline: stable bytes. */
export function stableJson(value: unknown): string {
  const sorted = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(sorted);
    if (inner && typeof inner === 'object') {
      return Object.fromEntries(Object.keys(inner).sort().map((key) => [key, sorted((inner as Record<string, unknown>)[key])]));
    }
    return inner;
  };
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/** A pattern that finds any of the communes' names in a record's text, written as ROR writes them. */
function communeHint(cities: string[]): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = new Set(cities.flatMap((city) => [city, foldForSearch(city), city.replace(/'/g, '’')]));
  return new RegExp([...forms].map(escape).join('|'), 'i');
}

export async function extractRor(options: ExtractOptions): Promise<RorExtractManifest> {
  const { files, releases } = await indexRecords(options.rorRecords);
  const inArea = (latest: LatestRecord) => placesOf(latest.record).some((place) => place.country === options.country && isCityOf(options.cities, place.city));
  const area = await latestRecords(options.rorRecords, files, inArea, communeHint(options.cities), options.progressOf?.('Reading the ROR records that name a commune of the area'));

  const linked = new Set<string>();
  for (const { record } of area.values()) {
    for (const relationship of (record.relationships ?? []) as Array<{ id?: unknown }>) {
      const id = /^https:\/\/ror\.org\/(0[a-z0-9]{8})$/.exec(String(relationship.id ?? ''))?.[1];
      if (id && !area.has(id)) linked.add(id);
    }
  }
  const oneStepAway = new Map<string, LatestRecord>();
  for (const id of [...linked].sort()) {
    const versions = files.get(id);
    if (versions) oneStepAway.set(id, await latestVersion(options.rorRecords, versions));
  }

  const all = [...area.values(), ...oneStepAway.values()].sort((a, b) => String(a.record.id).localeCompare(String(b.record.id)));
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, ROR_EXTRACT_FILE), stableJson(all.map((latest) => latest.record)));

  const release = releases.at(-1)!;
  const dates = (await Promise.all(
    [...files.values()].flat().filter((file) => file.release === release).slice(0, 5_000).map(async (file) => {
      const record = JSON.parse(await readFile(join(options.rorRecords, file.path), 'utf8')) as { admin?: { last_modified?: { date?: string } } };
      return record.admin?.last_modified?.date ?? '';
    }),
  )).filter(Boolean).sort();
  return {
    dataset: 'ror',
    title: 'ROR: Research Organization Registry, records of the area',
    origin: 'https://github.com/ror-community/ror-records (one JSON file per record, one folder per release)',
    licence: 'CC0 1.0',
    release,
    date: dates.at(-1) ?? null,
    file: ROR_EXTRACT_FILE,
    records: {
      inArea: area.size,
      active: [...area.values()].filter((latest) => latest.record.status === 'active').length,
      oneStepAway: oneStepAway.size,
      fromSchemaV1: all.filter((latest) => latest.schema === 1).length,
    },
    area: { country: options.country, communes: options.cities },
  };
}

export interface RnsrExtractOptions {
  /** The directory's file (fr-esr-structures-recherche-publiques-actives.csv). */
  rnsr: string;
  /** The same rows with a GRID id each (…-with-grid.csv), for the crosswalk to ROR records. */
  rnsrGrid?: string;
  /** The date of the directory's extract, as its publisher gives it (YYYY-MM). */
  date?: string;
  out: string;
  cities: string[];
}

async function rowsOf(file: string): Promise<Array<Record<string, string>>> {
  const rows: Array<Record<string, string>> = [];
  const parser = createReadStream(file).pipe(parse({ delimiter: await delimiterOf(file), bom: true, relax_column_count: true, columns: (names: string[]) => names.map((name) => name || 'index') }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) rows.push(row);
  return rows;
}

/** A CSV field: quoted when it holds the separator, a quote or a line break. */
const field = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The structures of the directory located in the area (by commune, CEDEX ignored), in the
 * directory's own layout without the directors' names and the street address, with the GRID id
 * of the copy that has one; sorted by structure number.
 */
export async function extractRnsr(options: RnsrExtractOptions): Promise<RnsrExtractManifest> {
  const grids = new Map<string, string>();
  if (options.rnsrGrid) {
    for (const row of await rowsOf(options.rnsrGrid)) {
      const grid = (row.grid ?? '').trim();
      if (row.numero_national_de_structure && /^grid\.\d+\.[0-9a-f]+$/.test(grid)) grids.set(row.numero_national_de_structure.trim(), grid);
    }
  }
  const kept = (await rowsOf(options.rnsr))
    .filter((row) => isCityOf(options.cities, communeOf(row.commune)))
    .sort((a, b) => (a.numero_national_de_structure ?? '').localeCompare(b.numero_national_de_structure ?? ''));
  const columns = [...RNSR_COLUMNS, 'grid'];
  const lines = [columns.join(';'), ...kept.map((row) => columns.map((column) => field(column === 'grid' ? (grids.get(row.numero_national_de_structure!.trim()) ?? '') : (row[column] ?? ''))).join(';'))];
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, RNSR_EXTRACT_FILE), `${lines.join('\n')}\n`);
  return {
    dataset: 'rnsr',
    title: 'RNSR: répertoire national des structures de recherche, structures of the area',
    origin: 'https://github.com/dataesr/matcher-affiliation-examples (fr-esr-structures-recherche-publiques-actives.csv and its copy with GRID ids), from the ministry\'s open-data portal (data.enseignementsup-recherche.gouv.fr)',
    licence: 'Licence Ouverte / Etalab 2.0',
    release: 'fr-esr-structures-recherche-publiques-actives',
    date: options.date ?? null,
    file: RNSR_EXTRACT_FILE,
    records: { inArea: kept.length, withGrid: kept.filter((row) => grids.has(row.numero_national_de_structure!.trim())).length },
    area: { communes: options.cities },
    left: 'the directors\' names (nom_du_responsable, prenom_du_responsable, titre_du_responsable) and the street address',
  };
}

/** Writes the manifest that says where each file of the extract comes from. */
export async function writeManifest(out: string, datasets: DatasetManifest[]): Promise<void> {
  const manifest: ExtractManifest = {
    note: 'Written by `npm run extract`; do not edit by hand. Each file keeps its dataset\'s own layout; the graph loads them at the first start.',
    datasets,
  };
  await writeFile(join(out, EXTRACT_MANIFEST), stableJson(manifest));
}

/** The manifest of an extract folder, or null when there is none. */
export async function readManifest(folder: string): Promise<ExtractManifest | null> {
  const path = join(folder, EXTRACT_MANIFEST);
  if (!(await stat(path).catch(() => null))) return null;
  return JSON.parse(await readFile(path, 'utf8')) as ExtractManifest;
}
