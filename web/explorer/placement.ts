import type { AbstractGraph } from 'graphology-types';

/**
 * Where the map's nodes start on a redraw: where they were, or beside their neighbours already
 * placed (layout.ts then lets ForceAtlas2 settle what changed). Plain graphology, so that it is
 * tested without a browser (test/unit/mapLayout.test.ts).
 */
export type Positions = Map<string, { x: number; y: number }>;

export function positionsOf(graph: AbstractGraph): Positions {
  const positions: Positions = new Map();
  graph.forEachNode((node, attributes) => positions.set(node, { x: attributes.x as number, y: attributes.y as number }));
  return positions;
}

/**
 * Places every node of `graph`: where it was in `previous`, else at the mean of its neighbours
 * already placed (with a little jitter, so that two newcomers do not sit on each other), else at
 * random within the previous drawing's extent. Returns the share of nodes that kept their place.
 */
export function placeNodes(graph: AbstractGraph, previous: Positions, random: () => number): number {
  const extent = extentOf([...previous.values()]) ?? { minX: 0, minY: 0, size: 100 };
  const placed = new Set<string>();
  let kept = 0;
  graph.forEachNode((node) => {
    const position = previous.get(node);
    if (!position) return;
    graph.mergeNodeAttributes(node, position);
    placed.add(node);
    kept += 1;
  });
  // Newcomers next to placed neighbours first, in waves, so that a chain of newcomers follows its anchor.
  let waiting = graph.nodes().filter((node) => !placed.has(node));
  while (waiting.length > 0) {
    const next: string[] = [];
    for (const node of waiting) {
      const anchors = graph.neighbors(node).filter((neighbour) => placed.has(neighbour));
      if (anchors.length === 0) {
        next.push(node);
        continue;
      }
      const x = anchors.reduce((sum, anchor) => sum + (graph.getNodeAttribute(anchor, 'x') as number), 0) / anchors.length;
      const y = anchors.reduce((sum, anchor) => sum + (graph.getNodeAttribute(anchor, 'y') as number), 0) / anchors.length;
      const jitter = extent.size * 0.03;
      graph.mergeNodeAttributes(node, { x: x + (random() - 0.5) * jitter, y: y + (random() - 0.5) * jitter });
      placed.add(node);
    }
    if (next.length === waiting.length) {
      for (const node of next) graph.mergeNodeAttributes(node, { x: extent.minX + random() * extent.size, y: extent.minY + random() * extent.size });
      break;
    }
    waiting = next;
  }
  return graph.order === 0 ? 0 : kept / graph.order;
}

function extentOf(points: Array<{ x: number; y: number }>): { minX: number; minY: number; size: number } | null {
  if (points.length === 0) return null;
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return { minX, minY, size: Math.max(1, Math.max(...xs) - minX, Math.max(...ys) - minY) };
}

/** The nodes' mean movement since `before`, as a share of the drawing's extent. */
export function movementSince(graph: AbstractGraph, before: Positions): number {
  let moved = 0;
  graph.forEachNode((node, attributes) => {
    const was = before.get(node);
    if (was) moved += Math.hypot((attributes.x as number) - was.x, (attributes.y as number) - was.y);
  });
  const extent = extentOf([...positionsOf(graph).values()]);
  return graph.order === 0 || !extent ? 0 : moved / graph.order / extent.size;
}
