import type { QueryRunner } from '../../database/runQuery.js';
import { BadUserInputError, ConflictError } from '../../errors.js';
import { checkReferences } from '../../ingest/graphReferences.js';
import { relationshipSchema, type RelationshipSeed } from '../../ingest/importFormat.js';
import { relationshipRow } from '../../ingest/graphRows.js';
import type { RelationshipRecord } from '../entity/entity.model.js';
import type { EntityLabel, RelationshipTypeName } from '../entity/relationshipTypes.js';
import { keyFromName, resolveCitations, type CitationInput } from './citations.js';
import { createRelationship, relationshipForWrite, relationshipKeyTaken, updateRelationship } from './curation.cypher.js';
import type { ChangeRecord, Principal } from './curation.model.js';
import { inCurationTransaction, type CurationTransaction } from './curationTransaction.js';
import { liveEntity, versionOf } from './entityWrites.js';

/** The outcome of a relationship write: the relationships as they now are, and the changes recorded. */
export interface RelationshipWrite {
  relationships: RelationshipRecord[];
  changes: ChangeRecord[];
}

export interface RelationshipInput {
  key?: string | null;
  type: RelationshipTypeName;
  from: string;
  to: string;
  role?: string | null;
  since?: string | null;
  until?: string | null;
  amount?: number | null;
  currency?: string | null;
  note?: string | null;
  planned?: boolean | null;
}

interface Cited {
  sources: CitationInput[];
  note?: string | null;
}

export const MAX_RELATIONSHIPS_PER_CHANGE = 100;

/**
 * Adds relationships, in order, in one transaction: the first invalid one (an unknown
 * end, a kind the type does not allow, a key taken...) stops everything and nothing stays.
 */
export async function addRelationshipsWrite(runner: QueryRunner, principal: Principal, input: Cited & { relationships: RelationshipInput[] }): Promise<RelationshipWrite> {
  const count = input.relationships.length;
  if (count < 1 || count > MAX_RELATIONSHIPS_PER_CHANGE) {
    throw new BadUserInputError(`\`input.relationships\`: give 1 to ${MAX_RELATIONSHIPS_PER_CHANGE} relationships (got ${count}).`, { field: 'input.relationships' });
  }
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const citations = await resolveCitations(tx, input.sources);
    tx.cite(citations);
    const created: RelationshipRecord[] = [];
    for (const [index, relationship] of input.relationships.entries()) {
      const field = `input.relationships.${index}`;
      const from = await liveEntity(tx, relationship.from, `${field}.from`);
      const to = await liveEntity(tx, relationship.to, `${field}.to`);
      const id = relationship.key ?? (await freeRelationshipKey(tx, relationship.type, from.id, to.id));
      const [taken] = await tx.run(relationshipKeyTaken, { id });
      if (taken!.taken) throw new BadUserInputError(`\`${field}.key\`: a relationship already has the key "${id}".`, { field: `${field}.key` });
      const { key: _key, ...fields } = relationship;
      const seed = validRelationship({ ...fields, id, from: from.id, to: to.id }, citations, { [from.id]: from.label, [to.id]: to.label }, field);
      const row = relationshipRow(seed);
      const [stored] = await tx.run(createRelationship[relationship.type], { id, from: from.id, to: to.id, props: withoutEnds(row.props) });
      const record = stored!.relationship as RelationshipRecord;
      tx.record({ action: 'CREATED', targetKind: 'RELATIONSHIP', target: id, after: publicState(record) });
      created.push(record);
    }
    return created;
  });
  return { relationships: result, changes };
}

/** Changes some properties of a relationship, refused when `expectedVersion` is not its version. */
export async function updateRelationshipWrite(
  runner: QueryRunner,
  principal: Principal,
  input: Cited & { relationship: string; expectedVersion?: number | null; set: Record<string, unknown> },
  action: 'UPDATED' | 'ENDED' = 'UPDATED',
): Promise<RelationshipWrite> {
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const [found] = await tx.run(relationshipForWrite, { id: input.relationship.slice(0, 200) });
    const current = found?.relationship as RelationshipRecord | undefined;
    if (!current) throw new BadUserInputError(`\`input.relationship\`: no relationship has the key "${input.relationship.slice(0, 100)}".`, { field: 'input.relationship' });
    if (input.expectedVersion !== null && input.expectedVersion !== undefined && versionOf(current) !== input.expectedVersion) {
      throw new ConflictError(
        `"${current.id}" is at version ${versionOf(current)}, not ${input.expectedVersion}: someone changed it since you read it. Read it again and redo your edit.`,
        { currentVersion: versionOf(current) },
      );
    }
    const citations = await resolveCitations(tx, input.sources);
    tx.cite(citations);
    const fields = { ...editable(current) };
    for (const [name, value] of Object.entries(input.set)) if (value !== undefined) fields[name as keyof typeof fields] = value as never;
    const from = await liveEntity(tx, current.fromId, 'input.relationship');
    const to = await liveEntity(tx, current.toId, 'input.relationship');
    const seed = validRelationship(
      { ...fields, id: current.id, type: current.type, from: from.id, to: to.id },
      [...new Set([...(current.citations ?? []), ...citations])],
      { [from.id]: from.label, [to.id]: to.label },
      'input.set',
    );
    const row = relationshipRow(seed);
    // The import's row leaves `planned` out when false; an edit that makes it done clears the flag.
    const [stored] = await tx.run(updateRelationship[current.type], { id: current.id, props: { planned: null, ...withoutEnds(row.props) }, version: versionOf(current) + 1 });
    const record = stored!.relationship as RelationshipRecord;
    tx.record({ action, targetKind: 'RELATIONSHIP', target: current.id, before: publicState(current), after: publicState(record) });
    return [record];
  });
  return { relationships: result, changes };
}

/** Checks a relationship with the import's schema and rules; reports the first problem at `field`. */
function validRelationship(
  input: Omit<RelationshipInput, 'key'> & { id: string },
  citations: string[],
  labels: Record<string, EntityLabel>,
  field: string,
): RelationshipSeed {
  // `planned: false` is the absence of the flag (the import format only writes `planned: true`).
  const entry = Object.fromEntries(Object.entries({ ...input, planned: input.planned === true ? true : null, sources: citations }).filter(([, value]) => value !== null && value !== undefined));
  const parsed = relationshipSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path[0] === 'sources' ? 'input.sources' : [field, ...issue.path.map(String)].join('.');
    throw new BadUserInputError(`\`${path}\`: ${issue.message}.`, { field: path });
  }
  const sources = new Set(citations.map((citation) => citation.slice(0, citation.indexOf('#'))));
  const problems = checkReferences(
    { sources: [], organizations: [], people: [], projects: [], labels: [], events: [], relationships: [parsed.data], claims: [] },
    { entities: new Map(Object.entries(labels)), sources },
  );
  if (problems.length > 0) throw new BadUserInputError(`\`${field}\`: ${problems[0]!.reason}.`, { field, problems: problems.map((problem) => problem.reason) });
  return parsed.data;
}

function editable(record: RelationshipRecord) {
  return {
    role: record.role ?? null, since: record.since ?? null, until: record.until ?? null,
    amount: record.amount ?? null, currency: record.currency ?? null, note: record.note ?? null,
    planned: record.planned === true ? true : null,
  };
}

function publicState(record: RelationshipRecord) {
  return { type: record.type, from: record.fromId, to: record.toId, ...editable(record), sources: record.citations ?? [], version: versionOf(record) };
}

function withoutEnds(props: Record<string, unknown>): Record<string, unknown> {
  const { from: _from, to: _to, ...rest } = props;
  return rest;
}

async function freeRelationshipKey(tx: CurationTransaction, type: RelationshipTypeName, from: string, to: string): Promise<string> {
  const base = keyFromName(`${from} ${type} ${to}`) || 'relationship';
  for (let suffix = 1; suffix < 50; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    const [row] = await tx.run(relationshipKeyTaken, { id: candidate });
    if (!row!.taken) return candidate;
  }
  throw new BadUserInputError('`input.relationships`: could not make a free key; give one.', { field: 'input.relationships' });
}
