import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database/database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embeddedNeo4j.js';
import { migrate } from '../../src/database/migrations.js';
import { SEED_FOLDER } from '../../src/ingest/defaultGraph.js';
import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { freePort } from '../helpers/neo4jForTests.js';
import { startTestApi, type TestApi } from '../helpers/testApi.js';

/** This file runs its own Neo4j, to stop it under the API's feet and start it again. */
const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-faults-'));
let neo4j: EmbeddedNeo4j | undefined;
let api: TestApi | undefined;

async function startNeo4j(port: number) {
  return startEmbeddedNeo4j({ dataDirectory, port, heap: '512m', pageCacheMiB: 64, log: () => {} });
}

afterAll(async () => {
  await api?.stop();
  await neo4j?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const question = '{ organization(key: "inria") { name partners(first: 2) { totalCount } } }';

describe('when Neo4j goes away', () => {
  it('answers SERVICE_UNAVAILABLE without hanging, says so on /readyz, then recovers without a restart of the API', async () => {
    const port = await freePort();
    neo4j = await startNeo4j(port);
    const environment = { NEO4J_URI: neo4j.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: '', RATE_LIMIT_PER_MINUTE: '0', REQUEST_TIMEOUT_MS: '30000' };
    const db = await openDatabase(readConfig(environment));
    await migrate({ db });
    // The seed graph only: this file is about a database that fails, not about the default graph's size.
    await importFolder({ db }, SEED_FOLDER);
    await db.close();
    api = await startTestApi(environment);
    expect((await api.graphql(question)).data).toMatchObject({ organization: { name: 'Inria' } });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

    await neo4j.stop();
    const down = await api.graphql(question);
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.errors?.[0]?.message).not.toMatch(/bolt|127\.0\.0\.1|Neo4jError/);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);

    neo4j = await startNeo4j(port);
    let answer = await api.graphql(question);
    for (let attempt = 0; attempt < 30 && answer.errors; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      answer = await api.graphql(question);
    }
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ organization: { name: 'Inria', partners: { totalCount: expect.any(Number) } } });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  }, 300_000);
});
