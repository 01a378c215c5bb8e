import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../src/database/projectRoot.js';
import { readConfig } from '../src/config.js';
import { cypher, runQuery } from '../src/database/runQuery.js';
import { importCordis } from '../src/ingest/cordis/importCordis.js';
import { importRor } from '../src/ingest/ror/importRor.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { openBenchDatabase } from './benchDatabase.js';
import { writeCordisExport, writeOpenAlexWorks, writeRorDump } from './openDataFiles.js';
import { runImportProcess } from './processes.js';

/**
 * `npm run bench:connectors`: writes a synthetic CORDIS export (40,000 projects, 200,000
 * participation rows, 30 % of them in Hérault), a ROR dump (120,000 records) and OpenAlex works
 * (500,000, gzipped JSON Lines), imports each into a throw-away embedded Neo4j, then again
 * (nothing changed), then the works once more with `--store-works`, and records the times and
 * the import process's peak memory in bench/results/connectors.{json,md}; then asks the API,
 * over HTTP and with the response cache off, for the partners and the co-publications of the
 * organisation with the most co-publication links (the first answer, and the p50 of 50 more).
 * `--quick` uses a tenth of the sizes.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    projects: { type: 'string' },
    participations: { type: 'string' },
    ror: { type: 'string' },
    works: { type: 'string' },
    out: { type: 'string', default: join(projectRoot, 'bench', 'results') },
  },
});
const scale = values.quick ? 0.1 : 1;
const sizes = {
  projects: Number(values.projects ?? 40_000 * scale),
  participations: Number(values.participations ?? 200_000 * scale),
  inScope: 0.3,
  ror: Number(values.ror ?? 120_000 * scale),
  rorLocal: 0.01,
  works: Number(values.works ?? 500_000 * scale),
  institutions: 20_000,
};
const countNodes = cypher('countNodesForBench', 'READ', 'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r:AUTHORED]->() RETURN count(r) AS authored } RETURN nodes, authored');
const TARGETS = { importSeconds: 180, reimportSeconds: 60, peakMiB: 1024, openAlexSeconds: 300, openAlexPeakMiB: 1536, queryP50Ms: 50 };

/** The organisation with the most co-publication links. */
const busiestCoPublisher = cypher(
  'busiestCoPublisherForBench',
  'READ',
  'MATCH (n:Organization) RETURN n.id AS id, COUNT { (n)-[:CO_PUBLISHED_WITH]-() } AS links ORDER BY links DESC LIMIT 1',
);

/** The first answer's time (nothing kept yet for this question) and the p50 of the next `times` (the response cache is off). */
async function p50(url: string, query: string, times = 50): Promise<{ first: number; p50: number }> {
  const durations: number[] = [];
  let first = 0;
  for (let index = 0; index < times + 5; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`the benchmark query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    if (index === 0) first = Math.round(performance.now() - started);
    if (index >= 5) durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { first, p50: Math.round(durations[Math.floor(durations.length / 2)]! * 10) / 10 };
}

async function measure<T>(step: string, work: () => Promise<T>): Promise<{ seconds: number; peakMiB: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const peakMiB = Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    console.log(`${step}: ${seconds} s, peak ${peakMiB} MiB`);
    return { seconds, peakMiB, result };
  } finally {
    clearInterval(sampler);
  }
}

const folder = mkdtempSync(join(tmpdir(), 'mtp-ai-connectors-'));
const { db, environment, close } = await openBenchDatabase();
try {
  const cordisFolder = join(folder, 'cordis');
  mkdirSync(cordisFolder);
  console.log(`writing a CORDIS export of ${sizes.projects} projects and ${sizes.participations} participations...`);
  await writeCordisExport(cordisFolder, { projects: sizes.projects, participations: sizes.participations, inScope: sizes.inScope, seed: 7 });
  const rorFile = join(folder, 'v0.0-2026-11-01-ror-data_schema_v2.json');
  console.log(`writing a ROR dump of ${sizes.ror} records...`);
  await writeRorDump(rorFile, { records: sizes.ror, local: sizes.rorLocal, seed: 7 });
  const worksFolder = join(folder, 'openalex', 'works', 'updated_date=2026-11-01');
  console.log(`writing ${sizes.works} OpenAlex works...`);
  await writeOpenAlexWorks(worksFolder, { works: sizes.works, institutions: sizes.institutions, seed: 7 });

  const cordis = await measure('CORDIS import', () => importCordis({ db }, cordisFolder));
  const cordisAgain = await measure('CORDIS re-import (unchanged)', () => importCordis({ db }, cordisFolder));
  const ror = await measure('ROR import', () => importRor({ db }, rorFile));
  const rorAgain = await measure('ROR re-import (unchanged)', () => importRor({ db }, rorFile));
  // As `npm run import:openalex` runs it: its own process with its own heap bound.
  const openAlexCommand = () => runImportProcess('src/cli/importOpenAlex.ts', [worksFolder], { ...environment, LOG_LEVEL: 'silent' }, ['--max-old-space-size=1280']);
  const openAlex = await openAlexCommand();
  console.log(`OpenAlex import: ${openAlex.seconds} s, peak ${openAlex.peakMiB} MiB`);
  const openAlexAgain = await openAlexCommand();
  console.log(`OpenAlex re-import (unchanged): ${openAlexAgain.seconds} s, peak ${openAlexAgain.peakMiB} MiB`);
  // What --store-works costs: the same works again, now kept as nodes too.
  const [nodesBefore] = await runQuery({ db }, countNodes);
  const storeWorks = await runImportProcess('src/cli/importOpenAlex.ts', [worksFolder, '--store-works'], { ...environment, LOG_LEVEL: 'silent' }, ['--max-old-space-size=1280']);
  const [nodesAfter] = await runQuery({ db }, countNodes);
  const storedWorks = { seconds: storeWorks.seconds, peakMiB: storeWorks.peakMiB, works: Number(/works stored\s+(\d+) created/.exec(storeWorks.output)?.[1] ?? NaN), nodes: (nodesAfter!.nodes as number) - (nodesBefore!.nodes as number), links: (nodesAfter!.authored as number) - (nodesBefore!.authored as number) };
  console.log(`OpenAlex import with --store-works: ${storeWorks.seconds} s, peak ${storeWorks.peakMiB} MiB, ${storedWorks.works} works stored`);
  const reported = (pattern: RegExp) => Number(pattern.exec(openAlex.output)?.[1]?.replace(/,/g, '') ?? NaN);
  const openAlexResult = { keptWorks: reported(/(\d+) kept \(an author/), links: reported(/(\d+) co-publication link/), report: openAlex.output.slice(openAlex.output.indexOf('Imported OpenAlex')) };

  const [busiest] = await runQuery({ db }, busiestCoPublisher);
  // The response cache is off: every answer is computed (the rankings of big partner lists are kept per data version).
  const server = createServer({ config: readConfig({ PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_MIB: '0' }), db, logger: createLogger('silent') });
  await server.start();
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  const queries = {
    partners: await p50(url, `{ partners(organization: "${busiest!.id as string}", first: 20) { totalCount edges { node { organization { key } strength } } } }`),
    coPublications: await p50(url, `{ coPublications(organization: "${busiest!.id as string}", first: 20) { totalCount edges { node { organization { key } coPublication { works byYear { year works } } } } } }`),
  };
  await server.stop();
  console.log(`queries on ${busiest!.id as string} (${busiest!.links as number} co-publication links): partners first ${queries.partners.first} ms, p50 ${queries.partners.p50} ms; coPublications first ${queries.coPublications.first} ms, p50 ${queries.coPublications.p50} ms`);

  const result = {
    date: new Date().toISOString(),
    machine: 'see bench/results/latest.md (2 cores; embedded Neo4j 5.26, 4g heap, 2 GiB page cache)',
    nodeOptions: process.env.NODE_OPTIONS ?? '',
    sizes: { ...sizes, cordisMiB: Math.round((statSync(join(cordisFolder, 'organization.csv')).size + statSync(join(cordisFolder, 'project.csv')).size) / 1048576), rorMiB: Math.round(statSync(rorFile).size / 1048576) },
    cordis: { import: { seconds: cordis.seconds, peakMiB: cordis.peakMiB }, reimport: { seconds: cordisAgain.seconds, peakMiB: cordisAgain.peakMiB }, kept: cordis.result.kept, participants: cordis.result.participants, written: cordis.result.write.written },
    ror: { import: { seconds: ror.seconds, peakMiB: ror.peakMiB }, reimport: { seconds: rorAgain.seconds, peakMiB: rorAgain.peakMiB }, kept: ror.result.kept, records: ror.result.records, written: ror.result.write.written },
    openAlex: {
      import: { seconds: openAlex.seconds, peakMiB: openAlex.peakMiB },
      reimport: { seconds: openAlexAgain.seconds, peakMiB: openAlexAgain.peakMiB },
      keptWorks: openAlexResult.keptWorks,
      links: openAlexResult.links,
      report: openAlexResult.report,
      busiest: { id: busiest!.id, links: busiest!.links },
      queriesMs: queries,
      storeWorks: storedWorks,
    },
    targets: TARGETS,
  };
  const met = (value: number, limit: number) => (value <= limit ? `**met** (${value})` : `**not met** (${value})`);
  const markdown = [
    `# Connector benchmark ${result.date.slice(0, 10)}`,
    '',
    `CORDIS: ${sizes.projects.toLocaleString('en')} projects, ${sizes.participations.toLocaleString('en')} participation rows (${sizes.inScope * 100} % in Hérault), ${result.sizes.cordisMiB} MiB; ` +
      `kept ${cordis.result.kept.projects.toLocaleString('en')} projects and ${cordis.result.kept.participations.toLocaleString('en')} participations. ` +
      `ROR: ${sizes.ror.toLocaleString('en')} records (${sizes.rorLocal * 100} % in Montpellier), ${result.sizes.rorMiB} MiB; kept ${Object.values(ror.result.kept).reduce((a, b) => a + b, 0).toLocaleString('en')}.`,
    '',
    `Node options of the import process, as \`npm run import:cordis\` and \`import:ror\` set them: \`${process.env.NODE_OPTIONS ?? 'none'}\` ` +
      '(without a heap bound, V8 collects lazily and the resident size of the same run reaches 1.3-1.4 GiB on this 24 GiB machine).',
    '',
    '| step | seconds | peak memory of the import process (MiB) |',
    '| --- | ---: | ---: |',
    `| CORDIS import | ${cordis.seconds} | ${cordis.peakMiB} |`,
    `| CORDIS re-import, unchanged | ${cordisAgain.seconds} | ${cordisAgain.peakMiB} |`,
    `| ROR import (two streamed passes) | ${ror.seconds} | ${ror.peakMiB} |`,
    `| ROR re-import, unchanged | ${rorAgain.seconds} | ${rorAgain.peakMiB} |`,
    `| OpenAlex import | ${openAlex.seconds} | ${openAlex.peakMiB} |`,
    `| OpenAlex re-import, unchanged | ${openAlexAgain.seconds} | ${openAlexAgain.peakMiB} |`,
    `| OpenAlex import with \`--store-works\` (links unchanged, works added) | ${storedWorks.seconds} | ${storedWorks.peakMiB} |`,
    '',
    `OpenAlex: ${sizes.works.toLocaleString('en')} works over ${sizes.institutions.toLocaleString('en')} institutions; kept ${openAlexResult.keptWorks.toLocaleString('en')} works, ` +
      `${openAlexResult.links.toLocaleString('en')} co-publication links; the import runs as \`npm run import:openalex\` does, in its own process with a 1,280 MiB heap bound. \`--store-works\` kept ${storedWorks.works.toLocaleString('en')} works: ${storedWorks.nodes.toLocaleString('en')} more nodes and ${storedWorks.links.toLocaleString('en')} AUTHORED links. ` +
      `The organisation with the most links (${busiest!.links as number}) asked through the API over HTTP with the response cache off: ` +
      `partners ${queries.partners.first} ms the first time (ranking its partners; the ranking is then kept for the data version), p50 of the next 50 ${queries.partners.p50} ms; ` +
      `coPublications ${queries.coPublications.first} ms first, p50 ${queries.coPublications.p50} ms.`,
    '',
    '| target | where it stands |',
    '| --- | --- |',
    `| each full import under 3 minutes | CORDIS ${met(cordis.seconds, TARGETS.importSeconds)} s, ROR ${met(ror.seconds, TARGETS.importSeconds)} s |`,
    `| re-import of unchanged data under 1 minute | CORDIS ${met(cordisAgain.seconds, TARGETS.reimportSeconds)} s, ROR ${met(rorAgain.seconds, TARGETS.reimportSeconds)} s |`,
    `| peak memory of the import process under 1 GiB | ${met(Math.max(cordis.peakMiB, cordisAgain.peakMiB, ror.peakMiB, rorAgain.peakMiB), TARGETS.peakMiB)} MiB |`,
    `| OpenAlex import under 5 minutes | ${met(openAlex.seconds, TARGETS.openAlexSeconds)} s |`,
    `| OpenAlex import memory under 1.5 GiB | ${met(Math.max(openAlex.peakMiB, openAlexAgain.peakMiB), TARGETS.openAlexPeakMiB)} MiB |`,
    `| partners and coPublications of the busiest organisation under 50 ms p50 (response cache off) | partners ${met(queries.partners.p50, TARGETS.queryP50Ms)} ms, coPublications ${met(queries.coPublications.p50, TARGETS.queryP50Ms)} ms |`,
    '',
  ].join('\n');
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, values.quick ? 'connectors-quick.json' : 'connectors.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(values.out!, values.quick ? 'connectors-quick.md' : 'connectors.md'), markdown);
  console.log(markdown);
} finally {
  await close();
  rmSync(folder, { recursive: true, force: true });
}
