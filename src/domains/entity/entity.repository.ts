import { runQuery, type QueryRunner } from '../../database/runQuery.js';
import { foldForSearch } from '../shared/foldForSearch.js';
import {
  relationshipsByIds,
  claimsAbout, degreesOf, entitiesByIds, entitiesBySlugs, type IDENTIFIER_PROPERTIES, listEntities, organizationByIdentifier, relationshipPages, relationshipsOfEntities, searchEntities, FOLDED_LETTERS,
} from './entity.cypher.js';
import type { ClaimRecord, EntityRecord, RelationshipRecord } from './entity.model.js';
import { RELATIONSHIP_TYPES, type EntityLabel } from './relationshipTypes.js';
import type { KeysetRequest } from '../shared/keysetConnection.js';

/** Entities by key, in the order of `ids`; null for a key no entity has (a merged key gives the entity it was merged into). */
export async function findEntitiesByIds(runner: QueryRunner, ids: readonly string[]): Promise<Array<EntityRecord | null>> {
  const rows = await runQuery(runner, entitiesByIds, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [row.id as string, row.entity as EntityRecord]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Entities of one kind by slug, in the order of `slugs`; null where none has it. */
/** The organisation holding this identifier; null when none does. */
export async function findOrganizationByIdentifier(runner: QueryRunner, scheme: keyof typeof IDENTIFIER_PROPERTIES, value: string): Promise<EntityRecord | null> {
  const [row] = await runQuery(runner, organizationByIdentifier[scheme], { value });
  return (row?.entity as EntityRecord | undefined) ?? null;
}

export async function findEntitiesBySlugs(runner: QueryRunner, label: EntityLabel, slugs: readonly string[]): Promise<Array<EntityRecord | null>> {
  const rows = await runQuery(runner, entitiesBySlugs[label], { slugs: [...slugs] });
  const bySlug = new Map(rows.map((row) => [(row.entity as EntityRecord).slug, row.entity as EntityRecord]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

export interface Links {
  relationships: RelationshipRecord[];
  others: EntityRecord[];
}

/**
 * Every relationship of each entity (ordered by type, then by the other end's name) and
 * the entities at their other ends. An unknown key gets empty lists.
 */
export async function findRelationshipsOf(runner: QueryRunner, ids: readonly string[]): Promise<Links[]> {
  const rows = await runQuery(runner, relationshipsOfEntities, { ids: [...ids] });
  const byId = new Map<string, Links>();
  for (const row of rows) {
    const links = row.links as Array<{ relationship: RelationshipRecord; other: EntityRecord }>;
    byId.set(row.id as string, { relationships: links.map((l) => l.relationship), others: links.map((l) => l.other) });
  }
  return ids.map((id) => byId.get(id) ?? { relationships: [], others: [] });
}

/** Which relationships of an entity a field shows, and which page of them. */
export interface RelationshipPageRequest {
  types: string[] | null;
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
  labels: EntityLabel[] | null;
  role: string | null;
  asOf: string | null;
  /** Read forward after `key` or backward before it (null: from the start, or from the end). */
  reading: 'FORWARD' | 'BACKWARD';
  key: unknown[] | null;
  limit: number;
  /** Count every match too (only when the client asks for totalCount). */
  withTotal: boolean;
  /** Stored properties to read of the entities at the other ends (null: all, and they may be cached as whole records). */
  entityKeys: string[] | null;
  /** Stored properties to read of the relationships (null: all). */
  relationshipKeys: string[] | null;
}

export interface RelationshipPage {
  /** Null when not asked for. */
  total: number | null;
  /** Each row's sort key, in the order read (its cursor). */
  keys: unknown[][];
  relationships: RelationshipRecord[];
  others: EntityRecord[];
}

type PartialRecord = Record<string, unknown> & { values: unknown[] };

/**
 * The stored properties a read projects (storedProperties.ts): only these keys of each entity
 * and relationship, besides their key, kind, type and ends; null for every property.
 */
export interface PropertySelection {
  entityKeys: string[] | null;
  relationshipKeys: string[] | null;
}

/** Every property: what exports and other whole reads need. */
export const WHOLE_RECORDS: PropertySelection = { entityKeys: null, relationshipKeys: null };

/** A record read with only some properties (`values`, in the order of `keys`) as an object with those properties. */
export function withValues<T>(record: T | PartialRecord, keys: string[] | null): T {
  if (!keys) return record as T;
  // One object per record, written in place: pages of a nested read hold tens of thousands.
  const partial = record as PartialRecord;
  const out: Record<string, unknown> = {};
  for (const name in partial) if (name !== 'values') out[name] = partial[name];
  keys.forEach((key, index) => (out[key] = partial.values[index] ?? null));
  return out as T;
}

/**
 * One page of matching relationships per entity, in the order of `ids`; empty for unknown
 * ids. With `entityKeys` or `relationshipKeys`, the records carry only those properties.
 */
export async function findRelationshipPages(runner: QueryRunner, ids: readonly string[], request: RelationshipPageRequest): Promise<RelationshipPage[]> {
  const { withTotal, reading, ...parameters } = request;
  const query = relationshipPages[reading][withTotal ? 'counted' : 'uncounted'][request.direction];
  const rows = await runQuery(runner, query, { ids: [...ids], ...parameters, types: parameters.types ?? RELATIONSHIP_TYPES });
  const byId = new Map<string, RelationshipPage>();
  for (const row of rows) {
    const page = row.page as Array<{ key: unknown[]; relationship: RelationshipRecord | PartialRecord; other: EntityRecord | PartialRecord }>;
    byId.set(row.id as string, {
      total: withTotal ? (row.total as number) : null,
      keys: page.map((link) => link.key),
      relationships: page.map((link) => withValues<RelationshipRecord>(link.relationship, request.relationshipKeys)),
      others: page.map((link) => withValues<EntityRecord>(link.other, request.entityKeys)),
    });
  }
  return ids.map((id) => byId.get(id) ?? { total: withTotal ? 0 : null, keys: [], relationships: [], others: [] });
}

/** Number of relationships of each entity, in the order of `ids` (0 for unknown ids). */
export async function findDegrees(runner: QueryRunner, ids: readonly string[]): Promise<number[]> {
  const rows = await runQuery(runner, degreesOf, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [row.id as string, row.degree as number]));
  return ids.map((id) => byId.get(id) ?? 0);
}

/** Claims about each entity (the disagreeing values of its properties); empty when none. */
export async function findClaimsAbout(runner: QueryRunner, ids: readonly string[]): Promise<ClaimRecord[][]> {
  const rows = await runQuery(runner, claimsAbout, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [row.id as string, row.claims as ClaimRecord[]]));
  return ids.map((id) => byId.get(id) ?? []);
}

export interface EntityListFilter {
  kinds: string[] | null;
  themes: string[] | null;
  city: string | null;
  label: string | null;
  relatedTo: string | null;
  startedAfter: string | null;
  startedBefore: string | null;
  activeOn: string | null;
  /** ISO instant: only entities with a recorded change at or after it. */
  updatedSince: string | null;
}

export type EntityOrder = 'NAME' | 'START_DATE' | 'DEGREE';

/**
 * One page of a list of one kind, read from `request.key` in its direction (up to
 * `request.limit` rows; ask one more to learn whether more follow), each row with its sort key;
 * and the size of the whole list when `withTotal` (else null).
 */
export async function listEntitiesOfKind(
  runner: QueryRunner,
  label: EntityLabel,
  filter: EntityListFilter,
  order: EntityOrder,
  request: Pick<KeysetRequest, 'direction' | 'key' | 'limit'>,
  withTotal = true,
): Promise<{ total: number | null; page: Array<{ entity: EntityRecord; key: unknown[] }> }> {
  const query = listEntities[label][order][request.direction][withTotal ? 'counted' : 'uncounted'];
  const [row] = await runQuery(runner, query, { ...filter, key: request.key, limit: request.limit });
  return { total: withTotal ? ((row?.total as number) ?? 0) : null, page: (row?.page as Array<{ entity: EntityRecord; key: unknown[] }>) ?? [] };
}

/** One page of full-text hits (a Lucene query already escaped by the caller), best first; `typed` is the text as typed, for exact names first. */
export async function searchEntitiesByText(
  runner: QueryRunner,
  query: string,
  labels: EntityLabel[] | null,
  offset: number,
  limit: number,
  typed = '',
): Promise<{ total: number; page: Array<{ entity: EntityRecord; score: number }> }> {
  const [row] = await runQuery(runner, searchEntities, { query, labels, offset, limit, typed: foldForSearch(typed).trim().replace(/\s+/g, ' '), folding: FOLDED_LETTERS });
  return { total: (row?.total as number) ?? 0, page: (row?.page as Array<{ entity: EntityRecord; score: number }>) ?? [] };
}

/** Relationships by key, in the order of `ids`; null where none has it (or an end is retired). */
export async function findRelationshipsByIds(runner: QueryRunner, ids: readonly string[]): Promise<Array<RelationshipRecord | null>> {
  const rows = await runQuery(runner, relationshipsByIds, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [row.id as string, row.relationship as RelationshipRecord]));
  return ids.map((id) => byId.get(id) ?? null);
}
