import { runInTransaction, runTransaction, type CypherQuery, type QueryRunner, type Row } from '../../database/runQuery.js';
import type { EntityLabel } from '../entity/relationshipTypes.js';
import { lockChangeLog, writeImportChanges } from './curation.cypher.js';
import type { ChangeTargetKind } from './curation.model.js';

/**
 * The change feed holds every write, whatever made it: curation records its changes in its
 * own transaction (curationTransaction.ts); imports (seeds/ and the open-data connectors)
 * record theirs here, in the transaction of each batch they write, numbered in the same
 * order. An import's change names its subject, what it did (created or updated) and which
 * fields changed; it carries no before/after values and no citations (an import can write a
 * million entries: the subject itself, read through the API, is the after, with its sources).
 *
 * The batch transaction takes the change log's lock first, like curation does, so changes are
 * numbered in commit order and the two never wait on each other's entities in turn.
 */
export interface ImportedChange {
  action: 'CREATED' | 'UPDATED' | 'RETIRED';
  targetKind: ChangeTargetKind;
  target: string;
  /** Public field names, as in EntityFieldsInput / RelationshipFieldsInput (see publicFieldsOf). */
  fields: string[];
  /** A retired relationship's successor (the key it was renamed to). */
  related?: string | null;
  /** Why it was retired. */
  note?: string;
}

/** Who made an import's changes, as the feed's `author` shows it (e.g. `import of seeds`). */
export type ImportOrigin = string;

/**
 * Runs one batch of an import in a write transaction and records the changes it reports.
 * `work` runs the batch's queries through `run` and returns its result and its changes.
 */
export async function writeRecordedBatch<T>(
  runner: QueryRunner,
  origin: ImportOrigin,
  queries: CypherQuery[],
  work: (run: (query: CypherQuery, parameters: Row) => Promise<Row[]>) => Promise<{ result: T; changes: ImportedChange[] }>,
): Promise<T> {
  return runTransaction(
    runner,
    'WRITE',
    async (tx) => {
      const [lock] = await runInTransaction(tx, lockChangeLog);
      const last = lock!.sequence as number;
      const { result, changes } = await work((query, parameters) => runInTransaction(tx, query, parameters));
      if (changes.length > 0) {
        const at = new Date().toISOString();
        const records = changes.map((change, index) => importChangeRecord(change, last + index + 1, at, origin));
        await runInTransaction(tx, writeImportChanges, { last: last + changes.length, changes: records });
      }
      return result;
    },
    [lockChangeLog, ...queries, writeImportChanges],
  );
}

/**
 * An import's change as stored: only what the feed shows (a million of them may be written in
 * one import, so no id, which is derived from the sequence, and no citations, which the subject
 * holds); absent properties are those of a change made with a key (author key, states, note).
 */
function importChangeRecord(change: ImportedChange, sequence: number, at: string, origin: ImportOrigin): Row {
  return {
    sequence,
    at,
    action: change.action,
    targetKind: change.targetKind,
    target: change.target,
    author: origin,
    fields: [...new Set(change.fields)].sort(),
    ...(change.related ? { related: change.related } : {}),
    ...(change.note ? { note: change.note } : {}),
  };
}

/** Stored properties that are derived or bookkeeping, never shown as a changed field. */
const INTERNAL = new Set([
  'contentHash', 'importedHash', 'importedSeq', 'sortName', 'searchText', 'startFrom', 'startTo', 'endTo', 'sinceFrom', 'untilTo',
  'version', 'workYears', 'workCounts', 'topicNames', 'label', 'id',
]);

/** The public name of a stored property of an entity of `label` (or of a relationship or source when null). */
function publicName(label: EntityLabel | null, property: string): string | null {
  if (INTERNAL.has(property) || property.startsWith('enriched')) return null;
  if (property === 'aliasesFr' || property === 'aliasesEn') return 'aliases';
  if (property === 'nameFr' || property === 'nameEn') return 'names';
  if (property === 'citations') return 'sources';
  if (label === null) return property;
  if (property === 'start') return { Organization: 'founded', Project: 'started', Event: 'date', Label: 'year', Person: null }[label];
  if (property === 'end') return { Organization: 'ceased', Project: 'ended', Event: 'endDate', Label: null, Person: null }[label];
  return property;
}

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * The keys whose values differ between `before` and `after`: for a creation (`before` null),
 * the keys `after` sets; keys only in `before` when `withRemoved` (a state recorded whole).
 */
export function differingKeys(before: Row | null, after: Row, withRemoved = false): string[] {
  const keys = new Set([...Object.keys(after), ...(withRemoved && before ? Object.keys(before) : [])]);
  return [...keys].filter((key) => (before === null ? !isEmpty(after[key]) : JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)));
}

/**
 * The public fields that differ between what was stored (`before`, null when created) and what
 * is written (`after`), sorted and without repeats. Properties absent from `after` are kept by
 * the write (`SET +=`), so they are not changes.
 */
export function changedFields(label: EntityLabel | null, before: Row | null, after: Row): string[] {
  const fields = differingKeys(before, after).flatMap((property) => publicName(label, property) ?? []);
  return [...new Set(fields)].sort();
}
