import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { freePort } from '../helpers/neo4jForTests.js';
import { runScript } from '../helpers/runProcess.js';

const quiet = { LOG_LEVEL: 'silent', SEED_ON_START: 'false' };

function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
}

describe('start-up with a bad configuration', () => {
  it('says in one line that Neo4j cannot be reached at a wrong NEO4J_URI', async () => {
    const port = await freePort();
    const api = runScript('src/main.ts', [], { ...quiet, NEO4J_URI: `bolt://127.0.0.1:${port}`, PORT: '0' });
    expect(await api.exited).toBe(1);
    const lines = errorLines(api.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:\d+ .*check NEO4J_URI/);
  });

  it('says in one line that a wrong password was refused', async () => {
    const neo4j = inject('neo4j');
    const api = runScript('src/main.ts', [], { ...quiet, NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: 'not-the-password', PORT: '0' });
    expect(await api.exited).toBe(1);
    const lines = errorLines(api.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD/);
  });

  it('names the variable when a setting is malformed', async () => {
    const api = runScript('src/main.ts', [], { ...quiet, PORT: 'eighty', NEO4J_URI: 'http://localhost:7474' });
    expect(await api.exited).toBe(1);
    const lines = errorLines(api.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('NEO4J_URI');
  });
});

describe('start-up with the embedded Neo4j', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-startup-'));
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

  function javaProcessesUsing(directory: string): string[] {
    try {
      return execFileSync('pgrep', ['-f', directory], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  async function startApi() {
    const [apiPort, boltPort] = [await freePort(), await freePort()];
    const api = runScript('src/main.ts', [], {
      LOG_LEVEL: 'silent',
      PORT: String(apiPort),
      NEO4J_EMBEDDED_PORT: String(boltPort),
      NEO4J_EMBEDDED_DATA_DIR: dataDirectory,
      NEO4J_EMBEDDED_HEAP: '512m',
      NEO4J_EMBEDDED_PAGECACHE_MIB: '64',
    });
    await api.waitFor(/API ready at/, 240_000);
    return { api, url: `http://127.0.0.1:${apiPort}/graphql` };
  }

  async function countOrganizations(url: string): Promise<number> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as { data: { organizations: { totalCount: number } } };
    return body.data.organizations.totalCount;
  }

  it('loads the seed graph, leaves no Java process after SIGINT, and keeps the data across a restart', async () => {
    const first = await startApi();
    expect(await countOrganizations(first.url)).toBeGreaterThan(50);
    expect(javaProcessesUsing(dataDirectory).length).toBeGreaterThan(0);
    first.api.child.kill('SIGINT');
    expect(await first.api.exited).toBe(0);
    expect(javaProcessesUsing(dataDirectory)).toEqual([]);

    const second = await startApi();
    expect(second.api.output()).not.toMatch(/loaded the default graph/);
    expect(await countOrganizations(second.url)).toBeGreaterThan(50);
    second.api.child.kill('SIGINT');
    expect(await second.api.exited).toBe(0);
    expect(javaProcessesUsing(dataDirectory)).toEqual([]);
  }, 600_000);
});
