/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { zipFiles } from '../helpers/zipFiles.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

/**
 * `npm run update` against a local server that answers as the services do, with the tests'
 * files (test/fixtures: written for the tests in each dataset's published layout): the ROR API
 * v2 (pages of 20, a record by id), the research directory's CSV export and the CORDIS zips
 * (ETag, Last-Modified, conditional requests, byte ranges). No test reaches the internet.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const FIXTURES = join(projectRoot, 'test', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'mtp-ai-update-'));
const cacheDir = join(work, 'cache');

interface Served {
  body: Buffer;
  etag: string;
  lastModified: string;
}
const served = (body: Buffer): Served => ({ body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });

/** What the local services answer, changed by each test. */
const services = {
  files: new Map<string, Served>(),
  ror: JSON.parse(readFileSync(join(FIXTURES, 'ror', 'v9.99-2026-11-15-ror-data_schema_v2.json'), 'utf8')) as any[],
  /** Answers given before the normal ones, by path prefix (a 429, a 500, a bad payload). */
  before: [] as Array<{ path: string; match?: (url: URL) => boolean; times: number; answer: (response: ServerResponse) => void }>,
  /** Send this many bytes of the next file answer, then hold the connection (a download that stalls). */
  stallAfter: null as number | null,
  stalled: [] as ServerResponse[],
  log: [] as Array<{ at: number; url: string; headers: IncomingMessage['headers']; status: number }>,
  /** OpenAlex works, one to a page (the fixture's saved API page), paged by cursor. */
  works: (JSON.parse(readFileSync(join(FIXTURES, 'openalex', 'api', 'works-page-1.json'), 'utf8')) as any).results as any[],
};

function answerOpenAlex(url: URL, response: ServerResponse): number {
  const cursor = url.searchParams.get('cursor') ?? '*';
  const index = cursor === '*' ? 0 : Number(cursor.slice(1));
  const results = services.works.slice(index, index + 1);
  const next = index + 1 < services.works.length ? `c${index + 1}` : null;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ meta: { count: services.works.length, per_page: 1, next_cursor: next }, results }));
  return 200;
}

function answerFile(request: IncomingMessage, response: ServerResponse, file: Served): number {
  const headers = { etag: file.etag, 'last-modified': file.lastModified, 'accept-ranges': 'bytes' };
  if (request.headers['if-none-match'] === file.etag) {
    response.writeHead(304, headers).end();
    return 304;
  }
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  if (range && (!request.headers['if-range'] || request.headers['if-range'] === file.etag)) {
    const start = Number(range[1]);
    if (start >= file.body.length) {
      response.writeHead(416, headers).end();
      return 416;
    }
    response.writeHead(206, { ...headers, 'content-length': String(file.body.length - start), 'content-range': `bytes ${start}-${file.body.length - 1}/${file.body.length}` });
    response.end(file.body.subarray(start));
    return 206;
  }
  response.writeHead(200, { ...headers, 'content-length': String(file.body.length) });
  if (services.stallAfter !== null) {
    response.write(file.body.subarray(0, services.stallAfter));
    services.stallAfter = null;
    services.stalled.push(response);
    return 200;
  }
  response.end(file.body);
  return 200;
}

/** The company search API: the tests' answers by the name asked (test/fixtures/recherche-entreprises), else nothing. */
function answerCompanies(url: URL, response: ServerResponse): number {
  const q = url.searchParams.get('q') ?? '';
  const folder = join(FIXTURES, 'recherche-entreprises');
  // A listing by activity code and department (--companies-area).
  if (url.searchParams.has('activite_principale')) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(folder, 'area.json')));
    return 200;
  }
  const answers = readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'area.json').map((name) => ({ name, body: JSON.parse(readFileSync(join(folder, name), 'utf8')) }));
  // By SIREN, the company that has it; by name, the file named after it.
  const results = /^\d{9}$/.test(q)
    ? answers.flatMap((answer) => answer.body.results).filter((result: any) => result.siren === q)
    : (answers.find((answer) => answer.name === `${q.toLowerCase()}.json`)?.body.results ?? []);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results, total_results: results.length, page: 1, per_page: 5, total_pages: 1 }));
  return 200;
}

function answerRor(url: URL, response: ServerResponse): number {
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return status;
  };
  const byId = /^\/v2\/organizations\/(0[a-z0-9]{8})$/.exec(url.pathname);
  if (byId) {
    const record = services.ror.find((item) => item.id === `https://ror.org/${byId[1]}`);
    return record ? json(200, record) : json(404, { errors: ['not found'] });
  }
  const city = /locations\.geonames_details\.name:"([^"]+)"/.exec(url.searchParams.get('query.advanced') ?? '')?.[1];
  const country = /country_code:([A-Z]{2})/.exec(url.searchParams.get('filter') ?? '')?.[1];
  const matching = services.ror.filter((item) => item.locations.some((place: any) => place.geonames_details.name === city && place.geonames_details.country_code === country));
  const page = Number(url.searchParams.get('page') ?? 1);
  return json(200, { number_of_results: matching.length, time_taken: 1, items: matching.slice((page - 1) * 20, page * 20), meta: {} });
}

let server: Server;
let base = '';

beforeAll(async () => {
  const zips = join(work, 'zips');
  rmSync(zips, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(zips, { recursive: true });
  await zipFiles(join(zips, 'horizon.zip'), { 'project.csv': join(FIXTURES, 'cordis', 'release-1', 'project.csv'), 'organization.csv': join(FIXTURES, 'cordis', 'release-1', 'organization.csv') });
  await zipFiles(join(zips, 'h2020.zip'), { 'project.csv': join(FIXTURES, 'cordis', 'national-bodies', 'project.csv'), 'organization.csv': join(FIXTURES, 'cordis', 'national-bodies', 'organization.csv') });
  services.files.set('/data/cordis-HORIZONprojects-csv.zip', served(readFileSync(join(zips, 'horizon.zip'))));
  services.files.set('/data/cordis-h2020projects-csv.zip', served(readFileSync(join(zips, 'h2020.zip'))));
  services.files.set('/rnsr/export.csv', served(readFileSync(join(FIXTURES, 'rnsr', 'structures.csv'))));
  server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const entry = { at: Date.now(), url: request.url!, headers: request.headers, status: 0 };
    services.log.push(entry);
    const special = services.before.find((item) => url.pathname.startsWith(item.path) && (!item.match || item.match(url)) && item.times > 0);
    if (special) {
      special.times -= 1;
      special.answer(response);
      entry.status = response.statusCode;
      return;
    }
    const file = services.files.get(url.pathname);
    if (file) entry.status = answerFile(request, response, file);
    else if (url.pathname.startsWith('/v2/')) entry.status = answerRor(url, response);
    else if (url.pathname === '/openalex/works') entry.status = answerOpenAlex(url, response);
    else if (url.pathname === '/companies/search') entry.status = answerCompanies(url, response);
    else entry.status = (response.writeHead(404).end(), 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const response of services.stalled) response.destroy();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  server?.closeAllConnections();
  if (api.current) await removeDatasetTestData(api.current.db, ['cordis-', 'ror-', 'rnsr', 'openalex-', 'sirene']);
  rmSync(work, { recursive: true, force: true });
});

const environment = () =>
  testEnvironment({
    UPDATE_ROR_API: `${base}/v2`, UPDATE_RNSR_URL: `${base}/rnsr/export.csv`, UPDATE_CORDIS_BASE: `${base}/data`, UPDATE_OPENALEX_API: `${base}/openalex`,
    OPENALEX_API_KEY: 'test-key', OPENALEX_MAILTO: 'curators@example.org', UPDATE_RETRY_BASE_MS: '20',
    UPDATE_COMPANIES_API: `${base}/companies`, UPDATE_COMPANIES_PACE_MS: '0',
  });

function update(args: string[] = []) {
  return runScript('src/cli/update.ts', ['--cache-dir', cacheDir, '--cities', 'Montpellier,Lattes', ...args], environment());
}

async function updated(args: string[] = []): Promise<{ code: number | null; output: string }> {
  const command = update(args);
  const code = await command.exited;
  return { code, output: command.output() };
}

describe('npm run update', () => {
  it('fetches every service, imports in order, and reports per service', async () => {
    const { code, output } = await updated();
    expect(code, output).toBe(0);
    expect(output).toMatch(/ror\s+fetched: 8 records/);
    expect(output).toMatch(/rnsr\s+fetched: downloaded/);
    expect(output).toMatch(/cordis\s+fetched: cordis-HORIZONprojects-csv\.zip downloaded/);
    expect(output).toMatch(/Imported research directory/);
    // OpenAlex: the works of the area's institutions by their ROR ids, with the key and the contact address, page by page.
    expect(output).toMatch(/openalex\s+fetched: 2 works in this run/);
    const asked = services.log.filter((entry) => entry.url.startsWith('/openalex/works')).map((entry) => new URL(entry.url, base).searchParams);
    expect(asked.map((parameters) => parameters.get('cursor'))).toEqual(['*', 'c1']);
    expect(asked[0]!.get('filter')).toMatch(/^authorships\.institutions\.ror:0aaaaaa0\d(\|0aaaaaa0\d)*$/);
    expect(asked[0]!.get('api_key')).toBe('test-key');
    expect(asked[0]!.get('mailto')).toBe('curators@example.org');
    expect(output).toContain('review queue');
    const { data } = await api.current.graphql<any>(`{
      ror: byIdentifier(scheme: ROR, value: "0aaaaaa03") { key sources { source { key title } } }
      lab: byIdentifier(scheme: RNSR, value: "999000001A") { key }
      project: project(key: "cordis-100000001") { key }
    }`);
    // A record one step away (a parent in Paris) was fetched by its id and imported with the area's.
    expect(data.ror.sources[0].source.title).toMatch(/^ROR: Research Organization Registry, release ROR API v2, \d{4}-\d{2}-\d{2}$/);
    expect(data.lab).not.toBeNull();
    expect(data.project).not.toBeNull();
    // The cache holds each download with its date.
    const meta = JSON.parse(readFileSync(join(cacheDir, 'fr-esr-structures-recherche-publiques-actives.csv.json'), 'utf8'));
    expect(meta).toMatchObject({ url: `${base}/rnsr/export.csv`, etag: services.files.get('/rnsr/export.csv')!.etag, lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', fetchedAt: expect.any(String) });
  });

  it('changes nothing the second time: files asked for conditionally, nothing downloaded or imported', async () => {
    const before = await snapshot(api.current);
    const from = services.log.length;
    const { code, output } = await updated();
    expect(code, output).toBe(0);
    expect(output).toMatch(/ror\s+fetched: 8 records[^\n]*\n\s+unchanged since the last update/);
    expect(output).toMatch(/rnsr\s+fetched: unchanged/);
    expect(output).toMatch(/openalex\s+fetched: nothing[^\n]*\n\s+fetched on \d{4}-\d{2}-\d{2}, less than 7 days ago/);
    const files = services.log.slice(from).filter((entry) => !entry.url.startsWith('/v2/') && !entry.url.startsWith('/companies/'));
    expect(files.map((entry) => entry.status)).toEqual([304, 304, 304]);
    expect(files.every((entry) => entry.headers['if-none-match'])).toBe(true);
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('resumes an interrupted download where it stopped (Ctrl-C), and imports the new version', async () => {
    // A new version of the directory: one structure renamed.
    const newer = Buffer.from(readFileSync(join(FIXTURES, 'rnsr', 'structures.csv'), 'utf8').replace('EQUIPE DE TEST DU NUMERIQUE', 'EQUIPE DE TEST DU NUMERIQUE RENOMMEE'));
    services.files.set('/rnsr/export.csv', served(newer));
    services.stallAfter = 300;
    const first = update(['--only', 'rnsr']);
    const part = join(cacheDir, 'fr-esr-structures-recherche-publiques-actives.csv.part');
    await expect.poll(() => (existsSync(part) ? statSync(part).size : 0), { timeout: 30_000 }).toBe(300);
    first.child.kill('SIGINT');
    await first.exited;

    const from = services.log.length;
    const { code, output } = await updated(['--only', 'rnsr']);
    expect(code, output).toBe(0);
    const asked = services.log.slice(from).find((entry) => entry.url === '/rnsr/export.csv')!;
    expect(asked.headers.range).toBe('bytes=300-');
    expect(asked.status).toBe(206);
    expect(readFileSync(join(cacheDir, 'fr-esr-structures-recherche-publiques-actives.csv'))).toEqual(newer);
    const { data } = await api.current.graphql<any>('{ organization(key: "rnsr-999000002B") { name } }');
    expect(data.organization.name).toBe('Equipe de Test du Numérique Renommee');
  });

  it('waits what a 429 asks before asking again', async () => {
    services.before.push({ path: '/v2/organizations', times: 1, answer: (response) => response.writeHead(429, { 'retry-after': '1' }).end() });
    const from = services.log.length;
    const { code, output } = await updated(['--only', 'ror']);
    expect(code, output).toBe(0);
    const [refused, again] = services.log.slice(from);
    expect(refused!.status).toBe(429);
    expect(again!.url).toBe(refused!.url);
    expect(again!.at - refused!.at).toBeGreaterThanOrEqual(950);
  });

  it('reports a service that is down in one line and still updates the others', async () => {
    services.before.push({ path: '/rnsr/', times: 100, answer: (response) => response.writeHead(500).end() });
    const { code, output } = await updated();
    services.before.length = 0;
    expect(code, output).toBe(1);
    expect(output).toMatch(/rnsr\s+FAILED\s+fetched: failed[^\n]*\n\s+not updated: .*export\.csv is not reachable \(HTTP 500\) after 5 attempts/);
    expect(output).toMatch(/ror\s+fetched: 8 records/);
    expect(output).toMatch(/cordis\s+fetched: /);
  });

  it('refuses a payload of the wrong shape, naming its address, and writes nothing of it', async () => {
    const before = await snapshot(api.current);
    services.before.push({
      path: '/v2/organizations',
      times: 1,
      answer: (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ number_of_results: 1, items: [{ id: 'https://ror.org/0aaaaaa01', status: 'active' }] })),
    });
    const { code, output } = await updated(['--only', 'ror']);
    expect(code, output).toBe(1);
    expect(output).toMatch(/ror\s+FAILED[\s\S]*\/v2\/organizations\?query\.advanced=[^ ]+ answered a payload of an unexpected shape \(items\.0\.names: [^)]+\); nothing was written/);
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('resumes an OpenAlex fetch from the page where it stopped', async () => {
    // A fetch is due again (0 days): the first page answers, the second fails until the service is given up.
    services.before.push({ path: '/openalex/works', match: (url) => url.searchParams.get('cursor') === 'c1', times: 5, answer: (response) => response.writeHead(500).end() });
    const failed = await updated(['--only', 'openalex', '--openalex-every', '0']);
    services.before.length = 0;
    expect(failed.code, failed.output).toBe(1);
    expect(failed.output).toMatch(/openalex\s+FAILED/);

    const from = services.log.length;
    const { code, output } = await updated(['--only', 'openalex', '--openalex-every', '0']);
    expect(code, output).toBe(0);
    const cursors = services.log.slice(from).filter((entry) => entry.url.startsWith('/openalex/works')).map((entry) => new URL(entry.url, base).searchParams.get('cursor'));
    expect(cursors).toEqual(['c1']);
    expect(output).toMatch(/openalex\s+fetched: 1 works in this run/);
  });

  it('gives the companies of the graph their SIREN, activity, creation and closure from the company directory, and no officer\'s name', async () => {
    const { code, output } = await updated(['--only', 'companies']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/companies\s+fetched: \d+ companies of the graph asked for, 2 record\(s\) about them/);
    // Asked first by name in the area's department (the whole update above), then by the SIREN found;
    // the search's other company (a bakery for "Septeo") is left alone.
    const asked = services.log.filter((entry) => entry.url.startsWith('/companies/search')).map((entry) => new URL(entry.url, base).searchParams);
    expect(asked.find((parameters) => parameters.get('q') === 'Numalis')?.get('departement')).toBe('34');
    expect(asked.some((parameters) => parameters.get('q') === '999000101' && !parameters.has('departement'))).toBe(true);
    const { data } = await api.current.graphql<any>(`{
      numalis: organization(key: "numalis") { siren activityCode founded ceased sources { locator source { key licence } } }
      emvista: organization(key: "emvista") { siren ceased activityCode }
      septeo: organization(key: "septeo") { siren }
      bySiren: byIdentifier(scheme: SIREN, value: "999 000 101") { key }
      active: organizations(first: 100, filter: { kinds: ["startup", "company"], activeOn: "2025-01-01" }) { nodes { key } }
    }`);
    expect(data.numalis).toMatchObject({ siren: '999000101', activityCode: '62.01Z', ceased: null });
    expect(data.numalis.sources).toContainEqual({ locator: 'siren 999000101', source: { key: 'sirene', licence: 'Licence Ouverte / Etalab 2.0' } });
    expect(data.emvista).toEqual({ siren: '999000102', ceased: '2024-06-30', activityCode: '58.29C' });
    expect(data.septeo.siren).toBeNull();
    expect(data.bySiren).toEqual({ key: 'numalis' });
    // A ceased company is not active after its closure.
    expect(data.active.nodes.map((node: any) => node.key)).not.toContain('emvista');
    const [stored] = await runQuery({ db: api.current.db }, cypher('officerNamesForTests', 'READ', `MATCH (n) WHERE any(key IN keys(n) WHERE n[key] IS :: STRING AND n[key] CONTAINS 'DUPONT-TEST') RETURN count(n) AS count`));
    expect(stored!.count).toBe(0);

    // Again: nothing changes.
    const before = await snapshot(api.current);
    const again = await updated(['--only', 'companies']);
    expect(again.code, again.output).toBe(0);
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('with --companies-area, adds the active software and R&D companies of the area that the graph lacks', async () => {
    const { code, output } = await updated(['--only', 'companies', '--companies-area']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/1 active software and R&D companies of the area/);
    const listing = services.log.filter((entry) => entry.url.includes('activite_principale')).map((entry) => new URL(entry.url, base).searchParams);
    expect(listing[0]!.get('activite_principale')!.split(',')).toEqual(expect.arrayContaining(['62.01Z', '62.02A', '72.19Z']));
    expect(listing[0]!.get('etat_administratif')).toBe('A');
    const { data } = await api.current.graphql<any>(`{
      added: byIdentifier(scheme: SIREN, value: "999000104") { key name kind city founded activityCode aliases { fr en } sources { locator } }
      outside: byIdentifier(scheme: SIREN, value: "999000105") { key }
      numalis: byIdentifier(scheme: SIREN, value: "999000101") { key }
    }`);
    expect(data.added).toEqual({
      key: 'sirene-999000104', name: 'Logiciels du Test', kind: 'company', city: 'Montpellier', founded: '2021-09-15', activityCode: '62.02A',
      aliases: { fr: ['LOGICIELS DU TEST'], en: ['LDT'] }, sources: [{ locator: 'siren 999000104' }],
    });
    expect(data.outside).toBeNull();
    expect(data.numalis).toEqual({ key: 'numalis' });
  });
});
