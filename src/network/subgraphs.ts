import type { Context } from '../context.js';
import type { QueryRunner } from '../database/runQuery.js';
import { findEntity, requireEntityKey } from '../domains/entity/entityLookup.js';
import { LABEL_OF_KIND } from '../domains/entity/entity.model.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import { checkRange } from '../domains/shared/checkRange.js';
import { egoNetwork, withDegrees } from './egoNetwork.js';
import type { ExportedSubgraph } from './export/formats.js';
import type { SubgraphRecord } from './network.model.js';
import type { MapRanking, MetricsCache } from './metricsCache.js';
import { findEgoStep, findMapRanking, findReachesBeyond, findRelationshipsAmong, type MapSearch } from './network.repository.js';

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
}

/** Kinds (EntityKind values) as labels; null when none are asked for (no filter). */
export const labelsOf = (kinds?: readonly string[] | null): EntityLabel[] | null =>
  kinds && kinds.length > 0 ? kinds.map((kind) => LABEL_OF_KIND[kind]!) : null;
/** A list filter: null when empty or absent (no filter). */
export const nonEmpty = (values?: string[] | null): string[] | null => (values && values.length > 0 ? values : null);

export async function ecosystemMapOf(context: Context, filter: SubgraphFilter, limit: number): Promise<SubgraphRecord> {
  checkRange('limit', limit, 1, 2000);
  const received = nonEmpty(filter.labels);
  return mapSubgraph(
    context.runner,
    {
      labels: labelsOf(filter.entityTypes),
      themes: nonEmpty(filter.themes)?.map((theme) => theme.toLowerCase()) ?? null,
      received: received ? await Promise.all(received.slice(0, 50).map((label) => requireEntityKey(label, 'filter.labels', context))) : null,
      types: nonEmpty(filter.types),
      asOf: filter.asOf ?? null,
      limit,
    },
    context.metrics,
  );
}

/**
 * A map: the `limit` most connected entities matching the filter and the relationships among
 * them. Ranking reads every entity of the graph, so the ranking of each filter is kept per
 * data version: a map whose ranking is known costs one query (the entities and relationships,
 * which also reads the version; a changed version means ranking again).
 */
export async function mapSubgraph(runner: QueryRunner, search: MapSearch, rankings: MetricsCache): Promise<SubgraphRecord> {
  const { asOf, ...rankingSearch } = search;
  const { types } = search;
  const key = JSON.stringify(rankingSearch);
  const read = (ranking: MapRanking) => findRelationshipsAmong(runner, ranking.ids.slice(0, search.limit), { types, asOf });
  let ranking = rankings.ranking(key);
  let subgraph = ranking ? await read(ranking) : null;
  if (!ranking || !subgraph || subgraph.version !== ranking.version) {
    ranking = await findMapRanking(runner, rankingSearch);
    rankings.keepRanking(key, ranking);
    subgraph = await read(ranking);
  }
  return withDegrees(subgraph.entities, subgraph.relationships, ranking.ids.length > search.limit);
}

/** Null when no entity matches `center`. */
export async function egoNetworkOf(context: Context, center: string, depth: number, limit: number, filter: SubgraphFilter): Promise<SubgraphRecord | null> {
  checkRange('depth', depth, 1, 3);
  checkRange('limit', limit, 1, 500);
  const entity = await findEntity(center, context);
  if (!entity) return null;
  const options = { depth, limit, types: nonEmpty(filter.types), labels: labelsOf(filter.entityTypes), asOf: filter.asOf ?? null };
  const egoFilter = { types: options.types, labels: options.labels, asOf: options.asOf };
  return egoNetwork(entity, options, {
    step: (ids, cap, kept) => findEgoStep(context.runner, ids, cap, kept, egoFilter),
    reachesBeyond: (ids, kept) => findReachesBeyond(context.runner, ids, kept, egoFilter),
    among: (ids) => findRelationshipsAmong(context.runner, ids, egoFilter),
  });
}

/** The subgraph with each node's degree in the whole graph (for the file exports), read in one batch. */
export async function withTotalDegrees(context: Context, subgraph: SubgraphRecord): Promise<ExportedSubgraph> {
  const [degrees, metrics] = await Promise.all([context.loaders.degree.loadMany(subgraph.nodes.map((node) => node.entity.id)), context.metrics.get(context.runner)]);
  // The whole graph's measures (docs/method.md), the same numbers centralityRanking gives.
  const measured = new Map(metrics.ranking.map((record) => [record.entityId, record]));
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
