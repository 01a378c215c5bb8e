import { createRequire } from 'node:module';

import { UndirectedGraph } from 'graphology';

import type { CentralityRecord, CommunityRecord } from './network.model.js';
import type { LightGraph, PartnershipGraph } from './network.repository.js';
import { seededRandom } from './seededRandom.js';
import { coreNumbers, localClustering } from './structure.js';

// Both packages are CommonJS modules exporting one function, typed as ES default exports
// that NodeNext resolution cannot call: require them, with the part of the typing we use.
const require = createRequire(import.meta.url);
const louvain = require('graphology-communities-louvain') as {
  detailed(graph: UndirectedGraph, options: { rng: () => number; resolution: number; getEdgeWeight: string | null }): { communities: Record<string, number>; modularity: number };
};
const { connectedComponents } = require('graphology-components') as { connectedComponents: (graph: UndirectedGraph) => string[][] };
const betweennessCentrality = require('graphology-metrics/centrality/betweenness') as (
  graph: UndirectedGraph,
  options: { normalized: boolean },
) => Record<string, number>;

/** Above this many nodes betweenness (O(n·m)) is not computed: the field is null. */
export const BETWEENNESS_NODE_LIMIT = 20_000;

/** The method of the partition, as docs/method.md states it: what a citation of the communities names. */
export const COMMUNITY_METHOD = {
  /** Louvain's default resolution (graphology-communities-louvain). */
  resolution: 1,
  /** Louvain is run with each of these seeds and the partition of highest modularity kept (the first seed on a tie). */
  seeds: [7, 1, 2, 3, 4, 5, 6, 8, 9, 10],
  /** Above this many entities, only the first seed (each run reads the whole graph). */
  singleRunAbove: 20_000,
} as const;

export interface GraphMetrics {
  ranking: CentralityRecord[];
  communities: CommunityRecord[];
  /** The community of each entity (by id), as `communities` numbers them. */
  communityOf: Map<string, number>;
  /** Modularity of the partition (Newman's Q at the resolution asked, weighted on a partnership network); null for a network without links. */
  modularity: number | null;
  /** Number of connected components. */
  components: number;
}

/**
 * Centrality and communities of the whole graph, as an undirected simple graph (parallel
 * relationships count once). Degree counts distinct neighbours; betweenness is normalised;
 * Louvain runs with fixed seeds (the partition of highest modularity is kept), so the same
 * graph always gives the same communities (COMMUNITY_METHOD; docs/method.md).
 * Plain data in, plain data out: testable without a server.
 */
/** How the communities are found: Louvain's resolution (1 by default; larger finds more, smaller communities) and whether a partnership network's weights count. */
export interface PartitionOptions {
  resolution?: number;
  weighted?: boolean;
}

export function computeMetrics(light: LightGraph, options: PartitionOptions = {}): GraphMetrics {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const labelOf = new Map<string, string>();
  for (const node of light.nodes) {
    graph.mergeNode(node.id);
    labelOf.set(node.id, node.label);
  }
  for (const node of light.nodes) for (const target of node.targets) if (target !== node.id && graph.hasNode(target)) graph.mergeEdge(node.id, target);
  return measure(graph, labelOf, false, options.resolution ?? COMMUNITY_METHOD.resolution);
}

/**
 * The same measures on the organisations' partnership network (or its co-publications alone):
 * organisations only, an edge per pair of partners weighing their strength as `partners`
 * gives it. Louvain and modularity use the weights; `strength` is the weighted degree and
 * orders the ranking; betweenness counts hops (unweighted).
 */
export function computePartnershipMetrics(network: PartnershipGraph, options: PartitionOptions = {}): GraphMetrics {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const labelOf = new Map<string, string>();
  for (const id of network.organizations) {
    graph.mergeNode(id);
    labelOf.set(id, 'Organization');
  }
  for (const link of network.links) {
    if (link.from === link.to || !graph.hasNode(link.from) || !graph.hasNode(link.to)) continue;
    graph.updateEdge(link.from, link.to, (attributes: { weight?: number }) => ({ weight: (attributes.weight ?? 0) + link.strength }));
  }
  return measure(graph, labelOf, options.weighted ?? true, options.resolution ?? COMMUNITY_METHOD.resolution);
}

function measure(graph: UndirectedGraph, labelOf: Map<string, string>, weighted: boolean, resolution: number): GraphMetrics {
  const betweenness: Record<string, number> | null =
    graph.order <= BETWEENNESS_NODE_LIMIT && graph.size > 0 ? betweennessCentrality(graph, { normalized: true }) : null;
  const seeds = graph.order > COMMUNITY_METHOD.singleRunAbove ? COMMUNITY_METHOD.seeds.slice(0, 1) : COMMUNITY_METHOD.seeds;
  let detailed: { communities: Record<string, number>; modularity: number } | null = null;
  if (graph.size > 0) {
    for (const seed of seeds) {
      const run = louvain.detailed(graph, { rng: seededRandom(seed), resolution, getEdgeWeight: weighted ? 'weight' : null });
      if (!detailed || run.modularity > detailed.modularity) detailed = run;
    }
  }
  const communityOf: Record<string, number> = detailed ? detailed.communities : Object.fromEntries(graph.nodes().map((id: string, i: number) => [id, i]));
  const strengthOf = (id: string) => (weighted ? graph.reduceEdges(id, (sum: number, _edge: string, attributes: { weight?: number }) => sum + (attributes.weight ?? 0), 0) : null);

  // Renumber communities by size, largest first, so ids are stable for a given graph.
  const members = new Map<number, string[]>();
  for (const [id, community] of Object.entries(communityOf)) {
    const list = members.get(community);
    if (list) list.push(id);
    else members.set(community, [id]);
  }
  const bySize = [...members.values()].map((ids) => ids.sort((a, b) => graph.degree(b) - graph.degree(a) || a.localeCompare(b)));
  bySize.sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const communities = bySize.map((memberIds, id) => ({ id, memberIds }));
  const renumbered = new Map<string, number>();
  for (const community of communities) for (const id of community.memberIds) renumbered.set(id, community.id);

  // Connected components numbered by size, largest first (ties: by their first key).
  const components = connectedComponents(graph).map((ids) => [...ids].sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const componentOf = new Map<string, number>();
  components.forEach((ids, index) => ids.forEach((id) => componentOf.set(id, index)));
  // Clustering reads every pair of neighbours of every node: like betweenness, only up to BETWEENNESS_NODE_LIMIT entities.
  const clustering = graph.order <= BETWEENNESS_NODE_LIMIT ? localClustering(graph) : null;
  const cores = coreNumbers(graph);

  const ranking = graph
    .nodes()
    .map((id) => ({
      entityId: id, label: labelOf.get(id)!, degree: graph.degree(id), strength: strengthOf(id), betweenness: betweenness ? (betweenness[id] ?? 0) : null, community: renumbered.get(id)!,
      clustering: clustering ? (clustering.get(id) ?? 0) : null, core: cores.get(id) ?? 0, component: componentOf.get(id)!, rank: 0,
    }))
    .sort((a, b) => (b.strength ?? 0) - (a.strength ?? 0) || b.degree - a.degree || (b.betweenness ?? 0) - (a.betweenness ?? 0) || a.entityId.localeCompare(b.entityId))
    .map((record, index) => ({ ...record, rank: index + 1 }));
  return { ranking, communities, communityOf: renumbered, modularity: detailed ? detailed.modularity : null, components: components.length };
}
