import { createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';

import { projectRoot } from '../src/database/projectRoot.js';
import { zipFiles } from '../test/helpers/zipFiles.js';
import { openBenchDatabase } from './benchDatabase.js';
import { writeCordisExport, writeOpenAlexWorks, writeRorDump } from './openDataFiles.js';
import { runImportProcess } from './processes.js';

/**
 * `npx tsx bench/update.ts [--quick]`: `npm run update` against a local server answering as the
 * services do, with generated responses of real size: the ROR API over a 20,000-record registry
 * (about 200 records in Montpellier, pages of 20), the area's directory extract, a Horizon Europe
 * export (15,000 projects, 80,000 participations; the same again as Horizon 2020), 100,000
 * OpenAlex works in pages of 200 (all of them works of the first institutions asked for), and
 * the company directory (no company found: the request per company is what it costs). It runs the update on a fresh
 * embedded Neo4j, then again (nothing changed), and records per service the time, the part
 * spent waiting on the network, and the process's peak memory, in bench/results/update.{json,md}.
 * The server answers at once: "waiting" is the HTTP exchange and reading the bodies, not a real
 * network's latency, which would add to it. `--quick` uses a tenth of the sizes.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(projectRoot, 'bench', 'results') } } });
const scale = values.quick ? 0.1 : 1;
const sizes = { registry: 20_000, projects: Math.round(15_000 * scale), participations: Math.round(80_000 * scale), works: Math.round(100_000 * scale) };

const work = mkdtempSync(join(tmpdir(), 'bench-update-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

log('writing the responses');
const rorFile = join(work, 'ror.json');
await writeRorDump(rorFile, { records: sizes.registry, local: 0.01, seed: 7 });
const registry = JSON.parse(readFileSync(rorFile, 'utf8')) as Array<{ id: string; locations: Array<{ geonames_details: { name: string } }> }>;
const cordisFolder = join(work, 'cordis');
mkdirSync(cordisFolder);
await writeCordisExport(cordisFolder, { projects: sizes.projects, participations: sizes.participations, inScope: 0.02, seed: 11 });
const zip = join(work, 'cordis.zip');
await zipFiles(zip, { 'project.csv': join(cordisFolder, 'project.csv'), 'organization.csv': join(cordisFolder, 'organization.csv') });
const worksFolder = join(work, 'works');
mkdirSync(worksFolder);
await writeOpenAlexWorks(worksFolder, { works: sizes.works, institutions: 20_000, seed: 13 });
// The works as the API pages them: 200 a page, read from the generated partitions.
const works: string[] = [];
for (const name of readdirSync(worksFolder).sort()) {
  const raw = createReadStream(join(worksFolder, name));
  for await (const line of createInterface({ input: name.endsWith('.gz') ? raw.pipe(createGunzip()) : raw })) if (line) works.push(line);
}
let firstFilter: string | null = null;
const rnsr = readFileSync(join(projectRoot, 'seeds', 'extract', 'rnsr-area.csv'));

const served = { requests: 0, bytes: 0 };
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  served.requests += 1;
  const url = new URL(request.url!, 'http://localhost');
  const send = (status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) => {
    served.bytes += body.length;
    response.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
  };
  const file = (body: Buffer, etag: string) => (request.headers['if-none-match'] === etag ? (response.writeHead(304).end(), undefined) : send(200, body, 'application/octet-stream', { etag, 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' }));
  if (url.pathname.startsWith('/data/')) return file(readFileSync(zip), '"cordis-1"');
  if (url.pathname === '/rnsr.csv') return file(rnsr, '"rnsr-1"');
  if (url.pathname === '/companies/search') return send(200, JSON.stringify({ results: [], total_results: 0 }), 'application/json');
  if (url.pathname === '/openalex/works') {
    // Every generated work is a work of the first institutions asked for (the area's busiest): the
    // update reads and imports all of them, as it would the works of the University of Montpellier.
    const filter = url.searchParams.get('filter') ?? '';
    if (firstFilter === null) firstFilter = filter;
    const matching = filter === firstFilter ? works : [];
    const start = url.searchParams.get('cursor') === '*' ? 0 : Number(url.searchParams.get('cursor'));
    const page = matching.slice(start, start + 200);
    const next = start + 200 < matching.length ? String(start + 200) : null;
    return send(200, `{"meta":{"count":${matching.length},"next_cursor":${JSON.stringify(next)}},"results":[${page.join(',')}]}`, 'application/json');
  }
  const byId = /^\/v2\/organizations\/(0[a-z0-9]{8})$/.exec(url.pathname);
  if (byId) {
    const record = registry.find((item) => item.id.endsWith(byId[1]!));
    return record ? send(200, JSON.stringify(record), 'application/json') : send(404, '{}', 'application/json');
  }
  if (url.pathname === '/v2/organizations') {
    const city = /name:"([^"]+)"/.exec(url.searchParams.get('query.advanced') ?? '')?.[1];
    const matching = registry.filter((item) => item.locations.some((place) => place.geonames_details.name === city));
    const page = Number(url.searchParams.get('page') ?? 1);
    return send(200, JSON.stringify({ number_of_results: matching.length, items: matching.slice((page - 1) * 20, page * 20) }), 'application/json');
  }
  send(404, '{}', 'application/json');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const database = await openBenchDatabase({ heap: '2g', pageCacheMiB: 512 });
interface Run {
  seconds: number;
  peakMiB: number;
  services: Array<{ service: string; seconds: number; waiting: number; fetched: string }>;
}
const runs: Run[] = [];
try {
  for (const label of ['first update', 'second update (nothing changed)']) {
    log(label);
    const result = await runImportProcess(
      'src/cli/update.ts',
      ['--cache-dir', join(work, 'cache'), '--cities', 'Montpellier'],
      {
        ...database.environment, LOG_LEVEL: 'silent', UPDATE_ROR_API: `${base}/v2`, UPDATE_RNSR_URL: `${base}/rnsr.csv`, UPDATE_CORDIS_BASE: `${base}/data`,
        UPDATE_OPENALEX_API: `${base}/openalex`, OPENALEX_API_KEY: 'bench', UPDATE_COMPANIES_API: `${base}/companies`, UPDATE_COMPANIES_PACE_MS: '0',
      },
      ['--max-old-space-size=1024'],
    );
    const services = [...result.output.matchAll(/^(\w+)\s+(?:FAILED\s+)?fetched: (.*) \(([\d.]+) s, ([\d.]+) s of it waiting on the network\)$/gm)].map((match) => ({
      service: match[1]!, fetched: match[2]!, seconds: Number(match[3]), waiting: Number(match[4]),
    }));
    runs.push({ seconds: result.seconds, peakMiB: result.peakMiB, services });
    log(result.output.split('\n').filter((line) => /fetched:/.test(line)).join('\n'));
  }
} finally {
  await database.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

const table = (run: Run) => [
  '| service | fetched | time (s) | waiting on the network (s) | share waiting |',
  '| --- | --- | ---: | ---: | ---: |',
  ...run.services.map((row) => `| ${row.service} | ${row.fetched} | ${row.seconds} | ${row.waiting} | ${row.seconds > 0 ? Math.round((row.waiting / row.seconds) * 100) : 0} % |`),
].join('\n');
const report = [
  `# npm run update on generated responses (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Sizes: a ${sizes.registry.toLocaleString('en')}-record registry behind the ROR API, a CORDIS export of ${sizes.projects.toLocaleString('en')} projects and ${sizes.participations.toLocaleString('en')} participations (served for both programmes), ${sizes.works.toLocaleString('en')} OpenAlex works in pages of 200, the area's directory extract. A local server answers at once: "waiting" is the HTTP exchange and reading the bodies. \`npx tsx bench/update.ts\`.`,
  '',
  ...runs.flatMap((run, index) => [`## ${index === 0 ? 'First update' : 'Second update, nothing changed'}: ${run.seconds} s, peak memory ${run.peakMiB} MiB`, '', table(run), '']),
].join('\n');
mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, 'update.md'), `${report}\n`);
writeFileSync(join(values.out!, 'update.json'), `${JSON.stringify({ sizes, runs }, null, 2)}\n`);
log(report);

