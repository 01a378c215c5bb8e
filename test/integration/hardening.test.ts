/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { CordisRejectedError, formatCordisReport, importCordis } from '../../src/ingest/cordis/importCordis.js';
import { formatRorReport, importRor } from '../../src/ingest/ror/importRor.js';
import { sha256 } from '../../src/http/trustedDocuments.js';
import { as, cleanUpCurationAfterAll, ok, snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { freePort } from '../helpers/neo4jForTests.js';
import { runScript, type RunningProcess } from '../helpers/runProcess.js';
import { startTestApi, testEnvironment, useTestApi } from '../helpers/testApi.js';
import { zipFiles } from '../helpers/zipFiles.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);
afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

/** `{"x":[[[...]]]}` nested `depth` times. */
const nested = (depth: number) => `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** The answer's status, headers, text, and its JSON when it is JSON (null otherwise: the assertions say what was expected). */
async function answerOf(response: Response) {
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON.
  }
  return { status: response.status, headers: response.headers, text, json };
}

const post = async (url: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  answerOf(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) }));

const get = async (url: string, headers: Record<string, string> = {}) => answerOf(await fetch(url, { headers }));

const alive = async (url: string) => (await post(`${url}/graphql`, JSON.stringify({ query: '{ __typename }' }))).json?.data?.__typename === 'Query';

describe('variables nested or wide enough to exhaust the stack', () => {
  it('are refused with a 400 naming the limit, and the process goes on serving', async () => {
    const url = `${api.current.url}/graphql`;
    // The answer of the same operation is cached first: the fast path is where the cache key walked the variables.
    const query = '{ organization(key: "inria") { name } }';
    for (let i = 0; i < 2; i += 1) expect((await post(url, JSON.stringify({ query, variables: { x: [[1]] } }))).status).toBe(200);
    for (const depth of [40, 5_000, 10_000]) {
      const answer = await post(url, `{"query":${JSON.stringify(query)},"variables":${nested(depth)}}`);
      expect(answer.status, `depth ${depth}`).toBe(400);
      expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'jsonDepth' });
    }
    const wide = await post(url, JSON.stringify({ query, variables: { x: Array.from({ length: 25_000 }, () => 0) } }));
    expect(wide.status).toBe(400);
    expect(wide.json.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'jsonValues' });
    const deepGet = await get(`${url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(nested(200))}`);
    expect(deepGet.status).toBe(400);
    expect(deepGet.json.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'jsonDepth' });
    expect(await alive(api.current.url)).toBe(true);
  });

  it('within the bounds are read as before', async () => {
    // Variables the operation does not declare are ignored by GraphQL, but walked by the server.
    const answer = await post(`${api.current.url}/graphql`, `{"query":"{ __typename }","variables":${nested(30)}}`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ __typename: 'Query' });
  });
});

describe('requests the fast path and Apollo must answer alike', () => {
  it('a cached GET asked again with malformed variables or extensions gets Apollo\'s 400, not the cached answer', async () => {
    const base = `${api.current.url}/graphql?query=${encodeURIComponent('{ organization(key: "inria") { key } }')}`;
    const headers = { 'apollo-require-preflight': 'true' };
    expect((await get(base, headers)).status).toBe(200);
    expect((await get(base, headers)).status).toBe(200);
    for (const bad of ['&variables={bad', '&variables=%7B%7D&variables=%7B%7D', '&extensions=[1']) {
      const answer = await get(`${base}${bad}`, headers);
      expect(answer.status, bad).toBe(400);
      expect(answer.json.errors[0].extensions.code, bad).toMatch(/BAD_REQUEST/);
    }
  });

  it('If-None-Match: * is a precondition of reads only: a POST is answered', async () => {
    const body = JSON.stringify({ query: '{ organization(key: "inria") { key } }' });
    await post(`${api.current.url}/graphql`, body);
    const answer = await post(`${api.current.url}/graphql`, body, { 'if-none-match': '*' });
    expect(answer.status).toBe(200);
    expect(answer.json.data.organization.key).toBe('inria');
  });

  it('the right persisted-query hash in upper case is a client mistake: 400 BAD_REQUEST saying lower case', async () => {
    const query = '{ organization(key: "inria") { name } }';
    const answer = await post(
      `${api.current.url}/graphql`,
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query).toUpperCase() } } }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.json.errors[0].message).toMatch(/lower-case hexadecimal/);
  });

  it('a body that is not UTF-8 gets 415', async () => {
    const bytes = Buffer.concat([Buffer.from('{"query":"{ search(text: \\"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\\") { totalCount } }"}')]);
    const answer = await post(`${api.current.url}/graphql`, bytes);
    expect(answer.status).toBe(415);
    expect(answer.json.errors[0].message).toMatch(/UTF-8/);
  });

  it('directives spread over fragments count against the operation\'s limit', async () => {
    const query = `{ organization(key: "inria") { ${'...F @include(if: true) '.repeat(200)} } } fragment F on Organization { name }`;
    const answer = await post(`${api.current.url}/graphql`, JSON.stringify({ query }));
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: 20 });
  });
});

describe('paths the API does not serve', () => {
  it('a malformed path is named as such, an unknown export path is a JSON 404 with a request id', async () => {
    const badPath = await get(`${api.current.url}/entity/%E0%A4%A`);
    expect(badPath.status).toBe(400);
    expect(badPath.json.errors[0].message).toMatch(/path/);
    expect(badPath.json.errors[0].message).not.toMatch(/JSON/);
    const unknown = await get(`${api.current.url}/export/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(unknown.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('/mcp', () => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
  const mcpHeaders = { accept: 'application/json, text/event-stream' };

  it('refuses a JSON-RPC batch: each tool call is a request of its own against the rate limit', async () => {
    const calls = Array.from({ length: 100 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'ego_network', arguments: { center: 'inria' } } }));
    const answer = await post(`${api.current.url}/mcp`, JSON.stringify(calls), mcpHeaders);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe(-32600);
    expect(answer.json.error.message).toMatch(/batch/i);
  });

  it('refuses a foreign Origin (DNS rebinding) and accepts one allowed by configuration', async () => {
    const foreign = await post(`${api.current.url}/mcp`, JSON.stringify(initialize), { ...mcpHeaders, origin: 'http://attacker.example' });
    expect(foreign.status).toBe(403);
    const allowing = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', MCP_ALLOWED_ORIGINS: 'http://assistant.example' });
    try {
      const allowed = await post(`${allowing.url}/mcp`, JSON.stringify(initialize), { ...mcpHeaders, origin: 'http://assistant.example' });
      expect(allowed.status).toBe(200);
      expect((await post(`${allowing.url}/mcp`, JSON.stringify(initialize), { ...mcpHeaders, origin: 'http://attacker.example' })).status).toBe(403);
    } finally {
      await allowing.stop();
    }
  });

  it('a client has a bounded number of requests in flight: the others wait for their answers, not for its', async () => {
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '100000', MAX_CONCURRENT_REQUESTS_PER_CLIENT: '2' });
    try {
      const body = JSON.stringify({ query: '{ egoNetwork(center: "university-of-montpellier", depth: 2) { nodes { key } } }' });
      const answers = await Promise.all(Array.from({ length: 12 }, () => post(`${limited.url}/graphql`, body)));
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(2);
      expect(refused[0]!.json.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', maxInFlight: 2 });
      // Once the answers are in, the client may ask again.
      expect((await post(`${limited.url}/graphql`, body)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('the MCP stdio command', () => {
  it('answers a line that is not JSON with a parse error instead of silence', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/mcp.ts'], {
      cwd: projectRoot,
      env: { ...testEnvironment(), PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const line = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer; output so far: ${output}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) {
            clearTimeout(timer);
            resolve(output.split('\n')[0]!);
          }
        });
      });
      child.stdin.write('{not json\n');
      const answer = JSON.parse(await line) as any;
      expect(answer).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    } finally {
      child.kill();
    }
  });
});

/** Entities whose name, names or aliases break the text rules. */
const brokenTexts = cypher(
  'brokenTextsForTests',
  'READ',
  `MATCH (n:Entity)
   WHERE any(text IN [n.name, n.nameFr, n.nameEn] + coalesce(n.aliasesFr, []) + coalesce(n.aliasesEn, []) WHERE text IS NOT NULL AND (text CONTAINS $nul OR text CONTAINS $bel OR size(text) > 300))
   RETURN count(n) AS count`,
);

describe('imports apply the API\'s text rules', () => {
  it('a ROR record with control characters and a 3,000,000-character name is cleaned, and the report names the record', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ror-text-'));
    try {
      const records = JSON.parse(readFileSync(join(projectRoot, 'test', 'fixtures', 'ror', 'v9.99-2026-11-15-ror-data_schema_v2.json'), 'utf8')) as any[];
      const lab = structuredClone(records.find((record) => record.id === 'https://ror.org/0aaaaaa02'));
      const huge = structuredClone(lab);
      lab.id = 'https://ror.org/0aaaaaa90';
      lab.names = [{ value: 'Laboratoire\u0000 de test\u0007 des caractères', types: ['ror_display', 'label'], lang: 'fr' }];
      lab.relationships = [];
      lab.external_ids = [];
      huge.id = 'https://ror.org/0aaaaaa91';
      huge.names = [{ value: `Institut ${'x'.repeat(3_000_000)}`, types: ['ror_display', 'label'], lang: 'fr' }];
      huge.relationships = [];
      huge.external_ids = [];
      const dump = join(folder, 'v9.98-2026-11-20-ror-data_schema_v2.json');
      writeFileSync(dump, JSON.stringify([lab, huge]));
      const report = await importRor({ db: api.current.db }, dump);
      const repaired = report.write.repaired.map((repair) => `${repair.record} › ${repair.field}`);
      expect(repaired).toEqual(expect.arrayContaining(['ror#ror 0aaaaaa90 › name', 'ror#ror 0aaaaaa90 › names.fr', 'ror#ror 0aaaaaa91 › name', 'ror#ror 0aaaaaa91 › names.fr']));
      expect(formatRorReport(dump, report, false)).toMatch(/text repaired\s+\d+ text\(s\)/);
      const { data } = await api.current.graphql<any>('{ a: entity(key: "ror-0aaaaaa90") { name } b: entity(key: "ror-0aaaaaa91") { name } pendingMatches(first: 50) { nodes { record } } }');
      expect(data.a.name).toBe('Laboratoire de test des caractères');
      expect(data.b.name.length).toBeLessThanOrEqual(300);
      for (const review of data.pendingMatches.nodes) expect(JSON.stringify(review.record)).not.toMatch(/\\u0000|\\u0007|x{301}/);
      const [stored] = await runQuery({ db: api.current.db }, brokenTexts, { nul: '\u0000', bel: '\u0007' });
      expect(stored!.count).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a CORDIS title of 100,000 characters is cut with a line in the report naming the record, and a participant name with NUL and BEL is stored clean', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cordis-text-'));
    try {
      cpSync(join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1'), folder, { recursive: true });
      const projects = join(folder, 'project.csv');
      writeFileSync(projects, readFileSync(projects, 'utf8').replace('"Test project: crops; data and models"', `"${'T'.repeat(100_000)}"`));
      const organizations = join(folder, 'organization.csv');
      writeFileSync(organizations, readFileSync(organizations, 'utf8').replace('UNIVERSITE DE MONTPELLIER', 'UNIVERSITE\u0000 DE MONTPELLIER\u0007'));
      const report = await importCordis({ db: api.current.db }, folder);
      expect(report.write.repaired).toContainEqual({ record: expect.stringContaining('project 100000001'), field: 'aliases.en', problem: 'at most 300 characters (got 100000)' });
      expect(formatCordisReport(folder, report, false)).toMatch(/text repaired\s+\d+ text\(s\)[^\n]*\n\s+\S*#project 100000001 › aliases\.en/);
      const [stored] = await runQuery({ db: api.current.db }, brokenTexts, { nul: '\u0000', bel: '\u0007' });
      expect(stored!.count).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('an empty CORDIS file is refused and changes nothing; a truncated zip is named and said truncated', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cordis-empty-'));
    try {
      cpSync(join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1'), folder, { recursive: true });
      writeFileSync(join(folder, 'project.csv'), '');
      const before = await snapshot(api.current);
      const error = await importCordis({ db: api.current.db }, folder).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CordisRejectedError);
      expect((error as Error).message).toMatch(/project\.csv.*empty/s);
      expect(await snapshot(api.current)).toEqual(before);

      const zip = join(folder, 'cordis-projects.zip');
      await zipFiles(zip, { 'project.csv': join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1', 'project.csv'), 'organization.csv': join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1', 'organization.csv') });
      const whole = readFileSync(zip);
      const truncated = join(folder, 'truncated.zip');
      writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      const broken = await importCordis({ db: api.current.db }, truncated).catch((caught: unknown) => caught);
      expect((broken as Error).message).toMatch(/truncated\.zip.*truncated/);
      expect(await snapshot(api.current)).toEqual(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the server process, started as a user starts it', () => {
  const secret = `${'h'.repeat(20)}${'K'.repeat(20)}`;
  const token = `hardening-admin.${secret}`;
  let running: RunningProcess | undefined;
  afterAll(() => {
    running?.child.kill('SIGKILL');
  });

  async function start(): Promise<{ process: RunningProcess; url: string }> {
    const port = await freePort();
    const process = runScript('src/main.ts', [], testEnvironment({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_ON_START: 'false', ADMIN_API_KEY: token, RATE_LIMIT_PER_MINUTE: '0' }));
    running = process;
    await process.waitFor(/listening|"msg":"API ready/);
    return { process, url: `http://127.0.0.1:${port}` };
  }

  async function stop(process: RunningProcess) {
    process.child.kill('SIGTERM');
    await process.exited;
  }

  it('keeps a revoked ADMIN_API_KEY revoked on restart, says so in one log line, and logs only JSON while surviving every input above', async () => {
    const first = await start();
    const graphql = (url: string, query: string, headers: Record<string, string> = {}) => post(`${url}/graphql`, JSON.stringify({ query }), headers);
    const created = ok<any>((await graphql(first.url, 'mutation { createApiKey(input: { name: "second admin", role: ADMIN }) { token } }', as(token))).json);
    const second = created.createApiKey.token as string;
    ok((await graphql(first.url, 'mutation { revokeApiKey(input: { id: "hardening-admin" }) { revokedAt } }', as(second))).json);
    await stop(first.process);

    const again = await start();
    const refused = await graphql(again.url, 'mutation { revokeApiKey(input: { id: "nobody" }) { id } }', as(token));
    expect(refused.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const warnings = again.process.output().split('\n').filter((line) => line.includes('hardening-admin') && line.includes('revoked'));
    expect(warnings).toHaveLength(1);

    for (const depth of [5_000, 10_000]) expect((await post(`${again.url}/graphql`, `{"query":"{ __typename }","variables":${nested(depth)}}`)).status).toBe(400);
    const query = '{ organization(key: "inria") { name } }';
    await post(`${again.url}/graphql`, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query).toUpperCase() } } }));
    await get(`${again.url}/entity/%E0%A4%A`);
    await get(`${again.url}/export/nothing`);
    await post(`${again.url}/graphql`, Buffer.from([0x7b, 0xff, 0x7d]));
    await post(`${again.url}/mcp`, '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', { accept: 'application/json, text/event-stream' });
    expect(await alive(again.url)).toBe(true);
    await stop(again.process);

    const lines = again.process.stdout().split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((entry) => entry.level >= 50);
    expect(errors, 'client mistakes are not logged as errors').toEqual([]);
  });
});
