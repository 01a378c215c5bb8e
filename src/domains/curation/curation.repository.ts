import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { allApiKeys, apiKeyById, changeFeed, changesBySequence, changeFeedCount, changeFeedHead, historyCount, historyOf, revokeApiKey, saveApiKey } from './curation.cypher.js';
import type { ApiKeyRecord, ChangeRecord, Role } from './curation.model.js';

/** The stored key with this id (revoked or not); null when none. */
export async function findApiKey(runner: QueryRunner, id: string): Promise<ApiKeyRecord | null> {
  const [row] = await runQuery(runner, apiKeyById, { id });
  return (row?.key as ApiKeyRecord | undefined) ?? null;
}

/** Every key, oldest first (hashes included: callers show only the public fields). */
export async function listApiKeys(runner: QueryRunner): Promise<ApiKeyRecord[]> {
  return (await runQuery(runner, allApiKeys)).map((row) => row.key as ApiKeyRecord);
}

/** Creates the key, or replaces the hash, name and role of the active key with this id; a revoked key is returned as it is (still revoked). */
export async function storeApiKey(runner: QueryRunner, key: { id: string; name: string; role: Role; hash: string }): Promise<ApiKeyRecord> {
  const [row] = await runQuery(runner, saveApiKey, { ...key, at: new Date().toISOString() });
  return row!.key as ApiKeyRecord;
}

/**
 * Revokes a key; null when no key has this id. Revoking twice keeps the first date. The last
 * active ADMIN key is not revoked: `last` is then true and the key is returned unchanged.
 */
export async function revokeStoredApiKey(runner: QueryRunner, id: string): Promise<{ key: ApiKeyRecord; last: boolean } | null> {
  const [row] = await runQuery(runner, revokeApiKey, { id, at: new Date().toISOString() });
  return row ? { key: row.key as ApiKeyRecord, last: row.last === true } : null;
}

/** A stored change; an import's changes have no stored id (importChangeLog.ts): it is derived from the sequence. */
function changeOf(stored: ChangeRecord): ChangeRecord {
  return { ...stored, id: stored.id ?? `change-${stored.sequence}` };
}

/** Changes by key (`change-<sequence>`), in the order of `keys`; null for an unknown or malformed key. */
export async function findChangesByKeys(runner: QueryRunner, keys: readonly string[]): Promise<Array<ChangeRecord | null>> {
  const sequenceOf = (key: string) => (/^change-[1-9]\d{0,14}$/.test(key) ? Number(key.slice('change-'.length)) : null);
  const sequences = keys.map(sequenceOf).filter((sequence): sequence is number => sequence !== null);
  const rows = sequences.length ? await runQuery(runner, changesBySequence, { sequences }) : [];
  const byKey = new Map(rows.map((row) => changeOf(row.change as ChangeRecord)).map((change) => [change.id, change]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Changes about a key (and the keys merged into it), after a sequence number, oldest first. */
export async function findHistory(runner: QueryRunner, target: string, afterSequence: number, limit: number): Promise<ChangeRecord[]> {
  const rows = await runQuery(runner, historyOf, { target, afterSequence, limit });
  return rows.map((row) => changeOf(row.change as ChangeRecord));
}

/** The change feed: changes after a sequence number (and at or after an instant), oldest first. */
export async function findChanges(runner: QueryRunner, since: string | null, afterSequence: number, limit: number): Promise<ChangeRecord[]> {
  const rows = await runQuery(runner, changeFeed, { since, afterSequence, limit });
  return rows.map((row) => changeOf(row.change as ChangeRecord));
}

/** The sequence number of the latest change (0 before any). */
export async function findChangeFeedHead(runner: QueryRunner): Promise<number> {
  const [row] = await runQuery(runner, changeFeedHead);
  return Number(row?.head ?? 0);
}

/** How many changes the feed (since `since`) or the history of `target` holds. */
export async function countChanges(runner: QueryRunner, filter: { since: string | null } | { target: string }): Promise<number> {
  const [row] = 'target' in filter ? await runQuery(runner, historyCount, filter) : await runQuery(runner, changeFeedCount, filter);
  return (row?.total as number) ?? 0;
}
