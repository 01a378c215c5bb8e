import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../src/database/projectRoot.js';
import { importGraph } from '../src/ingest/graphWriter.js';
import { freePort } from '../test/helpers/neo4jForTests.js';
import { openBenchDatabase } from './benchDatabase.js';
import { cpuByOwner, type CpuProfile } from './cpuProfile.js';
import { round, send, throughput } from './measure.js';
import { generatedKeys, operationsFor } from './operations.js';
import { startServerProcess } from './processes.js';
import { syntheticGraph } from './syntheticGraph.js';

/**
 * `npx tsx bench/cacheGap.ts`: where a warm answer's time goes, against a bare Apollo Server.
 * On 1,000 synthetic organisations, the look-up repeated at 32 connections for 8 s: the bare
 * server's `{ __typename }` (the peer process, Apollo standalone), a bare Fastify route answering
 * a constant (bench/frameworkFloorServer.ts: what the web framework alone costs) and the API with the default
 * staleness bound of the data version (RESPONSE_CACHE_VERSION_TTL_MS 100) in turn, three rounds;
 * then the API under `node
 * --cpu-prof` (CPU per package or folder while it serves cached answers), and the API reading
 * the data version before every answer (TTL 0). Writes bench/results/cache-gap-<date>.md.
 */
const connections = 32;
const seconds = 8;
const log = (line: string) => process.stderr.write(`[cache gap] ${line}\n`);
const graph = syntheticGraph({ organizations: 1_000, relationships: 10_000, seed: 42 });
const database = await openBenchDatabase({ heap: '1g', pageCacheMiB: 512 });
const lines: string[] = [];
try {
  log('importing');
  await importGraph({ db: database.db }, graph);
  const lookUp = operationsFor(generatedKeys(1_000)).find((operation) => operation.name.startsWith('look-up'))!;
  const settings = { ...database.environment, HOST: '127.0.0.1', SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', REQUEST_TIMEOUT_MS: '60000' };

  // The bare server and the API measured in turn, three rounds each while both processes are up:
  // this machine's speed drifts by tens of percent between minutes, so a ratio is only read
  // between runs a few seconds apart, and the median of the three rounds is reported.
  const peerPort = await freePort();
  const apiPort = await freePort();
  const floorPort = await freePort();
  const peer = await startServerProcess('bench/peerServer.ts', { ...database.environment, PORT: String(peerPort) }, /PEER READY/);
  const floor = await startServerProcess('bench/frameworkFloorServer.ts', { PORT: String(floorPort) }, /FRAMEWORK FLOOR READY/);
  type Load = Awaited<ReturnType<typeof throughput>>;
  const rounds: Array<{ bare: Load; framework: Load; api: Load }> = [];
  try {
    const api = await startServerProcess('src/main.ts', { ...settings, PORT: String(apiPort), RESPONSE_CACHE_VERSION_TTL_MS: '100' }, /API ready at/);
    try {
      const bareRequest = { url: `http://127.0.0.1:${peerPort}/`, query: '{ __typename }' };
      const apiRequest = { url: `http://127.0.0.1:${apiPort}/graphql`, query: lookUp.query, variables: lookUp.variables };
      const floorRequest = { url: `http://127.0.0.1:${floorPort}/graphql`, query: lookUp.query, variables: lookUp.variables };
      for (const request of [bareRequest, apiRequest, floorRequest]) for (let index = 0; index < 200; index += 1) await send(request);
      for (let round = 1; round <= 3; round += 1) {
        log(`round ${round}/3: bare Apollo, a bare Fastify route, then the API (cached look-up, version bound 100 ms)`);
        rounds.push({ bare: await throughput(bareRequest, connections, seconds), framework: await throughput(floorRequest, connections, seconds), api: await throughput(apiRequest, connections, seconds) });
      }
    } finally {
      await api.stop();
    }
  } finally {
    await floor.stop();
    await peer.stop();
  }
  const ratios = rounds.map((round) => round.api.requestsPerSecond / round.bare.requestsPerSecond);
  const medianRound = rounds[ratios.indexOf([...ratios].sort((a, b) => a - b)[1]!)]!;
  const bare = medianRound.bare;

  const warm = async (ttl: string, profile: boolean) => {
    const folder = mkdtempSync(join(tmpdir(), 'mtp-ai-cache-gap-'));
    const port = await freePort();
    const spawnedAt = performance.now();
    const api = await startServerProcess('src/main.ts', { ...settings, PORT: String(port), RESPONSE_CACHE_VERSION_TTL_MS: ttl }, /API ready at/, profile ? ['--cpu-prof', `--cpu-prof-dir=${folder}`, '--cpu-prof-interval=200'] : []);
    let measuredFrom = 0;
    let load;
    try {
      const request = { url: `http://127.0.0.1:${port}/graphql`, query: lookUp.query, variables: lookUp.variables };
      for (let index = 0; index < 200; index += 1) await send(request);
      measuredFrom = performance.now() - spawnedAt;
      load = await throughput(request, connections, seconds);
    } finally {
      await api.stop();
    }
    const cpu = profile ? cpuByOwner(JSON.parse(readFileSync(join(folder, readdirSync(folder)[0]!), 'utf8')) as CpuProfile, measuredFrom) : [];
    rmSync(folder, { recursive: true, force: true });
    return { load, cpu };
  };
  log('API, staleness bound 100 ms, profiled');
  const bounded = await warm('100', true);
  log('API, version read before every answer');
  const everyTime = await warm('0', false);

  const busy = bounded.cpu.reduce((sum, entry) => sum + entry.milliseconds, 0);
  const share = (rps: number, of: number) => `${Math.round((100 * rps) / of)} %`;
  lines.push(
    '# Where a warm answer\'s time goes (look-up, 1,000 organisations)',
    '',
    `\`npx tsx bench/cacheGap.ts\`, ${new Date().toISOString().slice(0, 10)}: ${connections} connections for ${seconds} s each (autocannon), after 200 requests to warm up; rate limit off, request log silent, as in \`npm run bench\`.`,
    '',
    '| round | bare Apollo Server, `{ __typename }`, requests/s (p99 ms) | a bare Fastify route, constant answer, requests/s (p99 ms) | API, cached look-up, version bound 100 ms, requests/s (p99 ms) | Fastify / bare | API / bare |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (round, index) =>
        `| ${index + 1} | ${round.bare.requestsPerSecond} (${round.bare.p99}) | ${round.framework.requestsPerSecond} (${round.framework.p99}) | ${round.api.requestsPerSecond} (${round.api.p99}) | ${share(round.framework.requestsPerSecond, round.bare.requestsPerSecond)} | ${share(round.api.requestsPerSecond, round.bare.requestsPerSecond)} |`,
    ),
    '',
    `Median of the rounds: **${share(medianRound.api.requestsPerSecond, bare.requestsPerSecond)}** of the bare server (a bare Fastify route in the same round: ${share(medianRound.framework.requestsPerSecond, bare.requestsPerSecond)}). With the version read before every answer (TTL 0), measured after the rounds: ${everyTime.load!.requestsPerSecond} requests/s (p99 ${everyTime.load!.p99} ms), ${share(everyTime.load!.requestsPerSecond, bare.requestsPerSecond)} of the median round's bare server.`,
    '',
    `CPU of the API process while serving cached look-ups under load (the 100 ms run, profiled: ${bounded.load!.requestsPerSecond} requests/s), per package or folder, idle excluded (${round(busy)} ms):`,
    '',
    '| part of the API process | CPU ms | share |',
    '| --- | ---: | ---: |',
    ...bounded.cpu.slice(0, 15).map((entry) => `| ${entry.owner} | ${round(entry.milliseconds)} | ${Math.round((100 * entry.milliseconds) / busy)} % |`),
    '',
  );
} finally {
  await database.close();
}
// cache-gap.md tells the story of the runs; each run writes its own file beside it.
const out = join(projectRoot, 'bench', 'results', `cache-gap-${new Date().toISOString().slice(0, 10)}.md`);
writeFileSync(out, `${lines.join('\n')}\n`);
log(`wrote ${out}`);
