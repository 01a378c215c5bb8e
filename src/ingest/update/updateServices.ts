import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { z } from 'zod';

import { cypher, runQuery, type QueryRunner } from '../../database/runQuery.js';
import { CordisRejectedError, formatCordisReport, importCordis } from '../cordis/importCordis.js';
import { ImportRejectedError } from '../graphWriter.js';
import type { OrganizationSeed, SeedGraph, SourceSeed } from '../importFormat.js';
import { formatOpenAlexReport, importOpenAlex, OpenAlexRejectedError } from '../openalex/importOpenAlex.js';
import { personStyleName } from '../personStyleName.js';
import { writeDatasetGraph } from '../pipeline.js';
import type { Progress } from '../progress.js';
import { writtenLines } from '../report.js';
import { enrichmentRows } from '../resolution/enrichment.js';
import { loadResolution, reviewRow, settledReviews } from '../resolution/resolutionStore.js';
import { asOwnEntry, type Resolution } from '../resolution/resolveOrganizations.js';
import { isCityOf } from '../scope.js';
import { formatRnsrReport, importRnsr, RnsrRejectedError } from '../rnsr/importRnsr.js';
import { formatRorReport, importRor, RorRejectedError } from '../ror/importRor.js';
import { ServiceError, type Downloader } from './download.js';

/**
 * The services `npm run update` brings the graph up to date from, in the order their imports
 * need (ROR first: CORDIS and the directory resolve against its bodies), and what each fetches:
 *
 * - ROR API v2: the records located in each commune of the area (an advanced query on the
 *   location's name, filtered on the country, pages of 20), then the records they point to
 *   (parents, children, related, predecessors, successors), each checked against the v2 schema;
 *   written to the cache as one v2 array, imported when it differs from the last one.
 * - The research directory (RNSR): the ministry's open-data portal's current export of
 *   `fr-esr-structures-recherche-publiques-actives`, downloaded when changed.
 * - CORDIS: the Horizon Europe and Horizon 2020 project exports (zip), downloaded when changed.
 * - OpenAlex: the works of the area's institutions (updateOpenAlex).
 *
 * A service that fails (down, a bad payload, a file the importer refuses) is reported in one
 * line and the others still update; nothing of a refused payload is written.
 */
export interface Endpoints {
  /** ROR API v2 root, e.g. `https://api.ror.org/v2`. */
  ror: string;
  /** The research directory's CSV export. */
  rnsr: string;
  /** Where the CORDIS exports are, e.g. `https://cordis.europa.eu/data`. */
  cordis: string;
}

export const DEFAULT_ENDPOINTS: Endpoints = {
  ror: 'https://api.ror.org/v2',
  rnsr: 'https://data.enseignementsup-recherche.gouv.fr/api/explore/v2.1/catalog/datasets/fr-esr-structures-recherche-publiques-actives/exports/csv?delimiter=%3B&lang=fr',
  cordis: 'https://cordis.europa.eu/data',
};

export const SERVICES = ['ror', 'rnsr', 'cordis', 'openalex', 'companies'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface UpdateContext {
  runner: QueryRunner;
  downloader: Downloader;
  endpoints: Endpoints;
  cities: string[];
  /** ISO code of the area's country. */
  country: string;
  dryRun: boolean;
  progressOf?: (step: string) => Progress | undefined;
  /** Today (YYYY-MM-DD), the release date of what an API answered. */
  today: string;
}

export interface ServiceOutcome {
  service: ServiceName;
  ok: boolean;
  /** What was fetched, in words (`3 files unchanged`, `162 records, 12 requests`). */
  fetched: string;
  /** The import's report, or why nothing was imported (`unchanged since ...`). */
  imported: string;
  /** How long the service took, and the part of it spent waiting on the network. */
  seconds?: number;
  waitingSeconds?: number;
}

/** A ROR v2 record as the API gives it: what the importer reads is checked, the rest passes through. */
const rorRecord = z
  .object({
    id: z.string().regex(/^https:\/\/ror\.org\/0[a-z0-9]{8}$/),
    names: z.array(z.object({ value: z.string(), types: z.array(z.string()) }).passthrough()).min(1),
    status: z.string(),
    types: z.array(z.string()),
    locations: z.array(z.object({ geonames_details: z.object({ name: z.string().nullable().optional(), country_code: z.string().nullable().optional() }).passthrough() }).passthrough()),
    relationships: z.array(z.object({ type: z.string(), id: z.string() }).passthrough()).optional(),
  })
  .passthrough();
type RorApiRecord = z.infer<typeof rorRecord>;
const rorPage = z.object({ number_of_results: z.number().int().nonnegative(), items: z.array(rorRecord) }).passthrough();

const REFUSALS = [RorRejectedError, RnsrRejectedError, CordisRejectedError, OpenAlexRejectedError, ImportRejectedError, ServiceError];

/** Runs one service: its failure is its outcome's line, never the others'. */
async function guarded(service: ServiceName, work: () => Promise<Omit<ServiceOutcome, 'service' | 'ok'>>): Promise<ServiceOutcome> {
  const started = performance.now();
  try {
    return { service, ok: true, ...(await work()), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (!REFUSALS.some((refusal) => error instanceof refusal)) throw error;
    const first = (error as Error).message.split('\n').slice(0, 4).join(' ');
    return { service, ok: false, fetched: 'failed', imported: `not updated: ${first}`, seconds: (performance.now() - started) / 1000 };
  }
}

export async function updateRor(context: UpdateContext): Promise<ServiceOutcome> {
  return guarded('ror', async () => {
    const { downloader, endpoints } = context;
    const records = new Map<string, RorApiRecord>();
    const reading = context.progressOf?.('Reading the ROR API (records of the area)');
    for (const city of context.cities) {
      const query = `locations.geonames_details.name:"${city.replace(/["\\]/g, '')}"`;
      for (let page = 1; ; page += 1) {
        const url = `${endpoints.ror}/organizations?query.advanced=${encodeURIComponent(query)}&filter=${encodeURIComponent(`locations.geonames_details.country_code:${context.country}`)}&page=${page}`;
        const answer = await downloader.json('ror', url, rorPage);
        for (const record of answer.items) records.set(record.id, record);
        reading?.tick(answer.items.length, Math.min(answer.number_of_results, page * 20), answer.number_of_results);
        if (answer.items.length === 0 || page * 20 >= answer.number_of_results) break;
      }
    }
    reading?.finish();
    // The records they point to, once: a parent body in Paris, a predecessor, a related body.
    const pointed = [...new Set([...records.values()].flatMap((record) => (record.relationships ?? []).map((link) => link.id)))].filter((id) => !records.has(id));
    const following = context.progressOf?.('Reading the ROR API (records one step away)');
    for (const [index, id] of pointed.entries()) {
      const short = /0[a-z0-9]{8}$/.exec(id)?.[0];
      if (!short) continue;
      const record = await downloader.json('ror', `${endpoints.ror}/organizations/${short}`, rorRecord);
      records.set(record.id, record);
      following?.tick(1, index + 1, pointed.length);
    }
    following?.finish();
    const sorted = [...records.values()].sort((a, b) => a.id.localeCompare(b.id));
    const stored = await downloader.store('ror-area.json', `${JSON.stringify(sorted, null, 1)}\n`);
    const fetched = `${sorted.length} records, ${downloader.requests.get('ror') ?? 0} requests`;
    if (!stored.changed && !context.dryRun) return { fetched, imported: 'unchanged since the last update: nothing to import' };
    const report = await importRor(context.runner, stored.file, {
      release: { name: `ROR API v2, ${context.today}`, date: context.today },
      cities: context.cities,
      country: context.country,
      dryRun: context.dryRun,
      progressOf: context.progressOf,
    });
    return { fetched, imported: formatRorReport(stored.file, report, context.dryRun) };
  });
}

export async function updateRnsr(context: UpdateContext): Promise<ServiceOutcome> {
  return guarded('rnsr', async () => {
    const file = await context.downloader.file('rnsr', 'fr-esr-structures-recherche-publiques-actives.csv', context.endpoints.rnsr);
    const fetched = `${file.changed ? 'downloaded' : 'unchanged'}, ${file.bytes} bytes`;
    if (!file.changed && !context.dryRun) return { fetched, imported: `unchanged since ${file.fetchedAt}: nothing to import` };
    const date = file.lastModified ? new Date(file.lastModified).toISOString().slice(0, 10) : context.today;
    const report = await importRnsr(context.runner, file.file, {
      release: { name: `fr-esr-structures-recherche-publiques-actives, ${date}`, date },
      cities: context.cities,
      dryRun: context.dryRun,
      progressOf: context.progressOf,
    });
    return { fetched, imported: formatRnsrReport(file.file, report, context.dryRun) };
  });
}

export async function updateCordis(context: UpdateContext): Promise<ServiceOutcome> {
  return guarded('cordis', async () => {
    const lines: string[] = [];
    const fetched: string[] = [];
    for (const programme of ['HORIZON', 'h2020']) {
      const name = `cordis-${programme}projects-csv.zip`;
      const file = await context.downloader.file('cordis', name, `${context.endpoints.cordis}/${name}`);
      fetched.push(`${name} ${file.changed ? 'downloaded' : 'unchanged'} (${file.bytes} bytes)`);
      if (!file.changed && !context.dryRun) {
        lines.push(`${name}: unchanged since ${file.fetchedAt}: nothing to import\n`);
        continue;
      }
      const report = await importCordis(context.runner, file.file, { dryRun: context.dryRun, progressOf: context.progressOf });
      lines.push(formatCordisReport(file.file, report, context.dryRun));
    }
    return { fetched: fetched.join(', '), imported: lines.join('') };
  });
}

/** An OpenAlex list page as the API gives it: `meta.next_cursor` pages on, `results` are works. */
const openAlexPage = z
  .object({
    meta: z.object({ count: z.number().int().nonnegative(), next_cursor: z.string().nullable().optional() }).passthrough(),
    results: z.array(z.object({ id: z.string().regex(/^https:\/\/openalex\.org\/W\d+$/) }).passthrough()),
  })
  .passthrough();

/** The area's organisations of the graph that have a ROR id: whose works OpenAlex is asked for. */
const areaRorIds = cypher(
  'areaRorIdsForUpdate',
  'READ',
  `MATCH (n:Organization) WHERE n.ror IS NOT NULL AND n.city IN $cities
   RETURN n.ror AS ror ORDER BY ror`,
);

interface OpenAlexState {
  /** The last complete fetch: when, and the folder of its pages. */
  complete?: { fetchedAt: string; folder: string };
  /** A fetch under way: where it stopped (the chunk of institutions and the cursor of its next page). */
  running?: { folder: string; startedAt: string; chunk: number; cursor: string; page: number };
}

/**
 * OpenAlex: the works of the area's institutions (by their ROR ids, 50 to a request), with cursor
 * paging (200 works a page), the API key (required since February 2026; a free key allows 10,000
 * list requests a day) and the contact address from the configuration. The co-publication counts
 * are computed from all the works at once, so a fetch is always complete: it is made again when
 * the last one is older than `everyDays` (a week by default), resumed where it stopped after an
 * interruption, and imported whole; the pages of older fetches are then removed from the cache.
 */
export async function updateOpenAlex(context: UpdateContext & { openalex: { base: string; apiKey: string | null; mailto: string | null; everyDays: number } }): Promise<ServiceOutcome> {
  return guarded('openalex', async () => {
    const { downloader, openalex } = context;
    if (!openalex.apiKey) return { fetched: 'nothing', imported: 'skipped: set OPENALEX_API_KEY (free at https://openalex.org/settings/api) to fetch the works of the area' };
    const folder = join(downloader.cacheDir, 'openalex');
    await mkdir(folder, { recursive: true });
    const stateFile = join(folder, 'state.json');
    const state = (existsSync(stateFile) ? JSON.parse(await readFile(stateFile, 'utf8')) : {}) as OpenAlexState;
    const saveState = () => writeFile(stateFile, JSON.stringify(state, null, 2));
    const age = state.complete ? (Date.now() - Date.parse(state.complete.fetchedAt)) / 86_400_000 : Infinity;
    if (!state.running && age < openalex.everyDays && !context.dryRun) {
      return { fetched: 'nothing', imported: `fetched on ${state.complete!.fetchedAt.slice(0, 10)}, less than ${openalex.everyDays} days ago: nothing to fetch or import` };
    }
    const rors = (await runQuery(context.runner, areaRorIds, { cities: context.cities })).map((row) => row.ror as string);
    if (rors.length === 0) return { fetched: 'nothing', imported: 'no organisation of the area has a ROR id yet: update ROR first' };
    const chunks: string[][] = [];
    for (let start = 0; start < rors.length; start += 50) chunks.push(rors.slice(start, start + 50));
    state.running ??= { folder: `run-${new Date().toISOString().replace(/[:.]/g, '-')}`, startedAt: new Date().toISOString(), chunk: 0, cursor: '*', page: 1 };
    const run = state.running;
    await mkdir(join(folder, run.folder), { recursive: true });
    await saveState();
    const reading = context.progressOf?.('Reading the OpenAlex API (works of the area)');
    let works = 0;
    while (run.chunk < chunks.length) {
      const filter = `authorships.institutions.ror:${chunks[run.chunk]!.join('|')}`;
      const parameters = new URLSearchParams({ filter, 'per-page': '200', cursor: run.cursor, api_key: openalex.apiKey });
      if (openalex.mailto) parameters.set('mailto', openalex.mailto);
      const page = await downloader.json('openalex', `${openalex.base}/works?${parameters.toString()}`, openAlexPage);
      const name = `chunk-${String(run.chunk).padStart(3, '0')}-page-${String(run.page).padStart(5, '0')}.json`;
      await writeFile(join(folder, run.folder, `${name}.part`), JSON.stringify(page));
      await rename(join(folder, run.folder, `${name}.part`), join(folder, run.folder, name));
      works += page.results.length;
      // Time left: from the works of this group of institutions read so far and their count.
      reading?.tick(page.results.length, Math.min(page.meta.count, (run.page - 1) * 200 + page.results.length), page.meta.count);
      if (page.meta.next_cursor && page.results.length > 0) {
        run.cursor = page.meta.next_cursor;
        run.page += 1;
      } else {
        run.chunk += 1;
        run.cursor = '*';
        run.page = 1;
      }
      await saveState();
    }
    reading?.finish();
    const fetched = `${works} works in this run for ${rors.length} institutions, ${downloader.requests.get('openalex') ?? 0} requests`;
    const report = await importOpenAlex(context.runner, [join(folder, run.folder)], { cities: context.cities, dryRun: context.dryRun, progressOf: context.progressOf });
    if (!context.dryRun) {
      const previous = state.complete?.folder;
      state.complete = { fetchedAt: run.startedAt, folder: run.folder };
      delete state.running;
      await saveState();
      if (previous && previous !== run.folder) await rm(join(folder, previous), { recursive: true, force: true });
    }
    return { fetched, imported: formatOpenAlexReport([join(folder, run.folder)], report, context.dryRun) };
  });
}

/** A company as the company search API gives it: only what the graph keeps is read (never its officers). */
const company = z
  .object({
    siren: z.string().regex(/^\d{9}$/),
    nom_complet: z.string().min(1),
    nom_raison_sociale: z.string().nullable().optional(),
    sigle: z.string().nullable().optional(),
    activite_principale: z.string().nullable().optional(),
    date_creation: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().optional(),
    date_fermeture: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().optional(),
    etat_administratif: z.string().nullable().optional(),
    siege: z.object({ siret: z.string().nullable().optional(), libelle_commune: z.string().nullable().optional(), code_postal: z.string().nullable().optional() }).passthrough().nullable().optional(),
  })
  .passthrough();
const companyPage = z.object({ results: z.array(company), total_results: z.number().int().nonnegative() }).passthrough();

/** The companies and startups of the graph: whose identity, activity and status the company directory gives. */
const graphCompanies = cypher(
  'graphCompaniesForUpdate',
  'READ',
  `MATCH (n:Organization) WHERE n.kind IN ['company', 'startup']
   RETURN n.id AS id, n.name AS name, n.siren AS siren ORDER BY n.id`,
);

/**
 * The company directory (Annuaire des entreprises, the French government's company search API,
 * data from INSEE's Sirene): for each company or startup of the graph, its record, asked by its
 * SIREN when the graph has it, else by its name in the area's department. A record resolved
 * surely to it (its SIREN, or the same name in the same city) adds what the entity lacks: the
 * SIREN, the activity code (NAF), the creation date, the closure date of a ceased company, the
 * city of its seat, each citing `sirene#siren <number>`; a record only near it waits in the
 * review queue. Requests are paced (the API allows 7 a second). No officer's name is read.
 */
/** Software and R&D activity codes (NAF): what `--companies-area` asks the directory for. */
export const AREA_ACTIVITY_CODES = ['58.29A', '58.29B', '58.29C', '62.01Z', '62.02A', '62.02B', '62.03Z', '62.09Z', '63.11Z', '72.11Z', '72.19Z'];

export async function updateCompanies(context: UpdateContext & { companies: { base: string; department: string; paceMs: number; area: boolean } }): Promise<ServiceOutcome> {
  return guarded('companies', async () => {
    const { downloader, companies } = context;
    const known = await runQuery(context.runner, graphCompanies);
    const { resolve, decisions, namesOf } = await loadResolution(context.runner, 'sirene');
    const source: SourceSeed = {
      id: 'sirene',
      title: "Annuaire des entreprises: API Recherche d'entreprises (Sirene data, INSEE)",
      publisher: 'Direction interministérielle du numérique (DINUM)',
      language: 'fr',
      kind: 'dataset',
      url: 'https://recherche-entreprises.api.gouv.fr/',
      licence: 'Licence Ouverte / Etalab 2.0',
      published: context.today,
    } as SourceSeed;
    const matched: Parameters<typeof enrichmentRows>[0] = [];
    const reviews: Array<Record<string, unknown>> = [];
    const outcomes: Array<{ recordId: string; resolution: Resolution; ownKey: string }> = [];
    const seen = new Set<string>();
    let found = 0;
    const reading = context.progressOf?.('Reading the company directory');
    for (const row of known) {
      const siren = row.siren as string | null;
      const parameters = new URLSearchParams({ q: siren ?? (row.name as string), per_page: siren ? '1' : '5', page: '1' });
      if (!siren) parameters.set('departement', companies.department);
      const page = await downloader.json('companies', `${companies.base}/search?${parameters.toString()}`, companyPage);
      reading?.tick(1);
      if (companies.paceMs > 0) await sleep(companies.paceMs);
      for (const record of page.results.filter((result) => !siren || result.siren === siren)) {
        if (seen.has(record.siren)) continue;
        const city = record.siege?.libelle_commune ? personStyleName(record.siege.libelle_commune, true) : null;
        const resolution = resolve(
          { recordId: record.siren, name: record.nom_raison_sociale ?? record.nom_complet, otherNames: [record.nom_complet], shortName: record.sigle ?? null, identifiers: { siren: record.siren }, city, ownKey: `sirene-${record.siren}` },
          decisions.get(record.siren),
        );
        // A name search finds other companies too: only a record that is, or may be, this entity counts.
        const aboutThis = resolution.kind === 'matched' ? resolution.entityId === row.id : resolution.kind === 'review' && resolution.candidates.some((candidate) => candidate.entityId === row.id);
        if (!aboutThis) continue;
        seen.add(record.siren);
        found += 1;
        outcomes.push({ recordId: record.siren, resolution, ownKey: `sirene-${record.siren}` });
        const citation = `${source.id}#siren ${record.siren}`;
        const facts = {
          dataset: 'sirene',
          recordId: record.siren,
          names: { fr: [record.nom_complet, ...(record.nom_raison_sociale ? [record.nom_raison_sociale] : [])], en: record.sigle ? [record.sigle] : [] },
          identifiers: { siren: record.siren, country: 'FR' },
          city,
          founded: record.date_creation ?? null,
          ceased: record.etat_administratif === 'C' ? (record.date_fermeture ?? null) : null,
          activityCode: record.activite_principale ?? null,
          citation,
        };
        if (resolution.kind === 'matched') matched.push({ resolution, facts });
        else if (resolution.kind === 'review') {
          const described = { name: record.nom_complet, siren: record.siren, city, activityCode: record.activite_principale ?? null, created: record.date_creation ?? null, status: record.etat_administratif === 'C' ? 'ceased' : 'active' };
          reviews.push(reviewRow('sirene', record.siren, described, resolution.candidates, citation));
        }
      }
    }
    reading?.finish();
    const graph: SeedGraph = { sources: [source], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [] };

    // With --companies-area: the active companies of the area in software and R&D activities, those the graph lacks as new organisations.
    let areaRecords = 0;
    if (companies.area) {
      const listing = context.progressOf?.('Reading the company directory (the area\'s software and R&D companies)');
      for (let pageNumber = 1; ; pageNumber += 1) {
        const parameters = new URLSearchParams({ activite_principale: AREA_ACTIVITY_CODES.join(','), departement: companies.department, etat_administratif: 'A', per_page: '25', page: String(pageNumber) });
        const page = await downloader.json('companies', `${companies.base}/search?${parameters.toString()}`, companyPage);
        if (companies.paceMs > 0) await sleep(companies.paceMs);
        listing?.tick(page.results.length, pageNumber * 25, page.total_results);
        for (const record of page.results) {
          const city = record.siege?.libelle_commune ? personStyleName(record.siege.libelle_commune, true) : null;
          if (seen.has(record.siren) || !isCityOf(context.cities, city)) continue;
          seen.add(record.siren);
          areaRecords += 1;
          const ownKey = `sirene-${record.siren}`;
          const resolution = asOwnEntry(
            resolve({ recordId: record.siren, name: record.nom_raison_sociale ?? record.nom_complet, otherNames: [record.nom_complet], shortName: record.sigle ?? null, identifiers: { siren: record.siren }, city, ownKey }, decisions.get(record.siren)),
            ownKey,
          );
          outcomes.push({ recordId: record.siren, resolution, ownKey });
          const citation = `${source.id}#siren ${record.siren}`;
          const facts = {
            dataset: 'sirene', recordId: record.siren, names: { fr: [record.nom_complet], en: record.sigle ? [record.sigle] : [] }, identifiers: { siren: record.siren, country: 'FR' },
            city, founded: record.date_creation ?? null, activityCode: record.activite_principale ?? null, citation,
          };
          if (resolution.kind === 'matched') matched.push({ resolution, facts });
          else if (resolution.kind === 'create') graph.organizations.push(companyEntry(record, city, citation));
          else if (resolution.kind === 'review') {
            reviews.push(reviewRow('sirene', record.siren, { name: record.nom_complet, siren: record.siren, city, activityCode: record.activite_principale ?? null, created: record.date_creation ?? null }, resolution.candidates, citation, {
              entry: companyEntry(record, city, citation),
              facts,
            }));
          }
        }
        if (page.results.length === 0 || pageNumber * 25 >= page.total_results) break;
      }
      listing?.finish();
    }
    const write = await writeDatasetGraph(context.runner, graph, enrichmentRows(matched, namesOf), reviews, {
      settled: settledReviews('sirene', decisions, outcomes),
      dryRun: context.dryRun,
      progress: context.progressOf?.('Writing'),
    });
    const area = companies.area ? `, ${areaRecords} active software and R&D companies of the area` : '';
    const fetched = `${known.length} companies of the graph asked for, ${found} record(s) about them${area}, ${downloader.requests.get('companies') ?? 0} requests`;
    const imported = [
      `${context.dryRun ? 'Would match' : 'Matched'} ${matched.length} surely, ${graph.organizations.length} new, ${reviews.length} queued for review`,
      ...writtenLines(write),
    ].join('\n');
    return { fetched, imported };
  });
}

/** A company of the area the graph did not know, as a new organisation: its identity, never its officers. */
function companyEntry(record: z.infer<typeof company>, city: string | null, citation: string): OrganizationSeed {
  const name = personStyleName(record.nom_complet);
  return {
    id: `sirene-${record.siren}`,
    name,
    kind: 'company',
    sectors: [],
    formerNames: [],
    ...(city ? { city } : {}),
    country: 'FR',
    siren: record.siren,
    ...(record.activite_principale && /^\d{2}\.\d{2}[A-Z]$/.test(record.activite_principale) ? { activityCode: record.activite_principale } : {}),
    ...(record.date_creation ? { founded: record.date_creation } : {}),
    aliases: { fr: name !== record.nom_complet ? [record.nom_complet] : [], en: record.sigle && record.sigle !== name ? [record.sigle] : [] },
    figures: [],
    sources: [citation],
  } as OrganizationSeed;
}
