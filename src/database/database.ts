import neo4j, { type AuthToken, type Driver } from 'neo4j-driver';

import type { Config } from '../config.js';
import { join } from 'node:path';
import { readRunningEmbedded, startEmbeddedNeo4j, type EmbeddedNeo4j } from './embeddedNeo4j.js';
import { projectRoot } from './projectRoot.js';

/** One driver per process, the database name it must always pass, and live counters. */
export interface Database {
  driver: Driver;
  name: string;
  transactionTimeoutMs: number;
  stats: { openSessions: number; roundTrips: number };
  close(): Promise<void>;
}

export class DatabaseStartError extends Error {}

/**
 * Opens the database the configuration names: NEO4J_URI when set, else the embedded
 * default. Verifies connectivity and turns the usual failures into one actionable line.
 */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}, options: { useRunning?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedNeo4j | undefined;
  let uri = config.NEO4J_URI;
  let auth = neo4j.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD ?? '');
  if (!uri) {
    const dataDirectory = config.NEO4J_EMBEDDED_DATA_DIR ?? join(projectRoot, '.data', 'neo4j');
    if (!config.NEO4J_PASSWORD) auth = neo4j.auth.basic('neo4j', '');
    // One process at a time may open a data folder: a command started beside `npm start` uses
    // the embedded Neo4j that process runs, through Bolt, as any client would. The server itself
    // never leans on the database of a command, which stops when the command ends.
    const running = await runningEmbeddedNeo4j(dataDirectory, auth, config.NEO4J_DATABASE);
    if (running && !options.useRunning) {
      throw new DatabaseStartError(
        `The embedded Neo4j of ${dataDirectory} is run by another process (${running.pid}, a command started before the server): let it finish or stop it, then start again.`,
      );
    }
    if (running) {
      log(`Using the embedded Neo4j already running on ${running.uri} for ${dataDirectory} (process ${running.pid}).`);
      uri = running.uri;
    } else {
      log(`Starting the embedded Neo4j on 127.0.0.1:${config.NEO4J_EMBEDDED_PORT} (data in ${dataDirectory})...`);
      embedded = await startEmbeddedNeo4j({
        dataDirectory,
        port: config.NEO4J_EMBEDDED_PORT,
        heap: config.NEO4J_EMBEDDED_HEAP,
        pageCacheMiB: config.NEO4J_EMBEDDED_PAGECACHE_MIB,
        password: config.NEO4J_PASSWORD,
        log,
      }).catch((error: unknown) => {
        throw storeLockError(error, dataDirectory) ?? portTakenError(error, config.NEO4J_EMBEDDED_PORT) ?? error;
      });
      uri = embedded.uri;
    }
  }
  const driver = neo4j.driver(uri, auth, {
    maxTransactionRetryTime: 2_000,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 5_000,
    disableLosslessIntegers: false,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    throw new DatabaseStartError(describeConnectionFailure(uri, error));
  }
  return {
    driver,
    name: config.NEO4J_DATABASE,
    transactionTimeoutMs: config.NEO4J_TRANSACTION_TIMEOUT_MS,
    stats: { openSessions: 0, roundTrips: 0 },
    async close() {
      await driver.close();
      await embedded?.stop();
    },
  };
}

/**
 * The embedded Neo4j another process runs on this data folder (it says where in the folder's
 * `bolt.json`, see embeddedNeo4j.ts), when it is alive and answers; null otherwise.
 */
async function runningEmbeddedNeo4j(dataDirectory: string, auth: AuthToken, database: string): Promise<{ uri: string; pid: number } | null> {
  const running = readRunningEmbedded(dataDirectory);
  if (!running) return null;
  const driver = neo4j.driver(running.uri, auth, { connectionTimeout: 3_000, logging: { level: 'error', logger: () => {} } });
  try {
    await driver.verifyConnectivity({ database });
    return running;
  } catch {
    return null;
  } finally {
    await driver.close();
  }
}

/** The start failed because another process holds the folder's store lock: one line saying what to do. */
function storeLockError(error: unknown, dataDirectory: string): DatabaseStartError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/store_lock|FileLockException|Lock file has been locked|unable to obtain lock/i.test(message)) return null;
  return new DatabaseStartError(
    `Another process holds the data folder ${dataDirectory} (a Neo4j that did not say where it listens): stop it, or point this command at it with NEO4J_URI.`,
  );
}

/** The Bolt port is taken (often: a server started on another data folder): a sentence instead of Neo4j's stack trace. */
function portTakenError(error: unknown, port: number): DatabaseStartError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Address already in use/i.test(message)) return null;
  return new DatabaseStartError(
    `Port ${port} is taken: another Neo4j listens there (a server started on another data folder?). To work beside a running server, give this command the same NEO4J_EMBEDDED_DATA_DIR; else set NEO4J_EMBEDDED_PORT to a free port.`,
  );
}

function describeConnectionFailure(uri: string, error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Neo.ClientError.Security.Unauthorized' || /authentication failure|unauthorized/i.test(message)) {
    return `Neo4j at ${uri} refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD.`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return `Neo4j at ${uri} has no database of that name: check NEO4J_DATABASE.`;
  }
  return `Cannot reach Neo4j at ${uri} (${message.split('\n')[0]}): check NEO4J_URI and that the server is running.`;
}

/** Resolves when Neo4j answers a trivial query within `timeoutMs`; rejects with the reason otherwise. */
export async function pingDatabase(db: Database, timeoutMs = 2_000): Promise<void> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: 'READ' });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      session.run('RETURN 1'),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    void session.close().catch(() => {});
  }
}
