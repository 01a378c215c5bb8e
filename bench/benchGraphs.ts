import { cypher, runQuery } from '../src/database/runQuery.js';
import { loadDefaultGraph } from '../src/ingest/defaultGraph.js';
import { importGraph } from '../src/ingest/graphWriter.js';
import type { BenchDatabase } from './benchDatabase.js';
import { DEFAULT_GRAPH_KEYS, generatedKeys, type OperationKeys } from './operations.js';
import { syntheticGraph } from './syntheticGraph.js';

/**
 * The graphs the benchmarks run on: a generated graph of a number of organisations, or the
 * default graph a user gets from `npm start` (`default`: the seed graph and the area's open
 * data, loaded as the first start loads it), so that the numbers also describe what users get.
 */
export type BenchGraph = number | 'default';

export function parseBenchGraphs(text: string): BenchGraph[] {
  return text.split(',').map((item) => (item.trim() === 'default' ? 'default' : Number(item)));
}

export interface LoadedGraph {
  /** How the report names it. */
  title: string;
  keys: OperationKeys;
  counts: { organizations: number; projects: number; people: number; relationships: number; entities: number };
  /** Time to write it into the empty database. */
  seconds: number;
}

const countAll = cypher(
  'benchCounts',
  'READ',
  `CALL () { MATCH (n:Organization) RETURN count(n) AS organizations }
   CALL () { MATCH (n:Project) RETURN count(n) AS projects }
   CALL () { MATCH (n:Person) RETURN count(n) AS people }
   CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
   CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
   RETURN organizations, projects, people, entities, relationships`,
);

/** Memory for the embedded Neo4j of a graph of that size. */
export const benchMemory = (graph: BenchGraph) => (typeof graph === 'number' && graph >= 50_000 ? { heap: '4g', pageCacheMiB: 2048 } : { heap: '1g', pageCacheMiB: 512 });

/** Writes the graph into the (empty) bench database and says what it holds. */
export async function loadBenchGraph(graph: BenchGraph, database: BenchDatabase): Promise<LoadedGraph> {
  const runner = { db: database.db };
  const started = performance.now();
  if (graph === 'default') await loadDefaultGraph(runner);
  else await importGraph(runner, syntheticGraph({ organizations: graph, relationships: graph * 10, seed: 42 }));
  const seconds = (performance.now() - started) / 1000;
  const [row] = await runQuery(runner, countAll);
  const counts = {
    organizations: Number(row!.organizations),
    projects: Number(row!.projects),
    people: Number(row!.people),
    entities: Number(row!.entities),
    relationships: Number(row!.relationships),
  };
  return {
    title: graph === 'default' ? 'The default graph (seed graph and the area\'s open data, as `npm start` loads it)' : 'A generated graph (seed 42)',
    keys: graph === 'default' ? DEFAULT_GRAPH_KEYS : generatedKeys(graph),
    counts,
    seconds,
  };
}
