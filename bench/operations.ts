import type { QueryRunner } from '../src/database/runQuery.js';
import { findEntitiesByIds, findRelationshipPages, listEntitiesOfKind, searchEntitiesByText } from '../src/domains/entity/entity.repository.js';
import { toGlobalId } from '../src/domains/shared/globalId.js';
import { toLuceneQuery } from '../src/domains/entity/searchQuery.js';
import { egoNetwork } from '../src/network/egoNetwork.js';
import { MetricsCache } from '../src/network/metricsCache.js';
import { mapSubgraph } from '../src/network/subgraphs.js';
import { findCandidates, findGraphVersion, findPartnerPages, findShortestPaths, withProperties } from '../src/network/network.repository.js';

/**
 * The representative operations of the benchmark: each as a GraphQL request to the API and,
 * where it has one, its floor: the same Cypher queries sent straight through the driver
 * (the repository functions the API itself calls, without HTTP, GraphQL or resolvers); for
 * ego networks and maps, the same walk of the graph's structure in memory (adjacency.ts).
 */
export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  floor?: (runner: QueryRunner) => Promise<unknown>;
}

const ENGAGEMENT = ['PARTICIPATES_IN', 'LEADS', 'FUNDS', 'HOSTS', 'SUPPORTS', 'DEVELOPS', 'SIGNED', 'FOUNDED'];
const emptyFilter = { kinds: null, themes: null, city: null, label: null, relatedTo: null, startedAfter: null, startedBefore: null, activeOn: null, updatedSince: null };

/** The peer's nested read as @neo4j/graphql is usually asked: related lists in no particular order. */
export const NESTED_READ_PEER_QUERY = `{ organizations(limit: 50, sort: [{ sortName: ASC }]) { name projects(limit: 20) { name participants(limit: 20) { name } } } }`;
/** The same read with the related lists in the order the API always gives (by name): the same answer as the API's. */
export const NESTED_READ_PEER_SORTED_QUERY = `{ organizations(limit: 50, sort: [{ sortName: ASC }]) { name projects(limit: 20, sort: [{ sortName: ASC }]) { name participants(limit: 20, sort: [{ sortName: ASC }]) { name } } } }`;

/** The entities an operation asks about: generated keys, or real ones in the default graph. */
export interface OperationKeys {
  /** Looked up, the centre of the ego network, the organisation whose partners are read. */
  first: string;
  /** The consortium's three members. */
  members: [string, string, string];
  /** A path's two ends, a few steps apart. */
  path: [string, string];
  searchText: string;
}

/** The keys of a generated graph of `organizations` organisations (syntheticGraph.ts). */
export function generatedKeys(organizations: number): OperationKeys {
  return { first: 'org-0', members: ['org-0', 'org-1', 'org-2'], path: ['org-1', `org-${organizations - 1}`], searchText: 'Organisation 42' };
}

/**
 * The keys of the default graph (the seed graph and the area's open data): its most connected
 * organisation, the three a bid writer asks about most, and a startup four steps from the CNRS.
 */
export const DEFAULT_GRAPH_KEYS: OperationKeys = {
  first: 'university-of-montpellier',
  members: ['university-of-montpellier', 'cirad', 'inria'],
  path: ['numalis', 'cnrs'],
  searchText: 'Montpellier',
};

/** What the ego network's and the map's operations show of their nodes and edges (keys, degrees, types): the properties the API reads for them. */
const KEYS_AND_TYPES = { entityKeys: [], relationshipKeys: [] };

export function operationsFor(keys: OperationKeys): Operation[] {
  const floorRankings = new MetricsCache();
  const { first, members, path, searchText } = keys;
  const [from, to] = path;
  const membersList = members.map((member) => `"${member}"`).join(', ');
  return [
    {
      name: 'look-up by id',
      query: 'query($id: ID!) { node(id: $id) { id ... on Organization { key name kind city } } }',
      variables: { id: toGlobalId('Organization', first) },
      floor: (runner) => findEntitiesByIds(runner, [first]),
    },
    {
      name: 'search',
      query: 'query($text: String!) { search(text: $text, first: 20) { totalCount edges { score node { key name } } } }',
      variables: { text: searchText },
      floor: (runner) => searchEntitiesByText(runner, toLuceneQuery(searchText)!, null, 0, 20),
    },
    {
      name: 'nested read (50 × 20 × 20)',
      query: `{ organizations(first: 50, orderBy: NAME) { nodes { name
          projects(first: 20) { edges { node { name ... on Project { participants(first: 20) { edges { node { name } } } } } } } } } }`,
      floor: async (runner) => {
        const { page } = await listEntitiesOfKind(runner, 'Organization', emptyFilter, 'NAME', { direction: 'FORWARD', key: null, limit: 51 }, false);
        // What the API asks for this operation: the names of the other ends, no relationship property.
        const projectPage = { types: ENGAGEMENT, direction: 'OUTGOING' as const, labels: ['Project' as const], role: null, asOf: null, reading: 'FORWARD' as const, key: null, limit: 21, withTotal: false, entityKeys: ['name'], relationshipKeys: [] };
        const links = await findRelationshipPages(runner, page.map((row) => row.entity.id), projectPage);
        const projects = [...new Set(links.flatMap((link) => link.others.map((other) => other.id)))];
        return findRelationshipPages(runner, projects, { ...projectPage, direction: 'INCOMING', labels: null });
      },
    },
    {
      name: 'partners with evidence',
      query: `{ partners(organization: "${first}", first: 20) { totalCount edges { node { organization { key name } strength evidence { kind via { key } } } } } }`,
      floor: (runner) => findPartnerPages(runner, [first], { asOf: null, fromYear: null, toYear: null, evidenceKinds: null, offset: 0, limit: 20 }, Number.MAX_SAFE_INTEGER),
    },
    {
      name: 'shortest path',
      query: `{ shortestPath(from: "${from}", to: "${to}", maxHops: 6) { length nodes { key } relationships { type } } }`,
      floor: (runner) => findShortestPaths(runner, { from, to, maxHops: 6, types: null, asOf: null, limit: 1 }, false),
    },
    {
      name: 'ego network, depth 2',
      query: `{ egoNetwork(center: "${first}", depth: 2, limit: 500) { truncated nodes { entity { key } degree distance } edges { type } } }`,
      // What the API does without HTTP and GraphQL: the version read, the centre read, the steps in the graph's structure in memory (read once per version, as the API does).
      floor: async (runner) => {
        const structure = floorRankings.structureAt(runner.db, await findGraphVersion(runner)) ?? (await floorRankings.structureNow(runner));
        const [center] = await findEntitiesByIds(runner, [first]);
        const filter = { types: null, labels: null, asOf: null, datedOnly: false };
        return egoNetwork(center!, { depth: 2, limit: 500, ...filter }, {
          step: async (ids, cap, kept) => structure.step(ids, cap, kept, filter),
          reachesBeyond: async (ids, kept) => structure.reachesBeyond(ids, kept, filter),
          among: (ids) => withProperties(runner, structure.among(ids, filter), KEYS_AND_TYPES),
        });
      },
    },
    {
      name: 'ecosystem map, 1,000 nodes',
      query: '{ ecosystemMap(limit: 1000) { truncated nodes { entity { key } degree } edges { type } } }',
      // The same queries as the API's: the ranking once per data version, then the subgraph.
      floor: (runner) => mapSubgraph(runner, { labels: null, themes: null, received: null, types: null, asOf: null, datedOnly: false, limit: 1000 }, floorRankings, KEYS_AND_TYPES),
    },
    {
      name: 'candidate partners for 3',
      query: `{ candidatePartners(organizations: [${membersList}], first: 10) { rank organization { key } connectedTo strength } }`,
      floor: (runner) => findCandidates(runner, { members: [...members], exclude: [], kinds: null, themes: null, asOf: null, evidenceKinds: null, limit: 10 }),
    },
  ];
}
