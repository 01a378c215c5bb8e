import neo4j, { isInt, isNode, isRelationship, isRetryableError, type ManagedTransaction, type Session } from 'neo4j-driver';

import { mapNeo4jError, ServiceUnavailableError, TimeoutError } from '../errors.js';
import type { Database } from './database.js';

/** A named, constant Cypher text; every value it needs comes in as a $parameter. */
export interface CypherQuery {
  name: string;
  mode: 'READ' | 'WRITE';
  text: string;
}

/** Names a query; the name is put in front of the text so it shows in Neo4j's query log. */
export function cypher(name: string, mode: 'READ' | 'WRITE', text: string): CypherQuery {
  return { name, mode, text: `/* ${name} */\n${text.trim()}` };
}

/** What runQuery needs from a request: the database, a round-trip counter, and a cancel signal. */
export interface QueryRunner {
  db: Database;
  stats?: { roundTrips: number };
  signal?: AbortSignal;
}

export type Row = Record<string, unknown>;

/**
 * The only function that talks to Neo4j for a single query: opens a session on the named
 * database, runs the query, turns records into plain objects, closes the session in `finally`,
 * and maps driver errors to typed API errors. When the request's signal aborts (deadline
 * or client gone), the session is closed, which stops the query on the server.
 *
 * A read runs as an auto-commit transaction: one round trip (RUN and PULL), where a managed
 * transaction takes three (BEGIN, RUN and PULL, COMMIT, each awaited by the driver), which was
 * most of a look-up's time on the database side. A single read gains nothing from an explicit
 * transaction; the driver's retry of transient errors is kept by `retryingRead`. A write runs in
 * a managed write transaction (retried by the driver).
 */
export async function runQuery(runner: QueryRunner, query: CypherQuery, parameters: Row = {}): Promise<Row[]> {
  if (query.mode === 'WRITE') return runTransaction(runner, query.mode, async (tx) => runInTransaction(tx, query, parameters), [query]);
  return withSession(runner, 'READ', 1, (session) =>
    retryingRead(runner, async () => {
      const result = await session.run(query.text, toNeo4jParameters(parameters), { timeout: runner.db.transactionTimeoutMs });
      return result.records.map(plainRow);
    }),
  );
}

/** How long a read is tried again after transient errors (the driver's `maxTransactionRetryTime` for managed transactions). */
const READ_RETRY_MS = 2_000;

/** Runs `read` again after a transient error (a leader switch, a dropped connection), with backoff, until it succeeds or the retry time is spent. */
export async function retryingRead<T>(runner: QueryRunner, read: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!isRetryableError(error) || runner.signal?.aborted || Date.now() - started > READ_RETRY_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 400) * (0.8 + Math.random() * 0.4)));
    }
  }
}

function plainRow(record: { keys: PropertyKey[]; get(key: PropertyKey): unknown }): Row {
  const row: Row = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

/** Runs a query inside a transaction given by runTransaction. */
export async function runInTransaction(tx: ManagedTransaction, query: CypherQuery, parameters: Row = {}): Promise<Row[]> {
  const result = await tx.run(query.text, toNeo4jParameters(parameters));
  return result.records.map(plainRow);
}

/**
 * Runs a query inside a transaction and hands each record to `onRow` as it arrives (its values
 * read by key, converted as runQuery converts them), without keeping the rows: what reads the
 * whole graph's structure (a million relationships) uses so as not to hold a million objects.
 */
export async function streamInTransaction(tx: ManagedTransaction, query: CypherQuery, parameters: Row, onRow: (get: (key: string) => unknown) => void): Promise<void> {
  for await (const record of tx.run(query.text, toNeo4jParameters(parameters))) onRow((key) => toPlain(record.get(key)));
}

/**
 * Runs several queries in one transaction (imports, multi-step writes); counts one round
 * trip per query listed in `queries`.
 *
 * The request's deadline holds whatever the database does: when the signal aborts, the
 * caller gets a TimeoutError at once, even if Neo4j never answers (a paused process or a
 * stuck socket keeps the driver waiting, and closing the session waits for it too). The
 * session is then closed in the background, which releases its connection and stops the
 * transaction as soon as the database answers again; `openSessions` counts it until then.
 */
export async function runTransaction<T>(
  runner: QueryRunner,
  mode: 'READ' | 'WRITE',
  work: (tx: ManagedTransaction) => Promise<T>,
  queries: CypherQuery[] = [],
): Promise<T> {
  const config = { timeout: runner.db.transactionTimeoutMs };
  return withSession(runner, mode, Math.max(1, queries.length), (session) => (mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config)));
}

/**
 * Opens a session, hands it to `use`, closes it; counts `roundTrips`, holds the request's
 * deadline and maps errors (see runTransaction).
 */
async function withSession<T>(runner: QueryRunner, mode: 'READ' | 'WRITE', roundTrips: number, use: (session: Session) => Promise<T>): Promise<T> {
  const { db, signal } = runner;
  if (signal?.aborted) throw timeoutFor(mode);
  db.stats.roundTrips += roundTrips;
  if (runner.stats) runner.stats.roundTrips += roundTrips;
  let session: Session;
  try {
    session = db.driver.session({ database: db.name, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  } catch (error) {
    throw mapNeo4jError(error);
  }
  db.stats.openSessions += 1;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= session.close().catch(() => {}).finally(() => {
      db.stats.openSessions -= 1;
    });
    return closing;
  };
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(timeoutFor(mode));
      void close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const running = use(session);
  // Whatever the transaction does after the deadline answered, nobody waits for it.
  running.catch(() => {});
  aborted.catch(() => {});
  try {
    return await (signal ? Promise.race([running, aborted]) : running);
  } catch (error) {
    if (signal?.aborted) throw timeoutFor(mode);
    const mapped = mapNeo4jError(error);
    if (!(mapped instanceof Error) || mapped === error) {
      if (isConnectionFailure(error)) throw new ServiceUnavailableError();
    }
    throw mapped;
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // After a deadline the close runs in the background (it may wait for the database).
    if (signal?.aborted) void close();
    else await close();
  }
}

function timeoutFor(mode: 'READ' | 'WRITE'): TimeoutError {
  return mode === 'READ'
    ? new TimeoutError()
    : new TimeoutError('The request took longer than its deadline and was stopped; a write that was already committing may still apply, so check the history before retrying.');
}

function isConnectionFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /connect|ECONNREFUSED|socket|Pool is closed|acquisition timed out/i.test(message);
}

/** Integers become JS numbers when safe; nested values are converted recursively. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (isNode(value)) return toPlain(value.properties);
  if (isRelationship(value)) return { ...(toPlain(value.properties) as Row), type: value.type };
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object' && value.constructor === Object) {
    const out: Row = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toPlain(inner);
    return out;
  }
  return value;
}

/** Whole JS numbers go to Neo4j as integers (LIMIT/SKIP need them); the rest as they are. */
export function toNeo4jParameters(parameters: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(parameters)) out[key] = toNeo4jValue(value);
  return out;
}

function toNeo4jValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jValue);
  if (value && typeof value === 'object' && value.constructor === Object) return toNeo4jParameters(value as Row);
  return value;
}
