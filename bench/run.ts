import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../src/database/projectRoot.js';
import { openBenchDatabase } from './benchDatabase.js';
import { round, send, throughput, timeInTurn, timeRequest, timeRequests, timeSequential } from './measure.js';
import { NESTED_READ_PEER_QUERY, NESTED_READ_PEER_SORTED_QUERY, operationsFor } from './operations.js';
import { startServerProcess } from './processes.js';
import { benchMemory, loadBenchGraph, parseBenchGraphs, type BenchGraph } from './benchGraphs.js';
import { findGraphVersion } from '../src/network/network.repository.js';
import { freePort } from '../test/helpers/neo4jForTests.js';
import { toMarkdown, type OperationResult, type SizeResult } from './report.js';

/**
 * `npm run bench`: for each size of synthetic graph, imports it into a fresh Neo4j, starts
 * the API (twice: with the response cache off, "cold", and on, "warm") and the peer
 * (@neo4j/graphql) as their own processes on loopback, and measures every representative
 * operation: latency at concurrency 1 (p50/p95/p99), throughput and p99 at concurrency 32
 * (autocannon), Neo4j round trips, and the floor (the same Cypher straight through the
 * driver); warm, the same operation repeated (answered from the cache), and a miss (a
 * variable the operation ignores changes every time, so the cache computes and stores each
 * answer). Writes bench/results/<date>.json and .md, and latest.md.
 * `--sizes default,1000`: the graphs (`default`: the default graph of seeds and the area's open
 * data; a number: a generated graph of that many organisations; all four when absent).
 * `--quick`: the small size and short runs (a smoke run); `--out <dir>`: where to write;
 * `--only <text>`: the operations whose name starts with it, or with one of several separated by commas (a partial run, never latest.md).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    sizes: { type: 'string' },
    only: { type: 'string' },
  },
});
const quick = values.quick!;
const sizes: BenchGraph[] = values.sizes ? parseBenchGraphs(values.sizes) : quick ? [1_000] : ['default', 1_000, 10_000, 100_000];
const samples = quick ? 20 : 200;
const loadSeconds = quick ? 2 : 8;
const budgetSeconds = quick ? 3 : 20;
const connections = 32;
const outFolder = values.out ?? join(projectRoot, 'bench', 'results');

/** Waits until the API at `metricsUrl` holds the graph's structure at `version` (its /metrics says so), at most five minutes. */
async function structureRead(metricsUrl: string, version: number): Promise<void> {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    const text = await (await fetch(metricsUrl)).text();
    if (new RegExp(`^graph_structure_version ${version}$`, 'm').test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${metricsUrl}: the graph structure at version ${version} was not read within five minutes`);
}

/** The peer's nested read, as usually asked and in the API's order, beside the API's p50. */
async function measurePeer(peerRequest: { url: string; query: string }, apiNestedP50: number, log: (line: string) => void): Promise<SizeResult['peer']> {
  log('peer');
  await send(peerRequest);
  const peerLatency = await timeRequests(peerRequest, samples, budgetSeconds);
  const sortedPeerRequest = { ...peerRequest, query: NESTED_READ_PEER_SORTED_QUERY };
  await send(sortedPeerRequest);
  const sortedPeerLatency = await timeRequests(sortedPeerRequest, samples, budgetSeconds);
  return {
    nestedRead: peerLatency,
    apiNestedReadP50: apiNestedP50,
    ratioApiToPeerP50: round(apiNestedP50 / peerLatency.p50),
    load: await throughput(peerRequest, connections, loadSeconds),
    sorted: { nestedRead: sortedPeerLatency, ratioApiToPeerP50: round(apiNestedP50 / sortedPeerLatency.p50) },
  };
}

const results: SizeResult[] = [];
for (const size of sizes) {
  const log = (line: string) => process.stderr.write(`[${size}] ${line}\n`);
  const database = await openBenchDatabase(benchMemory(size));
  try {
    log('importing');
    const graph = await loadBenchGraph(size, database);
    const { seconds, counts } = graph;

    const apiPort = await freePort();
    const apiSettings = { ...database.environment, HOST: '127.0.0.1', SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', REQUEST_TIMEOUT_MS: '60000' };
    const api = await startServerProcess('src/main.ts', { ...apiSettings, PORT: String(apiPort), RESPONSE_CACHE_MIB: '0' }, /API ready at/);
    const warmPort = await freePort();
    const warmApi = await startServerProcess('src/main.ts', { ...apiSettings, PORT: String(warmPort) }, /API ready at/);
    const peerPort = await freePort();
    const peer = await startServerProcess('bench/peerServer.ts', { ...database.environment, PORT: String(peerPort) }, /PEER READY/);
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const warmUrl = `http://127.0.0.1:${warmPort}/graphql`;
    try {
      // What users get once a server has started: the graph's structure in memory read (ego networks and maps walk it).
      log('waiting for the graph structure in memory');
      const version = await findGraphVersion({ db: database.db });
      await Promise.all([apiPort, warmPort].map((port) => structureRead(`http://127.0.0.1:${port}/metrics`, version)));
      const operations: OperationResult[] = [];
      for (const operation of operationsFor(graph.keys).filter((candidate) => !values.only || values.only.split(',').some((prefix) => candidate.name.startsWith(prefix)))) {
        log(operation.name);
        const request = { url: apiUrl, query: operation.query, variables: operation.variables };
        const { body } = await send(request);
        // Cold (cache off) and a miss (cache on, a new answer every time) in turn, to compare them.
        const warmRequest = { ...request, url: warmUrl };
        let nonce = 0;
        const [apiLatency, miss] = await timeInTurn([() => timeRequest(request), () => timeRequest({ ...warmRequest, variables: { ...operation.variables, benchNonce: (nonce += 1) } })], samples, budgetSeconds);
        const floor = operation.floor ? await timeSequential(() => operation.floor!({ db: database.db }), samples, budgetSeconds) : null;
        await send(warmRequest);
        const warmLatency = await timeRequests(warmRequest, samples, budgetSeconds);
        const warm = { api: warmLatency, load: await throughput(warmRequest, connections, loadSeconds), miss, missCostOfCold: round((miss.p50 - apiLatency.p50) / apiLatency.p50) };
        operations.push({
          name: operation.name,
          roundTrips: (body.extensions?.roundTrips as number) ?? 0,
          api: apiLatency,
          floor,
          ratioToFloorP50: floor && floor.p50 > 0 ? round(apiLatency.p50 / floor.p50) : null,
          load: await throughput(request, connections, loadSeconds),
          warm,
        });
      }
      const peerRequest = { url: `http://127.0.0.1:${peerPort}/`, query: NESTED_READ_PEER_QUERY };
      // The peer answers the nested read only: it is measured when that operation is.
      const apiNested = operations.find((operation) => operation.name.startsWith('nested read'));
      const peerResult = apiNested ? await measurePeer(peerRequest, apiNested.api.p50, log) : undefined;
      log('requests without database work');
      const constantQuery = '{ __typename }';
      const withoutDatabase = {
        api: await timeRequests({ url: apiUrl, query: constantQuery }, samples, budgetSeconds),
        bareApollo: await timeRequests({ ...peerRequest, query: constantQuery }, samples, budgetSeconds),
        bareApolloLoad: await throughput({ ...peerRequest, query: constantQuery }, connections, loadSeconds),
      };
      results.push({
        graph: graph.title,
        organizations: counts.organizations,
        people: counts.people,
        projects: counts.projects,
        relationships: counts.relationships,
        import: { seconds: round(seconds), entitiesPerSecond: Math.round(counts.entities / seconds), relationshipsPerSecond: Math.round(counts.relationships / seconds) },
        operations,
        peer: peerResult,
        withoutDatabase,
        apiPeakMemoryMiB: api.peakMemoryMiB(),
      });
    } finally {
      await api.stop();
      await warmApi.stop();
      await peer.stop();
    }
  } finally {
    await database.close();
  }
}

const report = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    neo4j: 'Community 5.26.30 (embedded)',
  },
  settings: { samples, budgetSeconds, loadSeconds, connections },
  sizes: results,
};
mkdirSync(outFolder, { recursive: true });
const stamp = report.date.slice(0, 19).replace(/:/g, '-');
const jsonFile = join(outFolder, `${quick ? 'quick-' : ''}${stamp}.json`);
writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
const markdownFile = jsonFile.replace(/\.json$/, '.md');
writeFileSync(markdownFile, toMarkdown(report));
if (!quick && !values.only) copyFileSync(markdownFile, join(outFolder, 'latest.md'));
process.stdout.write(`wrote ${jsonFile}\n`);
process.exit(0);
