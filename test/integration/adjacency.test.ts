import { describe, expect, it } from 'vitest';

import { cypher, runQuery } from '../../src/database/runQuery.js';
import type { EntityRecord } from '../../src/domains/entity/entity.model.js';
import { WHOLE_RECORDS } from '../../src/domains/entity/entity.repository.js';
import type { EntityLabel } from '../../src/domains/entity/relationshipTypes.js';
import type { Adjacency } from '../../src/network/adjacency.js';
import { egoNetwork, type EgoReader } from '../../src/network/egoNetwork.js';
import { MetricsCache } from '../../src/network/metricsCache.js';
import { seededRandom } from '../../src/network/seededRandom.js';
import type { SubgraphRecord } from '../../src/network/network.model.js';
import { findEgoStep, findGraphVersion, findReachesBeyond, findRelationshipsAmong, withProperties, type EgoFilter } from '../../src/network/network.repository.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

/**
 * The graph's structure in memory (src/network/adjacency.ts) answers ego networks and maps as
 * the Cypher queries do: the same nodes in the same order, the same distances, the same
 * relationships, whatever the filters, and it is never used for a data version other than its own.
 */
const FILTERS: Array<Omit<EgoFilter, 'labels'> & { labels: EntityLabel[] | null }> = [
  { types: null, labels: null, asOf: null, datedOnly: false },
  { types: ['PARTICIPATES_IN', 'MEMBER_OF', 'PART_OF'], labels: null, asOf: null, datedOnly: false },
  { types: null, labels: ['Organization'], asOf: null, datedOnly: false },
  { types: null, labels: null, asOf: '2024-06-01', datedOnly: false },
  { types: null, labels: null, asOf: null, datedOnly: true },
  { types: ['NO_SUCH_TYPE_FOR_TEST'], labels: null, asOf: '2025-01-01', datedOnly: true },
];

const everyEntity = cypher('everyEntityForTest', 'READ', 'MATCH (n:Entity) RETURN n.id AS id ORDER BY n.id');

function cypherReader(filter: EgoFilter): EgoReader {
  const runner = { db: api.current.db };
  return {
    step: (ids, cap, kept) => findEgoStep(runner, ids, cap, kept, filter),
    reachesBeyond: (ids, kept) => findReachesBeyond(runner, ids, kept, filter),
    among: (ids) => findRelationshipsAmong(runner, ids, filter),
  };
}

function memoryReader(structure: Adjacency, filter: EgoFilter): EgoReader {
  const runner = { db: api.current.db };
  return {
    step: async (ids, cap, kept) => structure.step(ids, cap, kept, filter),
    reachesBeyond: async (ids, kept) => structure.reachesBeyond(ids, kept, filter),
    among: (ids) => withProperties(runner, structure.among(ids, filter), WHOLE_RECORDS),
  };
}

/** A subgraph with its relationships in key order (Cypher collects them in no particular order). */
function comparable(subgraph: SubgraphRecord) {
  return { ...subgraph, edges: [...subgraph.edges].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

async function compareEverywhere(structure: Adjacency): Promise<number> {
  const runner = { db: api.current.db };
  const ids = (await runQuery(runner, everyEntity)).map((row) => row.id as string);
  const entities = new Map<string, EntityRecord>();
  for (const row of await findRelationshipsAmong(runner, ids, { types: null, asOf: null, datedOnly: false }).then((read) => read.entities)) entities.set(row.id, row);
  let compared = 0;
  // Every 7th entity as a centre (hubs, leaves, every kind), at each depth, limit and filter.
  for (const [position, id] of ids.entries()) {
    if (position % 7 !== 0) continue;
    for (const filter of FILTERS) {
      for (const [depth, limit] of [[1, 500], [2, 40], [3, 8]] as const) {
        const options = { depth, limit, ...filter };
        const inMemory = await egoNetwork(entities.get(id)!, options, memoryReader(structure, filter));
        const withCypher = await egoNetwork(entities.get(id)!, options, cypherReader(filter));
        expect(comparable(inMemory), `${id}, depth ${depth}, limit ${limit}, ${JSON.stringify(filter)}`).toEqual(comparable(withCypher));
        compared += 1;
      }
    }
  }
  // The relationships among a large set (a map), for each filter.
  for (const filter of FILTERS) {
    const inMemory = await withProperties(runner, structure.among(ids, filter), WHOLE_RECORDS);
    const withCypher = await findRelationshipsAmong(runner, ids, filter);
    expect(comparable({ nodes: [], edges: inMemory.relationships, truncated: false })).toEqual(comparable({ nodes: [], edges: withCypher.relationships, truncated: false }));
    expect(inMemory.entities).toEqual(withCypher.entities);
  }
  return compared;
}

/**
 * A graph generated for this test, woven into the test graph: 60 organisations (names that sort
 * alike, some alike exactly), 400 relationships among them and to the test graph's hubs, of
 * several types, some dated, some ended, some parallel.
 */
async function addGeneratedGraph(): Promise<void> {
  const random = seededRandom(11);
  const keys = Array.from({ length: 60 }, (_, index) => `cur-gen-${index}`);
  const hubs = ['university-of-montpellier', 'cnrs', 'inria', 'cirad', 'montpellier-metropole'];
  for (const [index, key] of keys.entries()) {
    ok(
      await api.current.graphql(
        'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }',
        { input: { type: 'ORGANIZATION', key, fields: { name: `Generated ${index % 7} organisation`, kind: index % 3 === 0 ? 'startup' : 'company' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
  }
  const types = ['PARTNERS_WITH', 'MEMBER_OF', 'PART_OF', 'SUPPORTS'];
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const relationships = Array.from({ length: 400 }, (_, index) => {
    const from = pick(keys);
    let to = random() < 0.25 ? pick(hubs) : pick(keys);
    while (to === from) to = pick(keys);
    const since = random() < 0.4 ? `${2018 + Math.floor(random() * 8)}-0${1 + Math.floor(random() * 9)}` : undefined;
    const until = since && random() < 0.3 ? `${Number(since.slice(0, 4)) + 1}` : undefined;
    return { key: `cur-gen-link-${index}`, type: pick(types), from, to, ...(since ? { since } : {}), ...(until ? { until } : {}) };
  });
  for (let start = 0; start < relationships.length; start += 50) {
    ok(
      await api.current.graphql(
        'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }',
        { input: { relationships: relationships.slice(start, start + 50), sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
  }
}

describe('the graph structure in memory', () => {
  it('answers every ego network and the relationships among a set as Cypher does, for every filter, on a generated graph', async () => {
    await addGeneratedGraph();
    const cache = new MetricsCache();
    const structure = await cache.structureNow({ db: api.current.db });
    expect(structure.entityCount).toBeGreaterThan(100);
    expect(structure.relationshipCount).toBeGreaterThan(500);
    expect(await compareEverywhere(structure)).toBeGreaterThan(100);
  }, 240_000);

  it('is never used for another data version: after a write it is read again, and answers with the write', async () => {
    const runner = { db: api.current.db };
    const cache = new MetricsCache();
    const before = await cache.structureNow(runner);
    expect(cache.structureAt(runner.db, before.version)).toBe(before);
    ok(
      await api.current.graphql(
        'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }',
        { input: { relationships: [{ key: 'cur-adjacency-link', type: 'PARTNERS_WITH', from: 'numalis', to: 'cines' }], sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    const version = await findGraphVersion(runner);
    expect(version).toBeGreaterThan(before.version);
    // The structure of the version before is not handed out for this one (a read of it starts instead).
    expect(cache.structureAt(runner.db, version)).toBeNull();
    const after = await cache.structureNow(runner);
    expect(after.version).toBe(version);
    expect(after.relationshipCount).toBe(before.relationshipCount + 1);
    const filter = { types: null, labels: null, asOf: null, datedOnly: false };
    expect(after.step(['numalis'], 500, ['numalis'], filter)[0]).toContain('cines');
    expect(before.step(['numalis'], 500, ['numalis'], filter)[0]).not.toContain('cines');
    await compareEverywhere(after);
  }, 240_000);

  it('serves the API\'s ego networks and maps once read, the same answers as before it was there', async () => {
    const query = `{ egoNetwork(center: "university-of-montpellier", depth: 2, limit: 300) { truncated nodes { distance degreeInView entity { key name } } edges { key type sources { locator } } }
      ecosystemMap(limit: 300) { truncated nodes { degreeInView entity { key } } edges { key type } } }`;
    type Answer = { egoNetwork: { edges: Array<{ key: string }> }; ecosystemMap: { edges: Array<{ key: string }> } };
    const sorted = (data: Answer) => ({
      egoNetwork: { ...data.egoNetwork, edges: [...data.egoNetwork.edges].sort((a, b) => (a.key < b.key ? -1 : 1)) },
      ecosystemMap: { ...data.ecosystemMap, edges: [...data.ecosystemMap.edges].sort((a, b) => (a.key < b.key ? -1 : 1)) },
    });
    // A write, so that the API's structure is not yet read for the new version: the first answer comes from Cypher.
    ok(
      await api.current.graphql(
        'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }',
        { input: { relationships: [{ key: 'cur-adjacency-second', type: 'PARTNERS_WITH', from: 'cirad', to: 'numalis' }], sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    const reads = api.current.metrics.structureReads;
    const first = ok(await api.current.graphql<Answer>(query));
    // The structure is read in the background; once there, the same question is answered from it.
    await api.current.metrics.structureNow({ db: api.current.db });
    expect(api.current.metrics.structureReads).toBeGreaterThan(reads);
    const second = ok(await api.current.graphql<Answer>(query, { differentCacheKey: 1 }));
    expect(sorted(second)).toEqual(sorted(first));
    expect(second.egoNetwork.edges.length).toBeGreaterThan(10);
  }, 60_000);
});
