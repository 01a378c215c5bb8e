import type { EntityRecord, RelationshipRecord } from '../domains/entity/entity.model.js';
import { heldOn } from '../domains/entity/entity.model.js';
import type { EntityLabel } from '../domains/entity/relationshipTypes.js';
import type { SubgraphRecord } from './network.model.js';

/** What the ego network needs to read: the links of many entities at once (one round trip). */
export type LoadLinks = (ids: string[]) => Promise<Array<{ relationships: RelationshipRecord[]; others: EntityRecord[] }>>;

export interface EgoOptions {
  depth: number;
  limit: number;
  types: string[] | null;
  labels: EntityLabel[] | null;
  asOf: string | null;
}

/**
 * Breadth-first neighbourhood of `center`: one batched read per level, plus one for the
 * last level so the relationships among the outermost nodes are known too. Nodes are
 * added nearest first until `limit`; then the subgraph is marked truncated. Edges are the
 * relationships whose two ends were kept.
 */
export async function egoNetwork(center: EntityRecord, options: EgoOptions, loadLinks: LoadLinks): Promise<SubgraphRecord> {
  const kept = new Map<string, { entity: EntityRecord; distance: number }>([[center.id, { entity: center, distance: 0 }]]);
  const edges = new Map<string, RelationshipRecord>();
  let truncated = false;
  let frontier = [center.id];
  const accepted = (relationship: RelationshipRecord) =>
    (!options.types || options.types.includes(relationship.type)) && heldOn(relationship, options.asOf);

  for (let distance = 1; distance <= options.depth + 1 && frontier.length > 0; distance += 1) {
    const links = await loadLinks(frontier);
    const next: string[] = [];
    links.forEach(({ relationships, others }) => {
      relationships.forEach((relationship, index) => {
        if (!accepted(relationship)) return;
        const other = others[index]!;
        if (options.labels && !options.labels.includes(other.label)) return;
        if (!kept.has(other.id) && distance <= options.depth) {
          if (kept.size >= options.limit) {
            truncated = true;
            return;
          }
          kept.set(other.id, { entity: other, distance });
          next.push(other.id);
        }
        if (kept.has(relationship.fromId) && kept.has(relationship.toId)) edges.set(relationship.id, relationship);
      });
    });
    frontier = distance <= options.depth ? next : [];
  }

  const degree = new Map<string, number>();
  for (const edge of edges.values()) {
    degree.set(edge.fromId, (degree.get(edge.fromId) ?? 0) + 1);
    degree.set(edge.toId, (degree.get(edge.toId) ?? 0) + 1);
  }
  return {
    nodes: [...kept.values()].map(({ entity, distance }) => ({ entity, distance, degree: degree.get(entity.id) ?? 0 })),
    edges: [...edges.values()],
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
