import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../src/network/seededRandom.js';
import { placeNodes, positionsOf } from '../../web/explorer/placement.js';

/** A graph of the explorer's kind with the given nodes and links, every node at the origin. */
function graphOf(nodes: string[], links: Array<[string, string]>): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  for (const node of nodes) graph.addNode(node, { x: 0, y: 0 });
  for (const [from, to] of links) graph.addDirectedEdge(from, to);
  return graph;
}

describe('where the map places its nodes on a redraw', () => {
  it('keeps the place of every node that was already drawn, and says how many kept one', () => {
    const previous = new Map([
      ['a', { x: 10, y: 20 }],
      ['b', { x: -5, y: 7 }],
      ['gone', { x: 90, y: 90 }],
    ]);
    const graph = graphOf(['a', 'b', 'new'], [['a', 'b']]);
    const kept = placeNodes(graph, previous, seededRandom(1));
    expect(graph.getNodeAttributes('a')).toMatchObject({ x: 10, y: 20 });
    expect(graph.getNodeAttributes('b')).toMatchObject({ x: -5, y: 7 });
    expect(kept).toBeCloseTo(2 / 3);
  });

  it('starts a newcomer beside its neighbours already placed, and a chain of newcomers beside its anchor', () => {
    const previous = new Map([
      ['left', { x: 0, y: 0 }],
      ['right', { x: 100, y: 0 }],
      ['far', { x: 0, y: 100 }],
    ]);
    const graph = graphOf(['left', 'right', 'far', 'between', 'next'], [
      ['between', 'left'],
      ['between', 'right'],
      ['next', 'between'],
    ]);
    placeNodes(graph, previous, seededRandom(2));
    const between = graph.getNodeAttributes('between') as { x: number; y: number };
    // The mean of its neighbours (50, 0), within the jitter of 3 % of the drawing's extent.
    expect(Math.hypot(between.x - 50, between.y)).toBeLessThan(3);
    const next = graph.getNodeAttributes('next') as { x: number; y: number };
    expect(Math.hypot(next.x - between.x, next.y - between.y)).toBeLessThan(3);
  });

  it('places a node with no placed neighbour within the previous drawing, the same way for the same data', () => {
    const previous = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 40, y: 40 }],
    ]);
    const place = () => {
      const graph = graphOf(['a', 'b', 'alone'], []);
      placeNodes(graph, previous, seededRandom(3));
      return positionsOf(graph).get('alone')!;
    };
    const alone = place();
    expect(alone.x).toBeGreaterThanOrEqual(0);
    expect(alone.x).toBeLessThanOrEqual(40);
    expect(alone.y).toBeGreaterThanOrEqual(0);
    expect(alone.y).toBeLessThanOrEqual(40);
    expect(place()).toEqual(alone);
  });

  it('scatters a first view, with nothing drawn before, over the default square', () => {
    const graph = graphOf(['a', 'b', 'c'], [['a', 'b']]);
    expect(placeNodes(graph, new Map(), seededRandom(4))).toBe(0);
    const positions = [...positionsOf(graph).values()];
    expect(new Set(positions.map(({ x, y }) => `${x},${y}`)).size).toBe(3);
    for (const { x, y } of positions) expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(100);
  });
});
