import { runQuery, type QueryRunner } from '../database/runQuery.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import { WHOLE_RECORDS, withValues, type PropertySelection } from '../domains/entity/entity.repository.js';
import type { MapRanking } from './metricsCache.js';
import { NOW, type CandidateEvidenceRecord, type CandidateRecord, type CoPublishingPartnerRecord, type EvidenceKind, type EvidenceRecord, type PartnerRecord, type PathRecord, type TimeSlice } from './network.model.js';
import { allShortestPathsQueries, candidatePage, degreesOnDay, partnershipProjection, coPublicationPage, egoReachesBeyond, egoStep, graphVersion, mapRanking, partnerEvidence, partnerPages, rankedCoPublicationPage, rankedPartnerPages, unconnectedPage, relationshipsAmong, shortestPathQueries, subgraphProperties, wholeGraph } from './network.cypher.js';

/** Partnership evidence of each organisation, in the order of `ids` (empty for unknown ids). */
export async function findPartnerEvidence(runner: QueryRunner, ids: readonly string[]): Promise<EvidenceRecord[][]> {
  const rows = await runQuery(runner, partnerEvidence, { ids: [...ids] });
  const byId = new Map(rows.map((row) => [row.id as string, row.evidence as EvidenceRecord[]]));
  return ids.map((id) => byId.get(id) ?? []);
}

export interface PartnerPageRequest {
  asOf: string | null;
  /** Co-publications: the span of years whose works count (null ends are open). */
  fromYear: number | null;
  toYear: number | null;
  /** Only these kinds of evidence, or null for all. */
  evidenceKinds: EvidenceKind[] | null;
  offset: number;
  limit: number;
}

export interface PartnerPage {
  total: number;
  partners: PartnerRecord[];
}

/** A whole ranking of partners (keys and strengths, strongest first) at a data version. */
export interface PartnerRanking {
  version: number;
  ids: string[];
  strengths: number[];
}

/**
 * One page of ranked partners of each organisation (strongest first), in the order of `ids`;
 * with its whole ranking when it has more than `keepRankingFrom` partners.
 */
export async function findPartnerPages(
  runner: QueryRunner,
  ids: readonly string[],
  request: PartnerPageRequest,
  keepRankingFrom: number,
): Promise<Array<PartnerPage & { ranking: PartnerRanking | null }>> {
  const rows = await runQuery(runner, partnerPages, { ids: [...ids], ...request, keepRankingFrom });
  const byId = new Map(
    rows.map((row) => {
      const ranking = row.ranking as { ids: string[]; strengths: number[] } | null;
      return [row.id as string, { total: row.total as number, partners: row.page as PartnerRecord[], ranking: ranking && { version: row.version as number, ...ranking } }];
    }),
  );
  return ids.map((id) => byId.get(id) ?? { total: 0, partners: [], ranking: null });
}

/** The evidence of given partners of each organisation (a page of a ranking read before), in their order, and the data version read. */
export async function findRankedPartnerPages(
  runner: QueryRunner,
  requests: Array<{ id: string; partners: string[]; strengths: number[] }>,
  request: PartnerPageRequest,
): Promise<Map<string, { partners: PartnerRecord[]; version: number }>> {
  const { asOf, fromYear, toYear, evidenceKinds } = request;
  const rows = await runQuery(runner, rankedPartnerPages, { requests, asOf, fromYear, toYear, evidenceKinds });
  return new Map(rows.map((row) => [row.id as string, { partners: row.page as PartnerRecord[], version: row.version as number }]));
}

export interface CandidateSearch {
  /** Keys of the organisations of the set (at least one). */
  members: string[];
  exclude: string[];
  /** Lower-case kinds and themes to keep, or null for any. */
  kinds: string[] | null;
  themes: string[] | null;
  asOf: string | null;
  /** Only these kinds of evidence count, or null for all. */
  evidenceKinds: EvidenceKind[] | null;
  /** How many of the best to skip (a later page), and how many to return. */
  offset?: number;
  limit: number;
}

/** The best candidates to complete a set, ranked (rank 1 first), each with its entity and its evidence per member. */
export async function findCandidates(runner: QueryRunner, search: CandidateSearch): Promise<Array<CandidateRecord & { organization: EntityRecord }>> {
  const offset = search.offset ?? 0;
  const rows = await runQuery(runner, candidatePage, { ...search, offset, fromYear: null, toYear: null });
  return rows.map((row, index) => {
    const organization = row.organization as EntityRecord;
    return {
      organization,
      organizationId: organization.id,
      connectedTo: row.connectedTo as number,
      strength: row.strength as number,
      rank: offset + index + 1,
      evidence: row.evidence as CandidateEvidenceRecord[],
    };
  });
}

/** The organisations, and each pair of partners once with its strength. */
export interface PartnershipGraph {
  organizations: string[];
  links: Array<{ from: string; to: string; strength: number }>;
}

/** The whole partnership network between organisations (`evidenceKinds`: only those kinds; null for all), as `partners` weighs it, in a slice of time. */
export async function findPartnershipGraph(runner: QueryRunner, evidenceKinds: EvidenceKind[] | null, slice: TimeSlice = NOW): Promise<PartnershipGraph> {
  const rows = await runQuery(runner, partnershipProjection, { ...slice, fromYear: null, toYear: null, evidenceKinds });
  const links = rows.flatMap((row) => (row.partners as Array<{ partner: string; strength: number }>).filter((link) => link.strength > 0).map((link) => ({ from: row.id as string, to: link.partner, strength: Number(link.strength) })));
  return { organizations: rows.map((row) => row.id as string), links };
}

export interface PathSearch {
  from: string;
  to: string;
  maxHops: number;
  types: string[] | null;
  asOf: string | null;
  limit: number;
}

/** Shortest paths (one, or all of the shortest length) between two entities; empty when none. */
export async function findShortestPaths(runner: QueryRunner, search: PathSearch, all: boolean): Promise<PathRecord[]> {
  const query = (all ? allShortestPathsQueries : shortestPathQueries)[search.maxHops - 1]!;
  const rows = await runQuery(runner, query, { ...search });
  return rows.map((row) => ({ nodes: row.nodes as EntityRecord[], relationships: row.relationships as RelationshipRecord[] }));
}

export interface MapSearch {
  labels: EntityLabel[] | null;
  themes: string[] | null;
  /** Keys of labels: only their recipients, and the labels themselves. */
  received: string[] | null;
  types: string[] | null;
  asOf: string | null;
  datedOnly: boolean;
  limit: number;
}

/**
 * The keys of the `limit` + 1 most connected entities matching a map filter, best first, and
 * the data version read. With `types`, only entities with relationships of those types, ranked
 * by how many they have.
 */
export async function findMapRanking(runner: QueryRunner, search: Omit<MapSearch, 'asOf' | 'datedOnly'>): Promise<MapRanking> {
  const [row] = await runQuery(runner, mapRanking, { ...search });
  return { ids: (row?.ids as string[]) ?? [], version: (row?.version as number) ?? 0 };
}

export interface LightGraph {
  nodes: Array<{ id: string; label: EntityLabel; targets: string[] }>;
}

/** Every entity with the ids its outgoing relationships point to (those of the slice). */
export async function findWholeGraph(runner: QueryRunner, slice: TimeSlice = NOW): Promise<LightGraph> {
  const rows = await runQuery(runner, wholeGraph, { ...slice });
  return { nodes: rows.map((row) => ({ id: row.id as string, label: row.label as EntityLabel, targets: row.targets as string[] })) };
}

/** The data version, bumped by every import or edit. */
export async function findGraphVersion(runner: QueryRunner): Promise<number> {
  const [row] = await runQuery(runner, graphVersion);
  return (row?.version as number) ?? 0;
}

/** What an ego network keeps: relationship types, a slice of time, kinds of entity. */
export interface EgoFilter extends TimeSlice {
  types: string[] | null;
  labels: EntityLabel[] | null;
}

/** A set of keys as Cypher looks it up fast: a map from each key to true (`$set[key]`, where `key IN $list` scans the list). */
const keySet = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, true]));

/** Above this many outgoing relationships, an entity's relationships are never all read to find those among a set. */
const EXPAND_LIMIT = 2_000;

/**
 * The keys at the other ends of at most `cap` matching relationships of each entity, leaving
 * out the entities of `kept`, in the order of `ids`.
 */
export async function findEgoStep(runner: QueryRunner, ids: readonly string[], cap: number, kept: readonly string[], filter: EgoFilter): Promise<string[][]> {
  const rows = await runQuery(runner, egoStep, { ids: [...ids], cap, kept: keySet(kept), ...filter });
  const byId = new Map(rows.map((row) => [row.id as string, row.otherIds as string[]]));
  return ids.map((id) => byId.get(id) ?? []);
}

/** Whether any of `ids` has a matching relationship to an entity that is not in `kept`. */
export async function findReachesBeyond(runner: QueryRunner, ids: readonly string[], kept: readonly string[], filter: EgoFilter): Promise<boolean> {
  const [row] = await runQuery(runner, egoReachesBeyond, { ids: [...ids], kept: keySet(kept), ...filter });
  return row?.reaches === true;
}

/**
 * The entities of `ids` (those that exist, in the order of `ids`), the matching relationships
 * whose two ends are among them, and the data version they were read at; with only the
 * properties `projection` names (all by default). `expandLimit`: the number of outgoing
 * relationships above which a member is joined to each other member instead of read in full
 * (both ways give the same answer).
 */
export async function findRelationshipsAmong(
  runner: QueryRunner,
  ids: readonly string[],
  { types, asOf, datedOnly }: Pick<EgoFilter, 'types' | 'asOf' | 'datedOnly'>,
  expandLimit = EXPAND_LIMIT,
  projection: PropertySelection = WHOLE_RECORDS,
): Promise<{ entities: EntityRecord[]; relationships: RelationshipRecord[]; version: number }> {
  const { entityKeys, relationshipKeys } = projection;
  const [row] = await runQuery(runner, relationshipsAmong, { ids: [...ids], kept: keySet(ids), expandLimit, types, asOf, datedOnly, entityKeys, relationshipKeys });
  return {
    entities: ((row?.entities as EntityRecord[]) ?? []).map((entity) => withValues<EntityRecord>(entity, entityKeys)),
    relationships: ((row?.relationships as RelationshipRecord[]) ?? []).map((relationship) => withValues<RelationshipRecord>(relationship, relationshipKeys)),
    version: (row?.version as number) ?? 0,
  };
}

/**
 * The properties a subgraph found in memory shows (`projection`): its entities and relationships
 * as they are, when the operation asks for nothing but keys, kinds, types and ends (no query);
 * else read from Neo4j by key, in the same order.
 */
export async function withProperties(
  runner: QueryRunner,
  found: { entities: EntityRecord[]; relationships: RelationshipRecord[] },
  projection: PropertySelection,
): Promise<{ entities: EntityRecord[]; relationships: RelationshipRecord[] }> {
  const { entityKeys, relationshipKeys } = projection;
  const readEntities = entityKeys === null || entityKeys.length > 0;
  const readRelationships = (relationshipKeys === null || relationshipKeys.length > 0) && found.relationships.length > 0;
  if (!readEntities && !readRelationships) return found;
  const [row] = await runQuery(runner, subgraphProperties, {
    ids: readEntities ? found.entities.map((entity) => entity.id) : [],
    links: readRelationships ? found.relationships.map((relationship) => [relationship.fromId, relationship.toId, relationship.id]) : [],
    entityKeys,
    relationshipKeys,
  });
  return {
    entities: readEntities ? ((row?.entities as EntityRecord[]) ?? []).map((entity) => withValues<EntityRecord>(entity, entityKeys)) : found.entities,
    relationships: readRelationships ? ((row?.relationships as RelationshipRecord[]) ?? []).map((relationship) => withValues<RelationshipRecord>(relationship, relationshipKeys)) : found.relationships,
  };
}

export interface CoPublicationSearch {
  organization: string;
  fromYear: number | null;
  toYear: number | null;
  asOf: string | null;
  /** Topic names, or null for any. */
  topics: string[] | null;
  offset: number;
  limit: number;
}

/**
 * One page of an organisation's co-publishing partners, most works (in the years asked) first,
 * and their total; with the whole ranking (keys and works) when there are more than `keepRankingFrom`.
 */
export async function findCoPublications(
  runner: QueryRunner,
  search: CoPublicationSearch,
  keepRankingFrom: number,
): Promise<{ total: number; page: CoPublishingPartnerRecord[]; ranking: PartnerRanking | null }> {
  const { organization, ...rest } = search;
  const [row] = await runQuery(runner, coPublicationPage, { id: organization, ...rest, keepRankingFrom });
  const ranking = row?.ranking as { ids: string[]; strengths: number[] } | null | undefined;
  return { total: (row?.total as number) ?? 0, page: (row?.page as CoPublishingPartnerRecord[]) ?? [], ranking: ranking ? { version: row!.version as number, ...ranking } : null };
}

/** The links of given co-publishing partners of an organisation (a page of a ranking read before), in their order, and the data version read; null when the organisation is gone. */
export async function findRankedCoPublications(
  runner: QueryRunner,
  organization: string,
  partners: string[],
  strengths: number[],
): Promise<{ page: CoPublishingPartnerRecord[]; version: number } | null> {
  const [row] = await runQuery(runner, rankedCoPublicationPage, { id: organization, partners, strengths });
  return row ? { page: row.page as CoPublishingPartnerRecord[], version: row.version as number } : null;
}

/** Organisations of the kinds and themes asked with no link at all with the members, most connected first. */
export async function findUnconnected(runner: QueryRunner, search: Omit<CandidateSearch, 'asOf' | 'evidenceKinds'>): Promise<EntityRecord[]> {
  const rows = await runQuery(runner, unconnectedPage, { members: search.members, exclude: search.exclude, kinds: search.kinds, themes: search.themes, limit: search.limit });
  return rows.map((row) => row.organization as EntityRecord);
}

/** The relationships of each entity in a slice of time (degreesOnDay), in the order of `ids`. */
export async function findDegreesOnDay(runner: QueryRunner, ids: readonly string[], slice: TimeSlice): Promise<number[]> {
  const rows = await runQuery(runner, degreesOnDay, { ids: [...ids], ...slice });
  const byId = new Map(rows.map((row) => [row.id as string, row.degree as number]));
  return ids.map((id) => byId.get(id) ?? 0);
}
