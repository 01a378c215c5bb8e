import type { Context } from '../context.js';
import type { QueryRunner } from '../database/runQuery.js';
import { findEntity, requireEntityKey } from '../domains/entity/entityLookup.js';
import { LABEL_OF_KIND } from '../domains/entity/entity.model.js';
import type { EntityLabel, RelationshipTypeName } from '../domains/entity/relationshipTypes.js';
import { WHOLE_RECORDS, type PropertySelection } from '../domains/entity/entity.repository.js';
import { entityPropertiesFor, relationshipPropertiesFor } from '../domains/entity/storedProperties.js';
import { selectedFields, type SelectionInfo } from '../domains/shared/selectsField.js';
import { checkRange } from '../domains/shared/checkRange.js';
import { egoNetwork, withDegrees } from './egoNetwork.js';
import type { ExportedSubgraph, ExportMeta } from './export/formats.js';
import { NOW, type SubgraphRecord, type TimeSlice } from './network.model.js';
import type { MapRanking, MeasuredNetwork, MetricsCache } from './metricsCache.js';
import { findDegreesOnDay, findEgoStep, findGraphVersion, findMapRanking, findPartnershipGraph, findReachesBeyond, findRelationshipsAmong, withProperties, type MapSearch } from './network.repository.js';

/**
 * The two subgraphs served both through GraphQL and as file exports, with their argument
 * checks in one place: the ecosystem map and the ego network of an entity.
 */
export interface SubgraphFilter {
  /** EntityKind values. */
  entityTypes?: string[] | null;
  themes?: string[] | null;
  /** Labels (global ids, keys or slugs): only entities that received one, and those labels. */
  labels?: string[] | null;
  types?: string[] | null;
  asOf?: string | null;
  /** Only relationships a source dates (TimeSlice). */
  datedOnly?: boolean | null;
}

/**
 * What a subgraph's nodes and edges need from the database for the fields the operation asks
 * (storedProperties.ts): a map that shows keys and types need not read every name, alias and
 * citation of hundreds of entities.
 */
export function subgraphProjection(info: SelectionInfo): PropertySelection {
  return { entityKeys: entityPropertiesFor(selectedFields(info, ['nodes', 'entity'])), relationshipKeys: relationshipPropertiesFor(selectedFields(info, ['edges'])) };
}

/** The slice of time a filter asks for. */
export const sliceOf = (filter: { asOf?: string | null; datedOnly?: boolean | null }): TimeSlice => ({ asOf: filter.asOf ?? null, datedOnly: filter.datedOnly ?? false });

/** Kinds (EntityKind values) as labels; null when none are asked for (no filter). */
export const labelsOf = (kinds?: readonly string[] | null): EntityLabel[] | null =>
  kinds && kinds.length > 0 ? kinds.map((kind) => LABEL_OF_KIND[kind]!) : null;
/** A list filter: null when empty or absent (no filter). */
export const nonEmpty = (values?: string[] | null): string[] | null => (values && values.length > 0 ? values : null);

export async function ecosystemMapOf(context: Context, filter: SubgraphFilter, limit: number, projection: PropertySelection = WHOLE_RECORDS): Promise<SubgraphRecord> {
  checkRange('limit', limit, 1, 2000);
  const received = nonEmpty(filter.labels);
  return mapSubgraph(
    context.runner,
    {
      labels: labelsOf(filter.entityTypes),
      themes: nonEmpty(filter.themes)?.map((theme) => theme.toLowerCase()) ?? null,
      received: received ? await Promise.all(received.slice(0, 50).map((label) => requireEntityKey(label, 'filter.labels', context))) : null,
      types: nonEmpty(filter.types),
      ...sliceOf(filter),
      limit,
    },
    context.metrics,
    projection,
  );
}

/**
 * A map: the `limit` most connected entities matching the filter and the relationships among
 * them. Ranking reads every entity of the graph, so the ranking of each filter is kept per
 * data version. When the graph's structure at the current version is in memory (adjacency.ts),
 * the relationships among the ranked entities are found there, and only what the operation
 * shows of them is read (nothing for keys and types). Else a map whose ranking is known costs
 * one query (the entities and relationships, which also reads the version; a changed version
 * means ranking again).
 */
export async function mapSubgraph(runner: QueryRunner, search: MapSearch, rankings: MetricsCache, projection: PropertySelection = WHOLE_RECORDS): Promise<SubgraphRecord> {
  const { asOf, datedOnly, ...rankingSearch } = search;
  const { types } = search;
  const key = JSON.stringify(rankingSearch);
  const structure = rankings.structureAt(runner.db, await findGraphVersion(runner));
  if (structure) {
    let ranking = rankings.ranking(key);
    if (ranking?.version !== structure.version) {
      ranking = await findMapRanking(runner, rankingSearch);
      rankings.keepRanking(key, ranking);
    }
    // A write between the two reads: the ranking is newer than the structure; Cypher answers below.
    if (ranking.version === structure.version) {
      const found = await withProperties(runner, structure.among(ranking.ids.slice(0, search.limit), { types, asOf, datedOnly }), projection);
      return withDegrees(found.entities, found.relationships, ranking.ids.length > search.limit);
    }
  }
  const read = (ranking: MapRanking) => findRelationshipsAmong(runner, ranking.ids.slice(0, search.limit), { types, asOf, datedOnly }, undefined, projection);
  let ranking = rankings.ranking(key);
  let subgraph = ranking ? await read(ranking) : null;
  if (!ranking || !subgraph || subgraph.version !== ranking.version) {
    ranking = await findMapRanking(runner, rankingSearch);
    rankings.keepRanking(key, ranking);
    subgraph = await read(ranking);
  }
  return withDegrees(subgraph.entities, subgraph.relationships, ranking.ids.length > search.limit);
}

/** Null when no entity matches `center`. The centre is read whole; the other nodes with the properties `projection` names. */
export async function egoNetworkOf(context: Context, center: string, depth: number, limit: number, filter: SubgraphFilter, projection: PropertySelection = WHOLE_RECORDS): Promise<SubgraphRecord | null> {
  checkRange('depth', depth, 1, 3);
  checkRange('limit', limit, 1, 500);
  const entity = await findEntity(center, context);
  if (!entity) return null;
  const options = { depth, limit, types: nonEmpty(filter.types), labels: labelsOf(filter.entityTypes), ...sliceOf(filter) };
  const egoFilter = { types: options.types, labels: options.labels, asOf: options.asOf, datedOnly: options.datedOnly };
  // The graph's structure in memory at the current version, when it is there: every step without a query.
  const structure = context.metrics.structureAt(context.runner.db, await findGraphVersion(context.runner));
  if (structure) {
    return egoNetwork(entity, options, {
      step: async (ids, cap, kept) => structure.step(ids, cap, kept, egoFilter),
      reachesBeyond: async (ids, kept) => structure.reachesBeyond(ids, kept, egoFilter),
      among: (ids) => withProperties(context.runner, structure.among(ids, egoFilter), projection),
    });
  }
  return egoNetwork(entity, options, {
    step: (ids, cap, kept) => findEgoStep(context.runner, ids, cap, kept, egoFilter),
    reachesBeyond: (ids, kept) => findReachesBeyond(context.runner, ids, kept, egoFilter),
    among: (ids) => findRelationshipsAmong(context.runner, ids, egoFilter, undefined, projection),
  });
}

/** The subgraph with each node's degree in the whole graph (for the file exports), read in one batch, and the measures of `network` (its metrics, cached per data version; null for none). */
export async function withTotalDegrees(context: Context, subgraph: SubgraphRecord, network: MeasuredNetwork | null = 'WHOLE_GRAPH', slice: TimeSlice = NOW): Promise<ExportedSubgraph> {
  const ids = subgraph.nodes.map((node) => node.entity.id);
  // In a slice (a day, or dated links only), the degree and the measures are the slice's, not today's whole graph's.
  const [degrees, metrics] = await Promise.all([
    slice.asOf || slice.datedOnly ? findDegreesOnDay(context.runner, ids, slice) : context.loaders.degree.loadMany(ids),
    network ? context.metrics.of(context.runner, network, slice) : null,
  ]);
  // The network's measures (docs/method.md), the same numbers centralityRanking gives; none asked (null): left out.
  const measured = new Map((metrics?.ranking ?? []).map((record) => [record.entityId, record]));
  return {
    ...subgraph,
    nodes: subgraph.nodes.map((node, index) => {
      const degree = degrees[index];
      if (degree instanceof Error) throw degree;
      const record = measured.get(node.entity.id);
      return { ...node, totalDegree: degree ?? node.degree, neighbours: record?.degree ?? null, betweenness: record?.betweenness ?? null, community: record?.community ?? null };
    }),
  };
}

/**
 * The organisations' partnership network (or its co-publications alone) as a subgraph to
 * export: every organisation, and one undirected PARTNERSHIP link per pair of partners, weighing
 * the pair's strength (as `partners` and `centralityRanking(network:)` give it) and citing
 * every source of its evidence.
 */
export async function partnershipNetworkOf(
  context: Context,
  network: Exclude<MeasuredNetwork, 'WHOLE_GRAPH'>,
  options: { limit?: number; slice?: TimeSlice } = {},
): Promise<SubgraphRecord> {
  const slice = options.slice ?? NOW;
  const whole = await findPartnershipGraph(context.runner, network === 'CO_PUBLICATIONS' ? ['CO_PUBLICATION'] : null, slice);
  // With a limit: the organisations of greatest strength in this network (its ranking), and the links among them.
  const kept = options.limit === undefined ? null : new Set((await context.metrics.of(context.runner, network, slice)).ranking.slice(0, options.limit).map((record) => record.entityId));
  const graph = kept
    ? { organizations: whole.organizations.filter((id) => kept.has(id)), links: whole.links.filter((link) => kept.has(link.from) && kept.has(link.to)) }
    : whole;
  const truncated = kept !== null && whole.organizations.length > kept.size;
  const [entities, evidence] = await Promise.all([context.loaders.entityById.loadMany(graph.organizations), context.network.partnerEvidence.loadMany(graph.organizations)]);
  const citationsOf = new Map<string, Set<string>>();
  graph.organizations.forEach((id, index) => {
    const items = evidence[index];
    if (!items || items instanceof Error) return;
    for (const item of items) {
      if (network === 'CO_PUBLICATIONS' && item.kind !== 'CO_PUBLICATION') continue;
      const pair = id < item.partnerId ? `${id}~${item.partnerId}` : `${item.partnerId}~${id}`;
      const cited = citationsOf.get(pair) ?? new Set<string>();
      for (const relationship of item.relationships) for (const citation of relationship.citations ?? []) cited.add(citation);
      citationsOf.set(pair, cited);
    }
  });
  const degree = new Map<string, number>();
  for (const link of graph.links) for (const end of [link.from, link.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const nodes = entities.flatMap((entity) => (entity && !(entity instanceof Error) ? [{ entity, degree: degree.get(entity.id) ?? 0, distance: null }] : []));
  const edges = graph.links.map((link) => ({
    id: `${link.from}~${link.to}`,
    type: 'PARTNERSHIP' as RelationshipTypeName,
    fromId: link.from,
    toId: link.to,
    role: null, since: null, until: null, sinceFrom: null, untilTo: null, amount: null, currency: null, note: null,
    strength: link.strength,
    citations: [...(citationsOf.get(`${link.from}~${link.to}`) ?? [])].sort(),
  }));
  return { nodes, edges, truncated };
}

/** An export's provenance (what, which filters, when, which data version), read at the moment the file is made. */
export async function exportMeta(context: Context, title: string, filters: string): Promise<ExportMeta> {
  return { title, filters, exportedAt: new Date().toISOString(), dataVersion: await findGraphVersion(context.runner), method: 'docs/method.md of the API (neighbours, betweenness, community)' };
}
