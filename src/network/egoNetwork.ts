import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import type { SubgraphRecord } from './network.model.js';

/**
 * What the ego network reads, in batches: one step (at most `cap` matching relationships of
 * each entity, with the entities at their other ends) and the relationships among a set.
 */
export interface EgoReader {
  step(ids: string[], cap: number): Promise<Array<{ relationships: RelationshipRecord[]; others: EntityRecord[] }>>;
  among(ids: string[]): Promise<RelationshipRecord[]>;
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
 * relationships among the nodes kept. Nodes are added nearest first until `limit`; then
 * the subgraph is marked truncated. No entity gives more than `limit` relationships per
 * step (more could not be kept), so a hub with a hundred thousand relationships costs no
 * more than a small node. The filters (types, day, kinds) are applied by the reads.
 */
export async function egoNetwork(center: EntityRecord, options: EgoOptions, read: EgoReader): Promise<SubgraphRecord> {
  const kept = new Map<string, { entity: EntityRecord; distance: number }>([[center.id, { entity: center, distance: 0 }]]);
  let truncated = false;
  let frontier = [center.id];

  for (let distance = 1; distance <= options.depth && frontier.length > 0; distance += 1) {
    const links = await read.step(frontier, options.limit);
    const next: string[] = [];
    for (const { others } of links) {
      for (const other of others) {
        if (kept.has(other.id)) continue;
        if (kept.size >= options.limit) {
          truncated = true;
          break;
        }
        kept.set(other.id, { entity: other, distance });
        next.push(other.id);
      }
    }
    frontier = next;
  }

  const edges = kept.size > 1 ? await read.among([...kept.keys()]) : [];
  const degree = new Map<string, number>();
  for (const edge of edges) {
    degree.set(edge.fromId, (degree.get(edge.fromId) ?? 0) + 1);
    degree.set(edge.toId, (degree.get(edge.toId) ?? 0) + 1);
  }
  return {
    nodes: [...kept.values()].map(({ entity, distance }) => ({ entity, distance, degree: degree.get(entity.id) ?? 0 })),
    edges,
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
