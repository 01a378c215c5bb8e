import type { ManagedTransaction } from 'neo4j-driver';

import { runInTransaction, runTransaction, type CypherQuery, type QueryRunner, type Row } from '../../database/runQuery.js';
import { lockGraph, writeChanges } from './curation.cypher.js';
import type { ChangeRecord, PendingChange, Principal } from './curation.model.js';

/**
 * One curation write: a single Neo4j write transaction that takes the graph's change lock
 * first, runs the work, and records every change the work logged, numbered in order. Any
 * error (bad input found half-way, a conflict, a database failure) rolls all of it back,
 * so the graph is left exactly as it was. The driver may run the work again on a transient
 * error; it holds no state outside the transaction, so that is safe.
 */
export interface CurationTransaction {
  run(query: CypherQuery, parameters?: Row): Promise<Row[]>;
  /** Records a change; `citations` and `note` default to the mutation's. */
  record(change: PendingChange, extra?: { citations?: string[]; note?: string | null }): void;
  /** Sets the citations recorded with every change that does not give its own. */
  cite(citations: string[]): void;
  /** The instant every change of this transaction is stamped with. */
  at: string;
}

export async function inCurationTransaction<T>(
  runner: QueryRunner,
  principal: Principal,
  note: string | null,
  work: (tx: CurationTransaction) => Promise<T>,
): Promise<{ result: T; changes: ChangeRecord[] }> {
  return runTransaction(runner, 'WRITE', async (managed: ManagedTransaction) => {
    const run = async (query: CypherQuery, parameters: Row = {}) => {
      if (runner.stats) runner.stats.roundTrips += 1;
      return runInTransaction(managed, query, parameters);
    };
    const [lock] = await run(lockGraph);
    let sequence = lock!.sequence as number;
    const at = new Date().toISOString();
    const pending: Array<{ change: PendingChange; citations?: string[]; note?: string | null }> = [];
    let citations: string[] = [];
    const tx: CurationTransaction = {
      run,
      at,
      record: (change, extra = {}) => pending.push({ change, ...extra }),
      cite: (cited) => {
        citations = cited;
      },
    };
    const result = await work(tx);
    const changes: ChangeRecord[] = pending.map(({ change, citations: own, note: ownNote }) => {
      sequence += 1;
      return {
        id: `change-${sequence}`,
        sequence,
        at,
        action: change.action,
        targetKind: change.targetKind,
        target: change.target,
        related: change.related ?? null,
        author: principal.name,
        authorKey: principal.keyId,
        before: change.before ? JSON.stringify(change.before) : null,
        after: change.after ? JSON.stringify(change.after) : null,
        citations: own ?? citations,
        note: ownNote === undefined ? note : ownNote,
      };
    });
    await run(writeChanges, { last: sequence, changes: changes as unknown as Row[] });
    return { result, changes };
  });
}
