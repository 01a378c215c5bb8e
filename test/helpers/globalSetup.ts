import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import { readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database/database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embeddedNeo4j.js';
import { migrate } from '../../src/database/migrations.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { SEED_FOLDER } from '../../src/ingest/defaultGraph.js';
import { dockerEngineAnswers, freePort, type TestNeo4j } from './neo4jForTests.js';

/**
 * Starts one real Neo4j for the whole integration run and loads the seed graph into it:
 * - NEO4J_URI set: that server; it is wiped first, so NEO4J_TEST_WIPE=true must say so;
 * - else a Docker engine answers: the official image through @testcontainers/neo4j;
 * - else the embedded Neo4j on a free port, with a throw-away data directory and a password.
 */
const wipeAll = cypher('wipeAll', 'WRITE', 'MATCH (n) DETACH DELETE n');

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stop: () => Promise<void> = async () => {};
  let neo4j: TestNeo4j;
  if (process.env.NEO4J_URI) {
    if (process.env.NEO4J_TEST_WIPE !== 'true') {
      throw new Error('NEO4J_URI is set: the tests wipe that database, so set NEO4J_TEST_WIPE=true to confirm.');
    }
    neo4j = {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    };
  } else if (await dockerEngineAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
    neo4j = { uri: container.getBoltUri(), username: 'neo4j', password: 'test-password', database: 'neo4j' };
    stop = async () => void (await container.stop());
  } else {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'mtp-ai-test-neo4j-'));
    const port = await freePort();
    const embedded: EmbeddedNeo4j = await startEmbeddedNeo4j({
      dataDirectory,
      port,
      heap: '1g',
      pageCacheMiB: 128,
      password: 'test-password',
      log: (line) => console.log(line),
    });
    neo4j = { uri: embedded.uri, username: 'neo4j', password: 'test-password', database: 'neo4j' };
    stop = async () => {
      await embedded.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    };
  }

  const config = readConfig({ NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database });
  const db = await openDatabase(config);
  try {
    await runQuery({ db }, wipeAll);
    await migrate({ db });
    await importFolder({ db }, SEED_FOLDER);
  } finally {
    await db.close();
  }
  project.provide('neo4j', neo4j);
  return stop;
}
