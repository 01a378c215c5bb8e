import type { Context } from '../context.js';
import { findEntity, requireEntityKey } from '../domains/entity/entityLookup.js';
import { LABEL_OF_KIND } from '../domains/entity/entity.model.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import { checkRange } from '../domains/shared/checkRange.js';
import { egoNetwork, withDegrees } from './egoNetwork.js';
import type { SubgraphRecord } from './network.model.js';
import { findEgoStep, findMapSubgraph, findRelationshipsAmong } from './network.repository.js';

/**
 * The two subgraphs served both through GraphQL and as file exports, with their argument
 * checks in one place: the ecosystem map and the ego network of an entity.
 */
export interface SubgraphFilter {
  kinds?: string[] | null;
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
  const map = await findMapSubgraph(context.runner, {
    labels: labelsOf(filter.kinds),
    themes: nonEmpty(filter.themes)?.map((theme) => theme.toLowerCase()) ?? null,
    received: received ? await Promise.all(received.slice(0, 50).map((label) => requireEntityKey(label, 'filter.labels', context))) : null,
    types: nonEmpty(filter.types),
    asOf: filter.asOf ?? null,
    limit,
  });
  return withDegrees(map.nodes, map.edges, map.truncated);
}

/** Null when no entity matches `center`. */
export async function egoNetworkOf(context: Context, center: string, depth: number, limit: number, filter: SubgraphFilter): Promise<SubgraphRecord | null> {
  checkRange('depth', depth, 1, 3);
  checkRange('limit', limit, 1, 500);
  const entity = await findEntity(center, context);
  if (!entity) return null;
  const options = { depth, limit, types: nonEmpty(filter.types), labels: labelsOf(filter.kinds), asOf: filter.asOf ?? null };
  const egoFilter = { types: options.types, labels: options.labels, asOf: options.asOf };
  return egoNetwork(entity, options, {
    step: (ids, cap) => findEgoStep(context.runner, ids, cap, egoFilter),
    among: (ids) => findRelationshipsAmong(context.runner, ids, egoFilter),
  });
}
