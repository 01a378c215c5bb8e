import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { COMPRESSED_FROM_BYTES } from '../src/cache/responseCache.js';
import { projectRoot } from '../src/database/projectRoot.js';
import { importGraph } from '../src/ingest/graphWriter.js';
import { freePort } from '../test/helpers/neo4jForTests.js';
import { openBenchDatabase } from './benchDatabase.js';
import { round, throughput, timeRequests, type Latency, type Throughput } from './measure.js';
import { generatedKeys, operationsFor } from './operations.js';
import { startServerProcess } from './processes.js';
import { syntheticGraph } from './syntheticGraph.js';

/**
 * `npx tsx bench/largeAnswers.ts`: what a warm answer of hundreds of kilobytes costs, against a
 * floor of the same size. On 1,000 synthetic organisations, for the two large answers of the
 * benchmark (the nested read, the 1,000-node map) and the look-up for comparison: the API's
 * cached answer, a bare `node:http` server sending the very same bytes (bench/bodyFloorServer.ts)
 * and a bare Apollo Server's `{ __typename }` (the issue's floor), measured in turn, three rounds:
 * p50 at concurrency 1 (to the last byte, the client's parsing not counted) and requests/s at 32
 * connections. Writes bench/results/large-answers-<date>.md. `--only <text>`: the operations whose
 * name starts with it; `--rounds <n>`: rounds per operation (3).
 */
const { values } = parseArgs({ options: { only: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
/** A POST read through node:http, which leaves a compressed answer as it came. */
function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ encoding: string | undefined; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
    });
    call.on('error', reject);
    call.end(body);
  });
}

const connections = 32;
const seconds = 6;
const samples = 200;
const log = (line: string) => process.stderr.write(`[large answers] ${line}\n`);
const graph = syntheticGraph({ organizations: 1_000, relationships: 10_000, seed: 42 });
const database = await openBenchDatabase({ heap: '1g', pageCacheMiB: 512 });
const bodies = mkdtempSync(join(tmpdir(), 'mtp-ai-large-answers-'));
const lines: string[] = [];
try {
  log('importing');
  await importGraph({ db: database.db }, graph);
  const chosen = operationsFor(generatedKeys(1_000)).filter((operation) => (values.only ? operation.name.startsWith(values.only) : /^(look-up|nested read|ecosystem map)/.test(operation.name)));
  const settings = { ...database.environment, HOST: '127.0.0.1', SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', REQUEST_TIMEOUT_MS: '60000', RESPONSE_CACHE_VERSION_TTL_MS: '100' };
  const apiPort = await freePort();
  const peerPort = await freePort();
  const floorPort = await freePort();
  const api = await startServerProcess('src/main.ts', { ...settings, PORT: String(apiPort) }, /API ready at/);
  const peer = await startServerProcess('bench/peerServer.ts', { ...database.environment, PORT: String(peerPort) }, /PEER READY/);
  try {
    // The bytes the API sends for each cached answer, for the floor to send the same.
    const slug = (name: string) => name.split(' ')[0]!.replace(/[^a-z-]/g, '');
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const sizes = new Map<string, number>();
    const compressed = new Set<string>();
    for (const operation of chosen) {
      const post = (encoding: string) => fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding }, body: JSON.stringify({ query: operation.query, variables: operation.variables }) });
      await post('identity');
      const response = await post('identity');
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!bytes.toString('utf8').includes('"status":"HIT"')) throw new Error(`${operation.name}: the second request was not a cache hit`);
      writeFileSync(join(bodies, slug(operation.name)), bytes);
      sizes.set(operation.name, bytes.length);
      // The compressed bytes, as sent (read through node:http: fetch would decompress them), once the cache has made them.
      for (let attempt = 0; attempt < 50 && bytes.length >= COMPRESSED_FROM_BYTES && !compressed.has(operation.name); attempt += 1) {
        const gzipped = await rawPost(apiUrl, JSON.stringify({ query: operation.query, variables: operation.variables }), { 'accept-encoding': 'gzip' });
        if (gzipped.encoding === 'gzip') {
          writeFileSync(join(bodies, `${slug(operation.name)}.gz`), gzipped.bytes);
          sizes.set(`${operation.name} gzip`, gzipped.bytes.length);
          compressed.add(operation.name);
        } else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const floor = await startServerProcess('bench/bodyFloorServer.ts', { PORT: String(floorPort), BODY_DIR: bodies }, /BODY FLOOR READY/);
    try {
      const bare = { url: `http://127.0.0.1:${peerPort}/`, query: '{ __typename }' };
      type Measured = { latency: Latency; load: Throughput };
      const measure = async (request: typeof bare & { variables?: Record<string, unknown> }): Promise<Measured> => ({ latency: await timeRequests(request, samples, 10), load: await throughput(request, connections, seconds) });
      lines.push(
        '# Large warm answers against a floor of the same size (1,000 organisations)',
        '',
        `\`npx tsx bench/largeAnswers.ts\`, ${new Date().toISOString().slice(0, 10)}. In turn, ${rounds} round(s): a bare Apollo Server's \`{ __typename }\`, a bare \`node:http\` server sending the same bytes as the API's cached answer (bench/bodyFloorServer.ts; for a client that accepts gzip, the same compressed bytes), and the API's cached answer (version bound 100 ms). p50 of ${samples} sequential requests, timed to the last byte (the client's parsing not counted; with gzip, its decompression counted); requests/s at ${connections} connections for ${seconds} s (autocannon). Times in ms.`,
        '',
        '| operation | answer bytes | round | bare `{ __typename }` p50 | same bytes, bare node:http p50 | API warm p50 | API / bare p50 | API / same bytes p50 | bare req/s | same bytes req/s | API req/s | API / bare req/s | API / same bytes req/s |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
      const variants = chosen.flatMap((operation) => [{ operation, gzip: false }, ...(compressed.has(operation.name) ? [{ operation, gzip: true }] : [])]);
      for (const { operation, gzip } of variants) {
        const headers = gzip ? { 'accept-encoding': 'gzip' } : {};
        const apiRequest = { url: apiUrl, query: operation.query, variables: operation.variables, headers };
        const floorRequest = { url: `http://127.0.0.1:${floorPort}/${slug(operation.name)}${gzip ? '.gz' : ''}`, query: operation.query, variables: operation.variables, headers };
        const label = `${operation.name}${gzip ? ', gzip' : ''}`;
        for (let round_ = 1; round_ <= rounds; round_ += 1) {
          log(`${label}, round ${round_}/${rounds}`);
          const [b, f, a] = [await measure(bare), await measure(floorRequest), await measure(apiRequest)];
          const ratio = (x: number, y: number) => round(x / y);
          lines.push(
            `| ${label} | ${sizes.get(gzip ? `${operation.name} gzip` : operation.name)!.toLocaleString('en')} | ${round_} | ${b.latency.p50} | ${f.latency.p50} | ${a.latency.p50} | ${ratio(a.latency.p50, b.latency.p50)} | ${ratio(a.latency.p50, f.latency.p50)} | ${b.load.requestsPerSecond} | ${f.load.requestsPerSecond} | ${a.load.requestsPerSecond} | ${ratio(a.load.requestsPerSecond, b.load.requestsPerSecond)} | ${ratio(a.load.requestsPerSecond, f.load.requestsPerSecond)} |`,
          );
        }
      }
      lines.push('');
    } finally {
      await floor.stop();
    }
  } finally {
    await api.stop();
    await peer.stop();
  }
} finally {
  rmSync(bodies, { recursive: true, force: true });
  await database.close();
}
const out = join(projectRoot, 'bench', 'results', `large-answers-${new Date().toISOString().slice(0, 10)}.md`);
writeFileSync(out, `${lines.join('\n')}\n`);
log(`wrote ${out}`);
process.exit(0);
