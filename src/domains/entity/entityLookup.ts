import type { Context } from '../../context.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import { fromGlobalId } from '../shared/globalId.js';
import type { EntityRecord } from './entity.model.js';
import { ENTITY_LABELS, type EntityLabel } from './relationshipTypes.js';

/**
 * Finds an entity from what a client may hold: a global id, a key or a slug. Returns null
 * when nothing matches (or when `label` is given and the entity is of another kind).
 */
export async function findEntity(reference: string, context: Context, label?: EntityLabel): Promise<EntityRecord | null> {
  const global = fromGlobalId(reference);
  if (global) {
    if (global.type === 'Source' || global.type === 'Relationship' || global.type === 'Change' || (label && global.type !== label)) return null;
    return ofLabel(await context.loaders.entityById.load(global.key), label);
  }
  if (reference.length > 200) return null;
  const byKey = ofLabel(await context.loaders.entityById.load(reference), label);
  if (byKey) return byKey;
  const labels = label ? [label] : ENTITY_LABELS;
  const bySlug = await Promise.all(labels.map((l) => context.loaders.entityBySlug[l].load(reference)));
  return bySlug.find((entity) => entity !== null) ?? null;
}

function ofLabel(entity: EntityRecord | null, label?: EntityLabel): EntityRecord | null {
  return entity && (!label || entity.label === label) ? entity : null;
}

/** Like findEntity, for filter arguments: an unknown reference is the client's error. */
export async function requireEntityKey(reference: string, argument: string, context: Context): Promise<string> {
  const entity = await findEntity(reference, context);
  if (!entity) throw new BadUserInputError(`\`${argument}\`: no entity has the id, key or slug "${reference.slice(0, 100)}".`, { argument });
  return entity.id;
}

/** The entity a question is about (of `label` when given); NOT_FOUND naming the argument when none matches. */
export async function requireEntity(reference: string, argument: string, context: Context, label?: EntityLabel): Promise<EntityRecord> {
  const entity = await findEntity(reference, context, label);
  if (!entity) throw new NotFoundError(`\`${argument}\`: no ${label ?? 'entity'} has the id, key or slug "${reference.slice(0, 100)}".`);
  return entity;
}

/** The lookup fields of each kind: exactly one of id (a global id: anything else is refused), key and slug; null when none matches. */
export async function lookUp(
  label: EntityLabel,
  args: { id?: string | null; key?: string | null; slug?: string | null },
  context: Context,
): Promise<EntityRecord | null> {
  const { id, key, slug } = args;
  const given = [id, key, slug].filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) throw new BadUserInputError('Give exactly one of `id`, `key` and `slug`.');
  if (id !== null && id !== undefined) {
    const global = globalIdArgument(id);
    return global.type === label ? ofLabel(await context.loaders.entityById.load(global.key), label) : null;
  }
  if (key !== null && key !== undefined) return key.length > 200 ? null : ofLabel(await context.loaders.entityById.load(key), label);
  return slug!.length > 200 ? null : context.loaders.entityBySlug[label].load(slug!);
}

/** `entity(id, key)`: any kind, by exactly one of a global id and a key (which, as it always did, also takes a global id or slug). */
export async function lookUpAny(args: { id?: string | null; key?: string | null }, context: Context): Promise<EntityRecord | null> {
  const { id, key } = args;
  if ((id === null || id === undefined) === (key === null || key === undefined)) throw new BadUserInputError('Give exactly one of `id` and `key`.');
  if (id !== null && id !== undefined) globalIdArgument(id);
  return findEntity((id ?? key)!, context);
}

/** An `id` argument: a global id everywhere; a key given there is the client's mistake, said as such. */
function globalIdArgument(id: string): NonNullable<ReturnType<typeof fromGlobalId>> {
  const global = fromGlobalId(id);
  if (!global) throw new BadUserInputError(`\`id\` takes a global id, as \`id\` fields give it; "${id.slice(0, 100)}" is not one: give a key as \`key\`.`, { argument: 'id' });
  return global;
}
