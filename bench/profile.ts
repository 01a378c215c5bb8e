import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { Driver, ManagedTransaction, QueryResult, ResultSummary, Session } from 'neo4j-driver';

import type { Database } from '../src/database/database.js';
import { projectRoot } from '../src/database/projectRoot.js';
import { freePort } from '../test/helpers/neo4jForTests.js';
import { openBenchDatabase } from './benchDatabase.js';
import { round, send } from './measure.js';
import { operationsFor } from './operations.js';
import { startServerProcess } from './processes.js';
import { benchMemory, loadBenchGraph, parseBenchGraphs } from './benchGraphs.js';
import { cpuByOwner, ownerOf, type CpuProfile } from './cpuProfile.js';

/**
 * `npm run bench:profile -- --organizations 100000` (or `default`, the default graph): where the time of each benchmark
 * operation goes, on one synthetic graph.
 * - Neo4j side: every query of the operation's floor run again under `PROFILE`, with its
 *   database hits, rows and the operators that cost the most.
 * - API side: the API run with `node --cpu-prof` (response cache off: every answer computed)
 *   while it serves the operation, and its CPU time per package (ours, graphql, Apollo, the
 *   driver, Node's HTTP...), idle excluded, and the functions that take the most CPU themselves.
 * Writes bench/results/profile-<organizations>.md. `--only <text>`: the operations whose name
 * starts with it.
 */
const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '200' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const size = parseBenchGraphs(values.organizations!)[0]!;
const requests = Number(values.requests);
const outFolder = values.out ?? join(projectRoot, 'bench', 'results');
const log = (line: string) => process.stderr.write(`[profile ${size}] ${line}\n`);

interface OperatorCost {
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
}

interface QueryProfile {
  query: string;
  dbHits: number;
  rows: number;
  milliseconds: number;
  costliest: OperatorCost[];
}

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

/** A database whose sessions run every query under PROFILE and hand the summaries to `record`. */
function profilingDatabase(db: Database, record: (name: string, summary: ResultSummary) => void): Database {
  // Runs a query under PROFILE through `run` (a transaction's or an auto-commit session's) and records its summary.
  const profiled =
    (run: (text: string, parameters: Record<string, unknown>, options?: object) => Promise<QueryResult>) =>
    async (text: string, parameters: Record<string, unknown>, options?: object) => {
      const result = await run(`PROFILE ${text}`, parameters, options);
      record(/\/\* (\S+) \*\//.exec(text)?.[1] ?? 'query', result.summary);
      return result;
    };
  const profileTransaction = (tx: ManagedTransaction): ManagedTransaction => ({ run: profiled((text, parameters) => tx.run(text, parameters)) }) as unknown as ManagedTransaction;
  const driver = {
    session: (config: Parameters<Driver['session']>[0]) => {
      const session = db.driver.session(config);
      return {
        // A single read runs as an auto-commit query (runQuery.ts).
        run: profiled((text, parameters, options) => session.run(text, parameters, options)),
        executeRead: <T>(work: (tx: ManagedTransaction) => Promise<T>, options: object) => session.executeRead((tx) => work(profileTransaction(tx)), options),
        executeWrite: <T>(work: (tx: ManagedTransaction) => Promise<T>, options: object) => session.executeWrite((tx) => work(profileTransaction(tx)), options),
        close: () => session.close(),
      } as unknown as Session;
    },
  } as unknown as Driver;
  return { ...db, driver, stats: { openSessions: 0, roundTrips: 0 } };
}

function flatten(plan: PlanNode): PlanNode[] {
  return [plan, ...plan.children.flatMap(flatten)];
}

function toQueryProfile(query: string, summary: ResultSummary, milliseconds: number): QueryProfile {
  const plan = summary.profile as unknown as PlanNode;
  const operators = flatten(plan);
  return {
    query,
    dbHits: operators.reduce((sum, operator) => sum + Number(operator.dbHits), 0),
    rows: Number(plan.rows),
    milliseconds: round(milliseconds),
    costliest: operators
      .map((operator) => ({
        operator: operator.operatorType.replace(/@neo4j$/, ''),
        details: String(operator.arguments.Details ?? '').replace(/\s+/g, ' ').slice(0, 90),
        rows: Number(operator.rows),
        dbHits: Number(operator.dbHits),
      }))
      .sort((a, b) => b.dbHits - a.dbHits)
      .slice(0, 4),
  };
}

const database = await openBenchDatabase(benchMemory(size));
const lines: string[] = [];
try {
  log('importing');
  const graph = await loadBenchGraph(size, database);
  const { counts } = graph;
  lines.push(
    `# Where the time goes: ${size === 'default' ? 'the default graph' : `${size.toLocaleString('en')} organisations`}`,
    '',
    `Graph: ${counts.organizations.toLocaleString('en')} organisations, ${counts.projects.toLocaleString('en')} projects, ${counts.people.toLocaleString('en')} people, ${counts.relationships.toLocaleString('en')} relationships. ${graph.title}.`,
    `Neo4j: each query of the operation's floor, warm, under PROFILE (the top operators by database hits). API: CPU time of the API process (node --cpu-prof) over ${requests} sequential requests after as many to warm up, idle excluded, per package or folder.`,
    '',
  );

  for (const operation of operationsFor(graph.keys).filter((candidate) => !values.only || candidate.name.startsWith(values.only))) {
    log(operation.name);
    lines.push(`## ${operation.name}`, '');
    if (operation.floor) {
      let profiles: QueryProfile[] = [];
      let started = performance.now();
      const profiled = profilingDatabase(database.db, (name, summary) => {
        profiles.push(toQueryProfile(name, summary, performance.now() - started));
        started = performance.now();
      });
      // The first run plans and warms the profiled queries; the second is the one reported.
      await operation.floor({ db: profiled });
      profiles = [];
      started = performance.now();
      await operation.floor({ db: profiled });
      lines.push('| query | total db hits | rows | ms (profiled) | costliest operators (rows, db hits) |', '| --- | ---: | ---: | ---: | --- |');
      for (const profile of profiles) {
        const costliest = profile.costliest.map((cost) => `${cost.operator} \`${cost.details.replace(/\|/g, '\\|').replace(/`/g, "'")}\` (${cost.rows.toLocaleString('en')}, ${cost.dbHits.toLocaleString('en')})`).join('; ');
        lines.push(`| ${profile.query} | ${profile.dbHits.toLocaleString('en')} | ${profile.rows.toLocaleString('en')} | ${profile.milliseconds} | ${costliest} |`);
      }
      lines.push('');
    }

    const profileFolder = mkdtempSync(join(tmpdir(), 'mtp-ai-cpuprofile-'));
    const port = await freePort();
    const spawnedAt = performance.now();
    const api = await startServerProcess(
      'src/main.ts',
      { ...database.environment, PORT: String(port), HOST: '127.0.0.1', SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', REQUEST_TIMEOUT_MS: '60000', RESPONSE_CACHE_MIB: '0' },
      /API ready at/,
      ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`, '--cpu-prof-interval=200'],
    );
    let measuredFrom = 0;
    let measuredMs = 0;
    try {
      const request = { url: `http://127.0.0.1:${port}/graphql`, query: operation.query, variables: operation.variables };
      const count = operation.name.startsWith('look-up') || operation.name.startsWith('search') || operation.name.startsWith('shortest') ? requests : Math.max(10, Math.round(requests / 10));
      for (let index = 0; index < count; index += 1) await send(request);
      measuredFrom = performance.now() - spawnedAt;
      const started = performance.now();
      for (let index = 0; index < count; index += 1) await send(request);
      measuredMs = performance.now() - started;
      lines.push(`API: ${count} requests in ${round(measuredMs)} ms (${round(measuredMs / count)} ms each).`, '');
    } finally {
      await api.stop();
    }
    const [file] = readdirSync(profileFolder);
    const profile = JSON.parse(readFileSync(join(profileFolder, file!), 'utf8')) as CpuProfile;
    const owners = cpuByOwner(profile, measuredFrom);
    const cpu = owners.slice(0, 12);
    const functions = cpuByOwner(profile, measuredFrom, (url, functionName) => (url ? `${ownerOf(url, functionName)}: ${functionName || '(anonymous)'}` : ownerOf(url, functionName))).slice(0, 15);
    rmSync(profileFolder, { recursive: true, force: true });
    const busy = owners.reduce((sum, entry) => sum + entry.milliseconds, 0);
    lines.push(
      `API CPU while serving them: ${round(busy)} ms of ${round(measuredMs)} ms elapsed; the rest is waiting for Neo4j (which shares the two cores).`,
      '',
      '| part of the API process | CPU ms | share |',
      '| --- | ---: | ---: |',
      ...cpu.map((entry) => `| ${entry.owner} | ${round(entry.milliseconds)} | ${Math.round((100 * entry.milliseconds) / busy)} % |`),
      '',
      'The functions that took the most CPU themselves (self time):',
      '',
      '| function | CPU ms | share |',
      '| --- | ---: | ---: |',
      ...functions.map((entry) => `| ${entry.owner.replace(/\|/g, '\\|')} | ${round(entry.milliseconds)} | ${Math.round((100 * entry.milliseconds) / busy)} % |`),
      '',
    );
  }
} finally {
  await database.close();
}
mkdirSync(outFolder, { recursive: true });
const file = join(outFolder, `profile-${size}.md`);
writeFileSync(file, lines.join('\n'));
process.stdout.write(`wrote ${file}\n`);
