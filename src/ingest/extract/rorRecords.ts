import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Progress } from '../progress.js';

/**
 * Reads ROR's records repository (ror-community/ror-records, CC0): one folder per release
 * (`v1.0` ... `v2.9`), each holding only the records changed in it, one JSON file per record.
 * Releases up to v1.44 hold schema v1 only; later v1.x releases hold schema v2 at their top and
 * schema v1 in a `v1/` subfolder; v2.x releases hold schema v2. A record's latest version is
 * its schema v2 form last modified (admin.last_modified.date, then the later release), else,
 * for the many records not changed since v2 exists, its schema v1 form of the latest release,
 * converted to schema v2's layout so that one reader (readRor.ts) reads the extract.
 */
export interface RorFile {
  release: string;
  path: string;
}

export interface LatestRecord {
  /** Schema v2 layout. */
  record: Record<string, unknown>;
  release: string;
  /** The file it was read from, relative to the repository. */
  path: string;
  /** The schema the file was written in: 2, or 1 when converted. */
  schema: 1 | 2;
}

const RELEASE = /^v(\d+)\.(\d+)(?:\.(\d+))?$/;
const RECORD_FILE = /^(0[a-z0-9]{8})\.json$/;

/** Release folders in version order (v1.2 before v1.10, v1.17 before v1.17.1). */
export function compareReleases(a: string, b: string): number {
  const [x, y] = [RELEASE.exec(a), RELEASE.exec(b)];
  for (let part = 1; part <= 3; part += 1) {
    const difference = Number(x?.[part] ?? 0) - Number(y?.[part] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}

/** Every record file of the repository, by ROR id (without the https://ror.org/ prefix). */
export async function indexRecords(repository: string): Promise<{ files: Map<string, RorFile[]>; releases: string[] }> {
  const releases = (await readdir(repository, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && RELEASE.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareReleases);
  if (releases.length === 0) throw new Error(`${repository} holds no release folder (v1.0, v2.9...): is it a copy of ror-community/ror-records?`);
  const files = new Map<string, RorFile[]>();
  for (const release of releases) {
    for (const folder of [release, join(release, 'v1'), join(release, 'v2')]) {
      const names = await readdir(join(repository, folder)).catch(() => [] as string[]);
      for (const name of names) {
        const id = RECORD_FILE.exec(name)?.[1];
        if (!id) continue;
        if (!files.has(id)) files.set(id, []);
        files.get(id)!.push({ release, path: join(folder, name) });
      }
    }
  }
  return { files, releases };
}

const isV2 = (record: Record<string, unknown>) => Array.isArray(record.names);
const modified = (record: Record<string, unknown>) => ((record.admin as { last_modified?: { date?: unknown } } | undefined)?.last_modified?.date as string | undefined) ?? '';

/** The latest version of a record among its files (each read and parsed once). */
export async function latestVersion(repository: string, versions: RorFile[]): Promise<LatestRecord> {
  let best: LatestRecord | null = null;
  for (const file of versions) {
    const record = JSON.parse(await readFile(join(repository, file.path), 'utf8')) as Record<string, unknown>;
    const candidate: LatestRecord = isV2(record)
      ? { record, release: file.release, path: file.path, schema: 2 }
      : { record: v1ToV2(record), release: file.release, path: file.path, schema: 1 };
    if (!best || newer(candidate, best)) best = candidate;
  }
  return best!;
}

function newer(a: LatestRecord, b: LatestRecord): boolean {
  if (a.schema !== b.schema) return a.schema > b.schema;
  if (a.schema === 2) {
    const [x, y] = [modified(a.record), modified(b.record)];
    if (x !== y) return x > y;
  }
  return compareReleases(a.release, b.release) > 0;
}

interface V1Identifier {
  preferred?: unknown;
  all?: unknown;
}

/**
 * A schema v1 record in schema v2's layout: the name as the display name, labels with their
 * language, aliases and acronyms; lower-case types and relationship types; each address as a
 * location; external ids as a list; links and the Wikipedia page as typed links. The fields
 * v2 dropped (email, IP addresses) are left out; `admin` says the record comes from schema v1.
 */
export function v1ToV2(v1: Record<string, unknown>): Record<string, unknown> {
  const list = <T>(value: unknown) => (Array.isArray(value) ? (value as T[]) : []);
  const country = (v1.country ?? {}) as { country_code?: unknown; country_name?: unknown };
  const names = [
    { lang: null, types: ['ror_display', 'label'], value: v1.name },
    ...list<{ label?: unknown; iso639?: unknown }>(v1.labels).map((label) => ({ lang: typeof label.iso639 === 'string' ? label.iso639 : null, types: ['label'], value: label.label })),
    ...list<unknown>(v1.aliases).map((alias) => ({ lang: null, types: ['alias'], value: alias })),
    ...list<unknown>(v1.acronyms).map((acronym) => ({ lang: null, types: ['acronym'], value: acronym })),
  ].filter((name) => typeof name.value === 'string' && name.value.trim() !== '');
  const locations = list<{ city?: unknown; lat?: unknown; lng?: unknown; geonames_city?: { id?: unknown; city?: unknown } | null }>(v1.addresses).map((address) => ({
    geonames_details: {
      country_code: country.country_code ?? null,
      country_name: country.country_name ?? null,
      lat: address.lat ?? null,
      lng: address.lng ?? null,
      name: address.geonames_city?.city ?? address.city ?? null,
    },
    geonames_id: address.geonames_city?.id ?? null,
  }));
  const externalIds = Object.entries((v1.external_ids ?? {}) as Record<string, V1Identifier>)
    .filter(([type]) => ['GRID', 'ISNI', 'Wikidata', 'FundRef'].includes(type))
    .map(([type, value]) => ({
      all: Array.isArray(value.all) ? value.all : typeof value.all === 'string' ? [value.all] : [],
      preferred: value.preferred ?? null,
      type: type.toLowerCase(),
    }));
  const links = [
    ...list<unknown>(v1.links).filter((link) => typeof link === 'string' && link !== '').map((value) => ({ type: 'website', value })),
    ...(typeof v1.wikipedia_url === 'string' && v1.wikipedia_url !== '' ? [{ type: 'wikipedia', value: v1.wikipedia_url }] : []),
  ];
  return {
    admin: { last_modified: { date: null, schema_version: '1.0' } },
    domains: [],
    established: v1.established ?? null,
    external_ids: externalIds,
    id: v1.id,
    links,
    locations,
    names,
    relationships: list<{ type?: unknown; label?: unknown; id?: unknown }>(v1.relationships).map((relationship) => ({
      id: relationship.id,
      label: relationship.label ?? null,
      type: String(relationship.type ?? '').toLowerCase(),
    })),
    status: v1.status ?? 'active',
    types: list<unknown>(v1.types).map((type) => String(type).toLowerCase()),
  };
}

/** The places of a schema v2 record: each location's city and country code. */
export function placesOf(record: Record<string, unknown>): Array<{ city: string | null; country: string | null }> {
  const locations = Array.isArray(record.locations) ? (record.locations as Array<{ geonames_details?: { name?: unknown; country_code?: unknown } }>) : [];
  return locations.map((location) => ({
    city: typeof location.geonames_details?.name === 'string' ? location.geonames_details.name : null,
    country: typeof location.geonames_details?.country_code === 'string' ? location.geonames_details.country_code : null,
  }));
}

/**
 * Reads the latest version of each record a test keeps, the cheap way: a file is parsed only
 * when its text names one of `hints` (the area's communes), then its record's versions are
 * compared. `wanted` then adds records by id (those one step away).
 */
export async function latestRecords(
  repository: string,
  files: Map<string, RorFile[]>,
  keep: (record: LatestRecord) => boolean,
  hints: RegExp,
  progress?: Progress,
): Promise<Map<string, LatestRecord>> {
  const kept = new Map<string, LatestRecord>();
  let done = 0;
  for (const [id, versions] of files) {
    done += 1;
    let mentioned = false;
    for (const file of versions) {
      if (hints.test(await readFile(join(repository, file.path), 'utf8'))) {
        mentioned = true;
        break;
      }
    }
    if (mentioned) {
      const latest = await latestVersion(repository, versions);
      if (keep(latest)) kept.set(id, latest);
    }
    progress?.tick(1, done, files.size);
  }
  progress?.finish();
  return kept;
}
