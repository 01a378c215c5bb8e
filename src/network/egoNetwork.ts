import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import type { SubgraphRecord } from './network.model.js';

/**
 * What the ego network reads, in batches: one step (the keys at the other ends of at most
 * `cap` matching relationships of each entity, leaving out the entities already `kept`, in
 * the order of type then name), whether any of some entities has a matching neighbour
 * outside a set, and, last, the entities of the set kept and the relationships among them.
 */
export interface EgoReader {
  step(ids: string[], cap: number, kept: string[]): Promise<string[][]>;
  reachesBeyond(ids: string[], kept: string[]): Promise<boolean>;
  among(ids: string[]): Promise<{ entities: EntityRecord[]; relationships: RelationshipRecord[] }>;
}

export interface EgoOptions {
  depth: number;
  limit: number;
  types: string[] | null;
  labels: EntityLabel[] | null;
  asOf: string | null;
}

/**
 * Breadth-first neighbourhood of `center`: one batched read per level, then one for the
 * entities kept and the relationships among them. Nodes are added nearest first until
 * `limit`; then the subgraph is marked truncated. No entity gives more new neighbours than
 * the room left plus one (the one more tells that the network is cut), so a hub with a
 * hundred thousand relationships ships no more than a small node. Once the set is full, no
 * further step is read: if the cut is not yet known, one question (does the last level reach
 * beyond the set?) tells whether the network is truncated. The filters (types, day, kinds)
 * are applied by the reads.
 */
export async function egoNetwork(center: EntityRecord, options: EgoOptions, read: EgoReader): Promise<SubgraphRecord> {
  const distances = new Map<string, number>([[center.id, 0]]);
  let truncated = false;
  let frontier = [center.id];

  for (let distance = 1; distance <= options.depth && frontier.length > 0 && !truncated; distance += 1) {
    if (distances.size >= options.limit) {
      truncated = await read.reachesBeyond(frontier, [...distances.keys()]);
      break;
    }
    const others = await read.step(frontier, options.limit - distances.size + 1, [...distances.keys()]);
    const next: string[] = [];
    for (const otherIds of others) {
      for (const otherId of otherIds) {
        if (distances.has(otherId)) continue;
        if (distances.size >= options.limit) {
          truncated = true;
          break;
        }
        distances.set(otherId, distance);
        next.push(otherId);
      }
    }
    frontier = next;
  }

  const { entities, relationships } = distances.size > 1 ? await read.among([...distances.keys()]) : { entities: [center], relationships: [] };
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const degree = new Map<string, number>();
  for (const edge of relationships) {
    degree.set(edge.fromId, (degree.get(edge.fromId) ?? 0) + 1);
    degree.set(edge.toId, (degree.get(edge.toId) ?? 0) + 1);
  }
  return {
    // In the order they were reached; an entity retired between the steps is left out.
    nodes: [...distances].flatMap(([id, distance]) => {
      const entity = id === center.id ? center : byId.get(id);
      return entity ? [{ entity, distance, degree: degree.get(id) ?? 0 }] : [];
    }),
    edges: relationships,
    truncated,
  };
}

/** Degrees inside a subgraph read as nodes plus edges (maps). */
export function withDegrees(nodes: EntityRecord[], edges: RelationshipRecord[], truncated: boolean): SubgraphRecord {
  const degree = new Map<string, number>();
  for (const edge of edges) {
    degree.set(edge.fromId, (degree.get(edge.fromId) ?? 0) + 1);
    degree.set(edge.toId, (degree.get(edge.toId) ?? 0) + 1);
  }
  return { nodes: nodes.map((entity) => ({ entity, degree: degree.get(entity.id) ?? 0, distance: null })), edges, truncated };
}
