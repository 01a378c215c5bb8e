import StreamArray from 'stream-json/streamers/StreamArray.js';

import { isWebAddress } from '../importFormat.js';
import { openInput } from '../inputFiles.js';
import type { Progress } from '../progress.js';

/**
 * Reads a ROR v2 data dump (one JSON array of records) as a stream: the whole file is never
 * held in memory. Each record is checked (id, a display name) and reduced to what the graph
 * uses; a truncated or malformed file is a problem naming the record where it broke.
 */
export interface RorRecord {
  /** The id without its https://ror.org/ prefix, e.g. 051escj72. */
  id: string;
  index: number;
  name: string;
  /** Labels and aliases by language (`en` for those without one), and acronyms. */
  names: { fr: string[]; en: string[]; acronyms: string[] };
  /** Its own name in French and in English: a `label` (or the `ror_display` name) given in that language. */
  labels: { fr: string | null; en: string | null };
  types: string[];
  status: string;
  established: number | null;
  /** The first location's city and country. */
  city: string | null;
  country: string | null;
  /** Every location (a body may have several sites): the area holds a record when it holds one of them. */
  places: Array<{ city: string | null; country: string | null }>;
  website: string | null;
  wikidata: string | null;
  /** GRID id, ISNI (without spaces) and FundRef id, when the record gives them in a valid form. */
  grid: string | null;
  isni: string | null;
  fundref: string | null;
  relationships: Array<{ type: string; id: string }>;
}

export interface RorProblem {
  record: number;
  field: string;
  reason: string;
}

const ROR_ID = /^https:\/\/ror\.org\/(0[a-z0-9]{8})$/;

interface RawName {
  value?: unknown;
  types?: unknown;
  lang?: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\s+/g, ' ') : null;
}

/** The record reduced to the graph's needs, or the reason it cannot be used. */
export function reduceRecord(raw: unknown, index: number): RorRecord | RorProblem {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { record: index, field: '-', reason: 'not a JSON object' };
  const record = raw as Record<string, unknown>;
  const id = ROR_ID.exec(String(record.id ?? ''));
  if (!id) return { record: index, field: 'id', reason: `"${String(record.id).slice(0, 60)}" is not a ROR id (https://ror.org/0xxxxxxxx)` };
  const names = Array.isArray(record.names) ? (record.names as RawName[]) : [];
  const typed = (type: string) => names.filter((name) => Array.isArray(name.types) && (name.types as unknown[]).includes(type));
  const display = text(typed('ror_display')[0]?.value);
  if (!display) return { record: index, field: 'names', reason: `record ${id[1]} has no ror_display name` };
  const fr: string[] = [];
  const en: string[] = [];
  for (const name of [...typed('label'), ...typed('alias')]) {
    const value = text(name.value);
    if (!value || value === display) continue;
    (name.lang === 'fr' ? fr : en).push(value);
  }
  const labelIn = (language: string) => text([...typed('ror_display'), ...typed('label')].find((name) => name.lang === language)?.value);
  const locations = Array.isArray(record.locations) ? (record.locations as Array<{ geonames_details?: { name?: unknown; country_code?: unknown } } | null>) : [];
  const places = locations.map((location) => ({ city: text(location?.geonames_details?.name), country: text(location?.geonames_details?.country_code) }));
  const externalIds = Array.isArray(record.external_ids) ? (record.external_ids as Array<{ type?: unknown; preferred?: unknown; all?: unknown }>) : [];
  const external = (type: string) => {
    const found = externalIds.find((candidate) => candidate.type === type);
    return text(found?.preferred) ?? (Array.isArray(found?.all) ? text(found.all[0]) : null);
  };
  const wikidataId = external('wikidata');
  const grid = external('grid');
  const isni = external('isni')?.replace(/\s+/g, '').toUpperCase() ?? null;
  const fundref = external('fundref');
  const links = Array.isArray(record.links) ? (record.links as Array<{ type?: unknown; value?: unknown }>) : [];
  const website = text(links.find((link) => link.type === 'website')?.value);
  const established = typeof record.established === 'number' && Number.isInteger(record.established) ? record.established : null;
  const relationships = (Array.isArray(record.relationships) ? (record.relationships as Array<{ type?: unknown; id?: unknown }>) : [])
    .map((relationship) => ({ type: String(relationship.type ?? ''), id: ROR_ID.exec(String(relationship.id ?? ''))?.[1] ?? '' }))
    .filter((relationship) => relationship.id !== '');
  return {
    id: id[1]!,
    index,
    name: display,
    names: { fr, en, acronyms: typed('acronym').map((name) => text(name.value)).filter((value): value is string => value !== null) },
    labels: { fr: labelIn('fr'), en: labelIn('en') },
    types: Array.isArray(record.types) ? (record.types as unknown[]).map(String) : [],
    status: String(record.status ?? 'active'),
    established: established !== null && established >= 1000 && established <= 2100 ? established : null,
    city: places[0]?.city ?? null,
    country: places[0]?.country ?? null,
    places,
    website: isWebAddress(website) ? website : null,
    wikidata: wikidataId && /^Q\d+$/.test(wikidataId) ? wikidataId : null,
    grid: grid && /^grid\.\d+\.[0-9a-f]+$/.test(grid) ? grid : null,
    isni: isni && /^\d{15}[\dX]$/.test(isni) ? isni : null,
    fundref: fundref && /^\d{5,12}$/.test(fundref) ? fundref : null,
    relationships,
  };
}

/**
 * Streams the records of a dump (the JSON file, or the .zip ROR publishes, whose `.json` entry is
 * read; the schema v2 one when there are several) to `each`; returns the problems (reading stops
 * at a malformed file).
 */
export async function readRor(file: string, each: (record: RorRecord) => void, progress?: Progress): Promise<RorProblem[]> {
  const source = await openInput(file);
  const dump = source?.file(/schema_v2\.json$/) ?? source?.file(/\.json$/) ?? null;
  if (!dump) {
    source?.close();
    return [{ record: 0, field: '-', reason: `${file} is neither a ROR JSON dump nor a .zip holding one` }];
  }
  const problems: RorProblem[] = [];
  const total = dump.size;
  let bytes = 0;
  let index = 0;
  const input = await dump.open();
  input.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const records = input.pipe(StreamArray.withParser());
  try {
    for await (const { value } of records as AsyncIterable<{ key: number; value: unknown }>) {
      index += 1;
      const reduced = reduceRecord(value, index);
      if ('reason' in reduced) problems.push(reduced);
      else each(reduced);
      progress?.tick(1, bytes, total);
    }
    progress?.finish();
  } catch (error) {
    problems.push({ record: index + 1, field: '-', reason: `the file is not a complete JSON array (${(error as Error).message.split('\n')[0]}); a truncated download?` });
  } finally {
    source!.close();
  }
  return problems;
}
