import type { UndirectedGraph } from 'graphology';

/**
 * Local structure measures of an undirected simple graph that graphology's libraries do not
 * offer: the clustering coefficient and the core number. Plain functions over the graph.
 */

/**
 * Local clustering coefficient of every node: the share of the pairs of its neighbours that are
 * linked themselves (triangles through it over d(d-1)/2); 0 for a node with fewer than two
 * neighbours, as networkx's `clustering` gives it on an unweighted graph.
 */
export function localClustering(graph: UndirectedGraph): Map<string, number> {
  const neighbours = new Map<string, Set<string>>();
  graph.forEachNode((node) => neighbours.set(node, new Set(graph.neighbors(node))));
  const result = new Map<string, number>();
  for (const [node, around] of neighbours) {
    const degree = around.size;
    if (degree < 2) {
      result.set(node, 0);
      continue;
    }
    let links = 0;
    const list = [...around];
    for (let i = 0; i < list.length; i += 1) {
      const aroundFirst = neighbours.get(list[i]!)!;
      for (let j = i + 1; j < list.length; j += 1) if (aroundFirst.has(list[j]!)) links += 1;
    }
    result.set(node, (2 * links) / (degree * (degree - 1)));
  }
  return result;
}

/**
 * Core number of every node (the largest k such that it belongs to the k-core, the largest
 * subgraph where every node has at least k neighbours), by Batagelj and Zaversnik's peeling in
 * O(m): nodes are removed by increasing current degree.
 */
export function coreNumbers(graph: UndirectedGraph): Map<string, number> {
  const degree = new Map<string, number>();
  graph.forEachNode((node) => degree.set(node, graph.degree(node)));
  const maxDegree = Math.max(0, ...degree.values());
  const buckets: Array<Set<string>> = Array.from({ length: maxDegree + 1 }, () => new Set());
  for (const [node, value] of degree) buckets[value]!.add(node);
  const core = new Map<string, number>();
  let current = 0;
  for (let remaining = degree.size; remaining > 0; remaining -= 1) {
    while (buckets[current]!.size === 0) current += 1;
    const node = buckets[current]!.values().next().value as string;
    buckets[current]!.delete(node);
    core.set(node, current);
    for (const neighbour of graph.neighbors(node)) {
      if (core.has(neighbour)) continue;
      const value = degree.get(neighbour)!;
      if (value > current) {
        buckets[value]!.delete(neighbour);
        buckets[value - 1]!.add(neighbour);
        degree.set(neighbour, value - 1);
      }
    }
    // A neighbour may have dropped into the bucket below the current one's: look there again.
    current = Math.max(0, current - 1);
  }
  return core;
}
