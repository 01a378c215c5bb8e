/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { EXTRACT, SEED_FOLDER } from '../../src/ingest/defaultGraph.js';
import { freePort } from '../helpers/neo4jForTests.js';
import { runScript, type RunningProcess } from '../helpers/runProcess.js';

/**
 * `npm start` on a fresh data folder, as a new user runs it: the embedded Neo4j, the default
 * graph (the seed graph and the area's ROR extract), then other commands beside the running
 * server on the same folder.
 */
const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-default-'));
let api: RunningProcess;
let url = '';
let environment: Record<string, string> = {};

beforeAll(async () => {
  const [apiPort, boltPort] = [await freePort(), await freePort()];
  environment = {
    LOG_LEVEL: 'warn',
    NEO4J_EMBEDDED_PORT: String(boltPort),
    NEO4J_EMBEDDED_DATA_DIR: dataDirectory,
    NEO4J_EMBEDDED_HEAP: '512m',
    NEO4J_EMBEDDED_PAGECACHE_MIB: '64',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  api = runScript('src/main.ts', [], { ...environment, PORT: String(apiPort) });
  await api.waitFor(/API ready at/, 240_000);
  url = `http://127.0.0.1:${apiPort}/graphql`;
}, 300_000);

afterAll(async () => {
  if (api) {
    api.child.kill('SIGINT');
    await api.exited;
  }
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

interface ExtractRecord {
  id: string;
  status: string;
  locations: Array<{ geonames_details: { name: string; country_code: string } }>;
}
const extract = JSON.parse(readFileSync(join(EXTRACT, 'ror-area.json'), 'utf8')) as ExtractRecord[];

/** The seed graph's bodies and their ROR records, as read on ror.org. */
const SEED_BODIES: Record<string, string> = {
  'university-of-montpellier': '051escj72',
  'chu-montpellier': '00mthsf17',
  cnrs: '02feahw73',
  inria: '02kvxyf05',
  ird: '015q23935',
  inserm: '02vjkv261',
  cirad: '05kpkpg04',
  inrae: '003vg9w96',
  icm: '02693j602',
};

describe('the default graph of a fresh start', () => {
  it('holds the seed graph and the area\'s research bodies: at least 250 organisations', async () => {
    const seedOrganizations = readFileSync(join(SEED_FOLDER, 'organizations.yaml'), 'utf8').match(/^- id: /gm)!.length;
    const data = await ask('{ organizations(first: 1) { totalCount } }');
    expect(data.organizations.totalCount).toBeGreaterThanOrEqual(250);
    expect(data.organizations.totalCount).toBeGreaterThan(seedOrganizations + 150);
  });

  it('finds at least 90 % of the active ROR records located in Montpellier by their ROR id', async () => {
    const wanted = extract
      .filter((record) => record.status === 'active' && record.locations.some((location) => location.geonames_details.name === 'Montpellier'))
      .map((record) => record.id.slice(-9));
    expect(wanted.length).toBeGreaterThan(100);
    let found = 0;
    for (let start = 0; start < wanted.length; start += 20) {
      const chunk = wanted.slice(start, start + 20);
      const data = await ask(`{ ${chunk.map((id, index) => `r${index}: byIdentifier(scheme: ROR, value: "${id}") { key }`).join(' ')} }`);
      found += Object.values(data).filter(Boolean).length;
    }
    expect(found / wanted.length).toBeGreaterThanOrEqual(0.9);
  });

  it('has each body of the seed graph once: its ROR record is the same entity, known by its full name too', async () => {
    const entries = Object.entries(SEED_BODIES);
    const data = await ask(`{ ${entries.map(([key, ror]) => `${key.replace(/-/g, '_')}: byIdentifier(scheme: ROR, value: "${ror}") { key }`).join(' ')} }`);
    for (const [key] of entries) expect(data[key.replace(/-/g, '_')]?.key, key).toBe(key);
    const cirad = await ask('{ search(text: "Centre de coopération internationale en recherche agronomique pour le développement", first: 5) { nodes { ... on Organization { key } } } }');
    expect(cirad.search.nodes[0].key).toBe('cirad');
    const inMontpellier = await ask('{ organizations(first: 10, filter: { city: "Montpellier" }) { totalCount } }');
    expect(inMontpellier.organizations.totalCount).toBeGreaterThan(100);
  });

  it('links units to their parent bodies, with the record as the source', async () => {
    // LIRMM, the computer science and robotics lab, a unit of the CNRS and the University.
    const data = await ask('{ byIdentifier(scheme: ROR, value: "013yean28") { kind themes ... on Organization { rnsr } parents(first: 10) { edges { node { key } relationship { sources { locator source { licence } } } } } } }');
    expect(data.byIdentifier.kind).toBe('research-unit');
    // Its directory entry, matched by GRID id, adds its number, its scientific domains and its ERC panels (PE6: computer science).
    expect(data.byIdentifier.rnsr).toBe('199111950H');
    expect(data.byIdentifier.themes).toEqual(expect.arrayContaining(['domain-9', 'erc-pe6', 'erc-pe7']));
    const parents = data.byIdentifier.parents.edges;
    expect(parents.map((edge: any) => edge.node.key)).toEqual(expect.arrayContaining(['cnrs', 'university-of-montpellier']));
    expect(parents[0].relationship.sources[0]).toMatchObject({ locator: expect.stringMatching(/^ror 013yean28|013yean28/), source: { licence: 'CC0 1.0' } });
  });
});

describe('commands beside the running server, on the same data folder', () => {
  it('imports a CORDIS export through the running database, linking the national bodies by their legal names', async () => {
    const command = runScript('src/cli/importCordis.ts', [join(projectRoot, 'test', 'fixtures', 'cordis', 'national-bodies')], environment);
    expect(await command.exited, command.output()).toBe(0);
    expect(command.output()).toMatch(/Using the embedded Neo4j already running/);
    expect(command.output()).not.toMatch(/store_lock|Exception/);
    const data = await ask('{ consortium(project: "cordis-100000050") { member { key } } }');
    const members = data.consortium.map((member: any) => member.member.key);
    expect(members).toEqual(expect.arrayContaining(['cirad', 'inria', 'inserm', 'ird', 'inrae', 'university-of-montpellier']));
    // Université Paul-Valéry and the CHU of Nîmes are bodies of their own.
    expect(members).toHaveLength(8);
    expect(new Set(members).size).toBe(8);
    expect(members).not.toContain('chu-montpellier');
  });

  it('says in a sentence that the port is taken when a command is given another data folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mtp-ai-other-folder-'));
    try {
      const command = runScript('src/cli/seed.ts', [], { ...environment, NEO4J_EMBEDDED_DATA_DIR: elsewhere });
      expect(await command.exited).not.toBe(0);
      expect(command.output()).toMatch(new RegExp(`Port ${environment.NEO4J_EMBEDDED_PORT} is taken: .*same NEO4J_EMBEDDED_DATA_DIR`));
      expect(command.output()).not.toMatch(/Exception|\tat org\./);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves the MCP tools on standard input and output through the running database', async () => {
    const client = new Client({ name: 'montpellier-ai-graph-tests', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/cli/mcp.ts'],
      cwd: projectRoot,
      env: { ...environment, PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const found = (await client.callTool({ name: 'search_entities', arguments: { text: 'Laboratoire d\'Informatique, de Robotique et de Microélectronique de Montpellier' } })) as any;
      expect(found.isError).toBeFalsy();
      expect(found.structuredContent.data.search.edges[0].node.key).toBe('ror-013yean28');
    } finally {
      await client.close();
    }
  });
});
