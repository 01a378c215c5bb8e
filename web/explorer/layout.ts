import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

import { movementSince, positionsOf } from './placement.js';

/** Above this many nodes, Barnes-Hut's approximation of the repulsion (n log n instead of n²). */
const BARNES_HUT_FROM = 300;
/** The time one slice of iterations may take before the page gets its turn. */
const SLICE_MS = 25;
/** Bounds of a run: iterations and milliseconds, for a new view and for one that kept most of its places. */
const BOUNDS = { fresh: { iterations: 800, ms: 2500 }, kept: { iterations: 200, ms: 800 } };
/**
 * Settled: over 20 iterations, the nodes moved on average less than this share of the
 * drawing's extent. Barnes-Hut keeps a large map trembling at about 1 % long after its shape
 * has formed, hence a larger share for it.
 */
const SETTLED = { exact: 0.003, approximate: 0.01 };
/** Share of nodes that kept their place above which the layout only has to settle what changed. */
const MOSTLY_KEPT = 0.8;

/**
 * Runs ForceAtlas2 on a graph until it settles; one run at a time.
 *
 * A redraw used to start every node at random and run ForceAtlas2 in a worker for a fixed
 * 2.5 s, whatever the size of the view and however little had changed; a new worker for each
 * view, whose start sometimes held the page for seconds (bench/results/explorer-redraw.md).
 * Now:
 * - a node that was already drawn keeps its place, and a new one starts beside its neighbours
 *   already placed, so that a filter changed or taken back moves what changed, not everything;
 * - ForceAtlas2 runs in the page in slices of about 25 ms (the map is drawn and the page
 *   answers between two slices), and stops as soon as the layout has settled (the nodes' mean
 *   movement is under a small share of the drawing's extent), with bounds on iterations and
 *   time as a backstop.
 */
export class SettlingLayout {
  private timer: number | undefined;

  /** Lays `graph` out and calls `done` once (never synchronously); `kept` is what placeNodes returned. */
  run(graph: Graph, kept: number, done: () => void): void {
    this.stop();
    const approximate = graph.order > BARNES_HUT_FROM;
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: approximate };
    const bounds = kept >= MOSTLY_KEPT ? BOUNDS.kept : BOUNDS.fresh;
    const settled = approximate ? SETTLED.approximate : SETTLED.exact;
    const started = performance.now();
    let iterations = 0;
    let perSlice = 5;
    const step = (): boolean => {
      if (graph.order === 0) return true;
      const before = positionsOf(graph);
      const sliceStarted = performance.now();
      forceAtlas2.assign(graph, { iterations: perSlice, settings });
      iterations += perSlice;
      const movement = (movementSince(graph, before) / perSlice) * 20;
      // As many iterations in the next slice as fit in SLICE_MS at this one's pace.
      const msPerIteration = Math.max(0.01, (performance.now() - sliceStarted) / perSlice);
      perSlice = Math.max(1, Math.min(50, Math.round(SLICE_MS / msPerIteration)));
      return movement < settled || iterations >= bounds.iterations || performance.now() - started >= bounds.ms;
    };
    const slice = () => {
      let finished: boolean;
      try {
        finished = step();
      } catch (error) {
        // A layout that fails leaves the nodes where they are; the map is still drawn and said ready.
        console.error('The layout stopped:', error);
        finished = true;
      }
      if (finished) done();
      else this.timer = window.setTimeout(slice, 0);
    };
    this.timer = window.setTimeout(slice, 0);
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}
