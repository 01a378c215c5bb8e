import type { QueryRunner } from '../../database/runQuery.js';
import { BadUserInputError, ConflictError } from '../../errors.js';
import { keyPattern } from '../../ingest/importFormat.js';
import { KIND_OF_LABEL, type EntityRecord } from '../entity/entity.model.js';
import type { EntityLabel } from '../entity/relationshipTypes.js';
import { fromGlobalId } from '../shared/globalId.js';
import { keyFromName, resolveCitations, type CitationInput } from './citations.js';
import {
  createEntity, entityForWrite, keyTaken, moveClaims, moveRelationships, redirectMerged, restoreEntity, retireEntity, slugTaken, updateEntity,
} from './curation.cypher.js';
import type { ChangeRecord, Principal } from './curation.model.js';
import { inCurationTransaction, type CurationTransaction } from './curationTransaction.js';
import { applyPatch, entityPropsFrom, fieldsOfRecord, inImportNames, type EntityFields } from './entityFields.js';

/** The outcome of an entity write: the entity as it now is (null once retired) and the changes recorded. */
export interface EntityWrite {
  entity: EntityRecord | null;
  changes: ChangeRecord[];
}

interface Cited {
  sources: CitationInput[];
  note?: string | null;
}

/** Creates an entity of a kind, validated like an import entry. */
export async function createEntityWrite(
  runner: QueryRunner,
  principal: Principal,
  input: Cited & { label: EntityLabel; key?: string | null; fields: Record<string, unknown> },
): Promise<EntityWrite> {
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const citations = await resolveCitations(tx, input.sources);
    tx.cite(citations);
    const fields = applyPatch({}, inImportNames(input.label, input.fields, 'input.fields'));
    const id = input.key ?? (await freeEntityKey(tx, String(fields.name ?? '')));
    if (!keyPattern.test(id)) throw new BadUserInputError('`input.key`: must be lower-case letters, digits and dashes.', { field: 'input.key' });
    const [taken] = await tx.run(keyTaken, { id });
    if (taken!.taken) throw new BadUserInputError(`\`input.key\`: an entity (live or retired) already has the key "${id}".`, { field: 'input.key' });
    const row = entityPropsFrom(input.label, id, fields, citations, 'input.fields');
    await checkSlugFree(tx, input.label, id, row.props.slug as string, 'input.fields.slug');
    const [created] = await tx.run(createEntity[input.label], { id, props: row.props });
    const entity = created!.entity as EntityRecord;
    tx.record({ action: 'CREATED', targetKind: 'ENTITY', target: id, after: publicState(entity) });
    return entity;
  });
  return { entity: result, changes };
}

/** Changes some properties of an entity, refused when `expectedVersion` is not its version. */
export async function updateEntityWrite(
  runner: QueryRunner,
  principal: Principal,
  input: Cited & { entity: string; expectedVersion: number; set: Record<string, unknown> },
): Promise<EntityWrite> {
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const current = await liveEntity(tx, input.entity, 'input.entity');
    checkVersion(current, input.expectedVersion);
    const citations = await resolveCitations(tx, input.sources);
    tx.cite(citations);
    const fields = applyPatch(fieldsOfRecord(current), inImportNames(current.label, input.set, 'input.set'));
    const row = entityPropsFrom(current.label, current.id, fields, union(current.citations, citations), 'input.set');
    await checkSlugFree(tx, current.label, current.id, row.props.slug as string, 'input.set.slug');
    const [updated] = await tx.run(updateEntity, { id: current.id, props: row.props, version: versionOf(current) + 1 });
    const entity = updated!.entity as EntityRecord;
    tx.record({ action: 'UPDATED', targetKind: 'ENTITY', target: entity.id, before: publicState(current), after: publicState(entity) });
    return entity;
  });
  return { entity: result, changes };
}

/**
 * Merges `absorb` into `keep` (same kind): its relationships and claims move to `keep`,
 * its names become aliases of `keep`, its sources are added, and it is retired with a
 * pointer to `keep`, so its key (and the keys merged into it before) lead to `keep`.
 */
export async function mergeEntitiesWrite(runner: QueryRunner, principal: Principal, input: Cited & { keep: string; absorb: string }): Promise<EntityWrite> {
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const keep = await liveEntity(tx, input.keep, 'input.keep');
    const absorb = await liveEntity(tx, input.absorb, 'input.absorb');
    if (keep.id === absorb.id) throw new BadUserInputError('`input.absorb`: an entity cannot be merged into itself.', { field: 'input.absorb' });
    if (keep.label !== absorb.label) {
      throw new BadUserInputError(`\`input.absorb\`: a ${absorb.label} cannot be merged into a ${keep.label}.`, { field: 'input.absorb' });
    }
    const citations = await resolveCitations(tx, input.sources);
    tx.cite(citations);
    const moved = await tx.run(moveRelationships, { absorb: absorb.id, keep: keep.id });
    for (const row of moved) {
      const relationship = row.relationship as { id: string; fromId: string; toId: string };
      const before = relationship.fromId === keep.id ? { from: absorb.id, to: relationship.toId } : { from: relationship.fromId, to: absorb.id };
      tx.record({ action: 'MOVED', targetKind: 'RELATIONSHIP', target: relationship.id, related: absorb.id, before, after: { from: relationship.fromId, to: relationship.toId } });
    }
    await tx.run(moveClaims, { absorb: absorb.id, keep: keep.id });
    const keptFields = fieldsOfRecord(keep);
    const row = entityPropsFrom(keep.label, keep.id, withNamesOf(keptFields, absorb), union(union(keep.citations, absorb.citations), citations), 'input');
    const [updated] = await tx.run(updateEntity, { id: keep.id, props: row.props, version: versionOf(keep) + 1 });
    const entity = updated!.entity as EntityRecord;
    await tx.run(retireEntity, { id: absorb.id, at: tx.at, mergedInto: keep.id });
    await tx.run(redirectMerged, { from: absorb.id, to: keep.id });
    tx.record({ action: 'ABSORBED', targetKind: 'ENTITY', target: keep.id, related: absorb.id, before: publicState(keep), after: publicState(entity) });
    tx.record({ action: 'MERGED', targetKind: 'ENTITY', target: absorb.id, related: keep.id, before: publicState(absorb) });
    return entity;
  });
  return { entity: result, changes };
}

/** Takes an entity out of every read; it stays, with its relationships, until restored. */
export async function retireEntityWrite(
  runner: QueryRunner,
  principal: Principal,
  input: Cited & { entity: string; expectedVersion?: number | null },
): Promise<EntityWrite> {
  const { changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const current = await liveEntity(tx, input.entity, 'input.entity');
    if (input.expectedVersion !== null && input.expectedVersion !== undefined) checkVersion(current, input.expectedVersion);
    tx.cite(await resolveCitations(tx, input.sources));
    await tx.run(retireEntity, { id: current.id, at: tx.at, mergedInto: null });
    tx.record({ action: 'RETIRED', targetKind: 'ENTITY', target: current.id, before: publicState(current) });
  });
  return { entity: null, changes };
}

/** Brings a retired entity back, with the relationships it kept; a merged one cannot come back. */
export async function restoreEntityWrite(runner: QueryRunner, principal: Principal, input: Cited & { entity: string }): Promise<EntityWrite> {
  const { result, changes } = await inCurationTransaction(runner, principal, input.note ?? null, async (tx) => {
    const id = keyOf(input.entity);
    const [row] = await tx.run(entityForWrite, { id });
    const retired = row!.retired as (EntityRecord & { mergedInto?: string | null }) | null;
    if (!retired) throw new BadUserInputError(`\`input.entity\`: no retired entity has the key "${id.slice(0, 100)}".`, { field: 'input.entity' });
    if (retired.mergedInto) {
      throw new BadUserInputError(`\`input.entity\`: "${id}" was merged into "${retired.mergedInto}"; it cannot be restored on its own.`, { field: 'input.entity' });
    }
    tx.cite(await resolveCitations(tx, input.sources));
    await checkSlugFree(tx, retired.label, retired.id, retired.slug, 'input.entity');
    const [restored] = await tx.run(restoreEntity, { id });
    const entity = restored!.entity as EntityRecord;
    tx.record({ action: 'RESTORED', targetKind: 'ENTITY', target: id, after: publicState(entity) });
    return entity;
  });
  return { entity: result, changes };
}

/** The live entity a reference (global id or key; a merged key leads to its keeper) names, or the client's error. */
export async function liveEntity(tx: CurationTransaction, reference: string, field: string): Promise<EntityRecord> {
  const [row] = await tx.run(entityForWrite, { id: keyOf(reference) });
  const entity = row?.entity as EntityRecord | null;
  if (!entity) throw new BadUserInputError(`\`${field}\`: no entity has the id or key "${reference.slice(0, 100)}".`, { field });
  return entity;
}

function keyOf(reference: string): string {
  const global = fromGlobalId(reference);
  return global && global.type !== 'Source' ? global.key : reference.slice(0, 200);
}

export function versionOf(record: { version?: number | null }): number {
  return record.version ?? 1;
}

function checkVersion(current: EntityRecord, expected: number): void {
  if (versionOf(current) !== expected) {
    throw new ConflictError(
      `"${current.id}" is at version ${versionOf(current)}, not ${expected}: someone changed it since you read it. Read it again and redo your edit.`,
      { currentVersion: versionOf(current) },
    );
  }
}

/** What the history shows of an entity: its editable fields, its kind and its sources. */
function publicState(entity: EntityRecord): EntityFields {
  return { type: KIND_OF_LABEL[entity.label], ...fieldsOfRecord(entity), sources: entity.citations ?? [], version: versionOf(entity) };
}

function union(first: string[] | null | undefined, second: string[]): string[] {
  return [...new Set([...(first ?? []), ...second])];
}

/** The kept entity's fields with the absorbed one's name and aliases added as aliases. */
function withNamesOf(fields: EntityFields, absorbed: EntityRecord): EntityFields {
  const aliases = fields.aliases as { fr: string[]; en: string[] };
  const name = fields.name as string;
  const fr = [...(absorbed.aliasesFr ?? [])];
  const en = [absorbed.name, ...(absorbed.aliasesEn ?? [])];
  return {
    ...fields,
    aliases: {
      fr: union(aliases.fr, fr.filter((alias) => alias !== name)),
      en: union(aliases.en, en.filter((alias) => alias !== name)),
    },
  };
}

async function checkSlugFree(tx: CurationTransaction, label: EntityLabel, id: string, slug: string, field: string): Promise<void> {
  const [row] = await tx.run(slugTaken, { label, id, slug });
  if (row!.taken) throw new BadUserInputError(`\`${field}\`: another ${label} already has the slug "${slug}".`, { field });
}

async function freeEntityKey(tx: CurationTransaction, name: string): Promise<string> {
  const base = keyFromName(name) || 'entity';
  for (let suffix = 1; suffix < 50; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    const [row] = await tx.run(keyTaken, { id: candidate });
    if (!row!.taken) return candidate;
  }
  throw new BadUserInputError('`input.key`: could not make a free key from this name; give one.', { field: 'input.key' });
}
