/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { cypher, runQuery } from '../../src/database/runQuery.js';
import { toGlobalId } from '../../src/domains/shared/globalId.js';
import { findReachesBeyond, findRelationshipsAmong } from '../../src/network/network.repository.js';
import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi();

type Evidence = { kind: string; via: { key: string } | null; weight: number; relationships: Array<{ type: string; role: string | null; sources: Array<{ source: { key: string } }> }> };
const evidenceFields = 'kind via { key } weight relationships { type role sources { source { key } } }';
/** The documented weights (PartnerEvidence.weight), restated here as the specification the answers are checked against. */
const BACKING = ['SIGNED', 'SUPPORTS', 'FUNDS'];
const expectedWeight = (item: Evidence) =>
  item.kind === 'SHARED_MEMBERSHIP' ? 1 : item.kind === 'SHARED_PROJECT' ? (item.relationships.some((relationship) => BACKING.includes(relationship.type)) ? 2 : 3) : undefined;

describe('partners of an organisation', () => {
  it('returns the shared projects and memberships as evidence, strongest partner first', async () => {
    const { data, errors } = await api.current.graphql<{ partners: { totalCount: number; edges: Array<{ node: { organization: { key: string }; strength: number; evidence: Evidence[] } }> } }>(
      `{ partners(organization: "chu-montpellier", first: 3) { totalCount edges { node { organization { key } strength evidence { ${evidenceFields} } } } } }`,
    );
    expect(errors).toBeUndefined();
    const [first] = data!.partners.edges;
    expect(first!.node.organization.key).toBe('university-of-montpellier');
    expect(first!.node.evidence.map((item) => item.weight)).toEqual(first!.node.evidence.map(expectedWeight));
    expect(first!.node.strength).toBe(first!.node.evidence.reduce((sum, item) => sum + item.weight, 0));
    expect(first!.node.evidence.map((item) => [item.kind, item.via?.key])).toEqual([
      ['SHARED_PROJECT', 'ai-health-alliance'],
      ['SHARED_PROJECT', 'erios-1'],
      ['SHARED_PROJECT', 'via-um'],
      ['SHARED_MEMBERSHIP', 'ia-montpellier-mediterranee'],
    ]);
    const alliance = first!.node.evidence[0]!;
    expect(alliance.relationships.map((relationship) => relationship.role)).toEqual(['lead', 'partner']);
    expect(alliance.relationships[0]!.sources.map((citation) => citation.source.key)).toContain('mm-ai-association-en');
    expect(data!.partners.totalCount).toBeGreaterThan(10);
  });

  it('answers as the ecosystem stood on a given day', async () => {
    const query = `query($asOf: LocalDate) { partners(organization: "montpellier-metropole", asOf: $asOf, first: 100) { edges { node { organization { key } } } } }`;
    const now = await api.current.graphql<{ partners: { edges: Array<{ node: { organization: { key: string } } }> } }>(query, {});
    const before = await api.current.graphql<{ partners: { edges: Array<{ node: { organization: { key: string } } }> } }>(query, { asOf: '2024-06-01' });
    const keysNow = now.data!.partners.edges.map((edge) => edge.node.organization.key);
    const keysBefore = before.data!.partners.edges.map((edge) => edge.node.organization.key);
    // The association's founders became partners through it in 2025; Digital 113 shares nothing else with the Metropole.
    expect(keysNow).toContain('digital-113');
    expect(keysBefore).not.toContain('digital-113');
  });

  it('gives NOT_FOUND for an unknown organisation and refuses a cursor from another query', async () => {
    const unknown = await api.current.graphql('{ partners(organization: "nobody") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { data } = await api.current.graphql<{ organizations: { pageInfo: { endCursor: string } } }>('{ organizations(first: 2) { pageInfo { endCursor } } }');
    const foreign = await api.current.graphql('query($after: String) { partners(organization: "inria", after: $after) { totalCount } }', {
      after: data!.organizations.pageInfo.endCursor,
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toMatch(/cursor of another list/);
  });
});

describe('two organisations', () => {
  it('lists who has worked with both, with the evidence on each side, in the order the pair was given', async () => {
    type Side = { organization: { key: string }; evidence: Evidence[] };
    const { data } = await api.current.graphql<{ commonPartners: Array<{ organization: { key: string }; evidenceWith: Side[]; withFirst: Evidence[]; withSecond: Evidence[] }> }>(
      `{ commonPartners(organizations: ["inria", "chu-montpellier"]) { organization { key } evidenceWith { organization { key } evidence { kind via { key } } }
         withFirst { kind via { key } } withSecond { kind via { key } } } }`,
    );
    const keys = data!.commonPartners.map((common) => common.organization.key);
    expect(keys).toEqual(expect.arrayContaining(['university-of-montpellier', 'inserm', 'numalis', 'cines', 'montpellier-metropole']));
    const um = data!.commonPartners.find((common) => common.organization.key === 'university-of-montpellier')!;
    expect(um.evidenceWith.map((side) => side.organization.key)).toEqual(['inria', 'chu-montpellier']);
    expect(um.evidenceWith[0]!.evidence.map((item) => item.via?.key)).toContain('plantnet');
    expect(um.evidenceWith[1]!.evidence.map((item) => item.via?.key)).toContain('erios-1');
    // The former fields, deprecated, say the same.
    expect([um.withFirst, um.withSecond]).toEqual(um.evidenceWith.map((side) => side.evidence));
  });

  it('looks any entity up by global id or by key, one of them, and says which argument is wrong', async () => {
    const { data } = await api.current.graphql<{ organization: { id: string } }>('{ organization(key: "inria") { id } }');
    const id = data!.organization.id;
    const answer = await api.current.graphql<{ byId: { key: string }; byKey: { key: string }; former: { key: string } }>(
      'query($id: ID!) { byId: entity(id: $id) { key } byKey: entity(key: "inria") { key } former: entity(key: $id) { key } }', { id },
    );
    expect(answer.data).toEqual({ byId: { key: 'inria' }, byKey: { key: 'inria' }, former: { key: 'inria' } });
    for (const query of ['{ entity { key } }', `{ entity(id: "${id}", key: "inria") { key } }`, '{ entity(id: "inria") { key } }']) {
      const refused = await api.current.graphql(query);
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('shows everything two organisations did together, and nothing for strangers', async () => {
    const { data } = await api.current.graphql<{ together: Evidence[]; strangers: Evidence[] }>(
      `{ together(organizations: ["chu-montpellier", "dell"]) { ${evidenceFields} } strangers: together(organizations: ["vogo", "medef"]) { kind } }`,
    );
    expect(data!.together).toEqual([
      { kind: 'DIRECT', via: null, weight: 3, relationships: [{ type: 'PARTNERS_WITH', role: null, sources: [{ source: { key: 'mm-ai-association-en' } }] }] },
    ]);
    expect(data!.strangers).toEqual([]);
  });

  it('counts a joint unit that is part of both as what they do together, weighing a structural link', async () => {
    const { data } = await api.current.graphql<{ together: Evidence[]; partners: { edges: Array<{ node: { organization: { key: string }; evidence: Array<{ kind: string }> } }> } }>(
      `{ together(organizations: ["inria", "university-of-montpellier"]) { ${evidenceFields} }
         partners(organization: "inria", evidence: [SHARED_UNIT], first: 10) { edges { node { organization { key } evidence { kind } } } } }`,
    );
    const unit = data!.together.find((item) => item.kind === 'SHARED_UNIT');
    expect(unit).toMatchObject({ via: { key: 'inria-um-unit' }, weight: 2 });
    expect(unit!.relationships.map((relationship) => relationship.type)).toEqual(['PART_OF', 'PART_OF']);
    expect(unit!.relationships.every((relationship) => relationship.sources.length > 0)).toBe(true);
    expect(data!.partners.edges.map((edge) => edge.node.organization.key)).toEqual(['university-of-montpellier']);
  });
});

describe('consortia', () => {
  it('gives the consortium of a project with roles, lead first', async () => {
    const { data, errors } = await api.current.graphql<{ consortium: Array<{ member: { key: string }; roles: string[] }>; unknown: null }>(
      '{ consortium(project: "ai-health-alliance") { member { key } roles } unknown: consortium(project: "nothing") { roles } }',
    );
    expect(errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['unknown'], 'NOT_FOUND']]);
    expect(data!.consortium[0]).toEqual({ member: { key: 'chu-montpellier' }, roles: ['lead'] });
    expect(data!.consortium.slice(1).map((member) => member.member.key).sort()).toEqual(['cines', 'inria', 'inserm', 'montpellier-metropole', 'numalis', 'university-of-montpellier']);
    expect(data!.unknown).toBeNull();
  });

  it('ranks candidate partners by how connected they are to the set, with evidence, filtered and excluding some', async () => {
    const { data, errors } = await api.current.graphql<{ candidatePartners: Array<{ rank: number; organization: { key: string }; connectedTo: number; evidence: Array<{ with: { key: string }; evidence: Evidence[] }> }> }>(
      `{ candidatePartners(organizations: ["chu-montpellier", "inria"], exclude: ["montpellier-metropole"], kinds: ["university", "research-institute", "startup"], first: 4) {
          rank organization { key } connectedTo evidence { with { key } evidence { kind via { key } } } } }`,
    );
    expect(errors).toBeUndefined();
    const [best] = data!.candidatePartners;
    expect(best).toMatchObject({ rank: 1, organization: { key: 'university-of-montpellier' }, connectedTo: 2 });
    expect(best!.evidence.map((item) => item.with.key).sort()).toEqual(['chu-montpellier', 'inria']);
    const keys = data!.candidatePartners.map((candidate) => candidate.organization.key);
    expect(keys).not.toContain('montpellier-metropole');
    expect(keys).toContain('inserm');
  });

  it('pages through the candidates with cursors, for the same question only', async () => {
    type Page = { candidatePartners: Array<{ rank: number; cursor: string; organization: { key: string } }> };
    const query = 'query($first: Int, $after: String, $exclude: [ID!]) { candidatePartners(organizations: ["chu-montpellier", "inria"], exclude: $exclude, first: $first, after: $after) { rank cursor organization { key } } }';
    const whole = (await api.current.graphql<Page>(query, { first: 6 })).data!.candidatePartners;
    expect(whole.length).toBe(6);
    const firstPage = (await api.current.graphql<Page>(query, { first: 3 })).data!.candidatePartners;
    const secondPage = (await api.current.graphql<Page>(query, { first: 3, after: firstPage.at(-1)!.cursor })).data!.candidatePartners;
    expect([...firstPage, ...secondPage]).toEqual(whole);
    expect(secondPage.map((candidate) => candidate.rank)).toEqual([4, 5, 6]);
    // The cursor of another question (another exclusion) is refused, not read as a position in this one.
    const other = await api.current.graphql(query, { first: 3, after: firstPage.at(-1)!.cursor, exclude: ['cines'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('ranks every candidate as the partners of each member say: by members worked with, then evidence, then key', async () => {
    const members = ['chu-montpellier', 'inria', 'university-of-montpellier'];
    const partnerLists = await Promise.all(
      members.map(async (member) => {
        const { data } = await api.current.graphql<{ partners: { edges: Array<{ node: { organization: { key: string }; strength: number } }> } }>(
          `{ partners(organization: "${member}", first: 100) { edges { node { organization { key } strength } } } }`,
        );
        return data!.partners.edges.map((edge) => edge.node);
      }),
    );
    // Sub-units and parents of a member are never candidates.
    const family = new Set<string>();
    for (const member of members) {
      const { data } = await api.current.graphql<{ organization: { subUnits: { nodes: Array<{ key: string }> }; parents: { nodes: Array<{ key: string }> } } }>(
        `{ organization(key: "${member}") { subUnits(first: 100) { nodes { key } } parents(first: 100) { nodes { key } } } }`,
      );
      for (const related of [...data!.organization.subUnits.nodes, ...data!.organization.parents.nodes]) family.add(related.key);
    }
    expect(family.size).toBeGreaterThan(0);
    const expected = new Map<string, { connectedTo: number; strength: number }>();
    for (const partners of partnerLists) {
      for (const partner of partners) {
        if (members.includes(partner.organization.key) || family.has(partner.organization.key)) continue;
        const entry = expected.get(partner.organization.key) ?? { connectedTo: 0, strength: 0 };
        expected.set(partner.organization.key, { connectedTo: entry.connectedTo + 1, strength: entry.strength + partner.strength });
      }
    }
    const ranking = [...expected]
      .sort(([aKey, a], [bKey, b]) => b.connectedTo - a.connectedTo || b.strength - a.strength || (aKey < bKey ? -1 : 1))
      .slice(0, 100)
      .map(([key, entry], index) => ({ rank: index + 1, key, ...entry }));
    expect(ranking.length).toBeGreaterThan(3);

    const { data, errors } = await api.current.graphql<{ candidatePartners: Array<{ rank: number; organization: { key: string }; connectedTo: number; strength: number; evidence: Array<{ with: { key: string }; evidence: Evidence[] }> }> }>(
      `{ candidatePartners(organizations: ${JSON.stringify(members)}, first: 100) { rank organization { key } connectedTo strength evidence { with { key } evidence { kind via { key } weight } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.candidatePartners.map((candidate) => ({ rank: candidate.rank, key: candidate.organization.key, connectedTo: candidate.connectedTo, strength: candidate.strength }))).toEqual(ranking);
    for (const candidate of data!.candidatePartners) {
      expect(candidate.evidence.map((item) => item.with.key)).toEqual(members.filter((member) => candidate.evidence.some((item) => item.with.key === member)));
      expect(candidate.evidence.reduce((sum, item) => sum + item.evidence.reduce((weights, piece) => weights + piece.weight, 0), 0)).toBe(candidate.strength);
    }
  });
});

describe('paths', () => {
  it('finds a shortest path as alternating nodes and relationships with sources', async () => {
    const { data } = await api.current.graphql<{ shortestPath: { length: number; nodes: Array<{ key: string }>; relationships: Array<{ type: string; from: { key: string }; to: { key: string }; sources: unknown[] }> } }>(
      '{ shortestPath(from: "julie-josse", to: "yann-lecun", maxHops: 6) { length nodes { key } relationships { type from { key } to { key } sources { locator } } } }',
    );
    const path = data!.shortestPath;
    expect(path.nodes[0]!.key).toBe('julie-josse');
    expect(path.nodes.at(-1)!.key).toBe('yann-lecun');
    expect(path.relationships).toHaveLength(path.length);
    expect(path.nodes).toHaveLength(path.length + 1);
    path.relationships.forEach((relationship, i) => {
      expect([relationship.from.key, relationship.to.key].sort()).toEqual([path.nodes[i]!.key, path.nodes[i + 1]!.key].sort());
      expect(relationship.sources.length).toBeGreaterThan(0);
    });
  });

  it('gives every shortest path, and respects the relationship types asked for', async () => {
    const { data } = await api.current.graphql<{ all: Array<{ length: number; nodes: Array<{ key: string }> }>; typed: null | { length: number } }>(
      `{ all: allShortestPaths(from: "university-of-montpellier", to: "chu-montpellier", maxHops: 3) { length nodes { key } }
         typed: shortestPath(from: "university-of-montpellier", to: "chu-montpellier", maxHops: 3, types: [PARTNERS_WITH]) { length } }`,
    );
    expect(data!.all.length).toBeGreaterThan(1);
    expect(new Set(data!.all.map((path) => path.length)).size).toBe(1);
    expect(data!.all.map((path) => path.nodes[1]!.key)).toEqual(expect.arrayContaining(['ai-health-alliance', 'erios-1', 'via-um', 'ia-montpellier-mediterranee']));
    expect(data!.typed).toBeNull();
  });

  it('rejects more than 6 hops with BAD_USER_INPUT naming the bound, and gives null with NOT_FOUND for an unknown end', async () => {
    const tooFar = await api.current.graphql('{ shortestPath(from: "inria", to: "cnrs", maxHops: 7) { length } }');
    expect(tooFar.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooFar.errors?.[0]?.message).toContain('between 1 and 6');
    const unknown = await api.current.graphql<{ shortestPath: null }>('{ shortestPath(from: "inria", to: "nowhere") { length } }');
    expect(unknown.data!.shortestPath).toBeNull();
    expect(unknown.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['shortestPath'], 'NOT_FOUND']]);
  });
});

describe('candidates for a consortium', () => {
  it('never proposes a sub-unit or a parent of a member', async () => {
    const { data, errors } = await api.current.graphql<{ set: Array<{ organization: { key: string } }>; alone: Array<{ organization: { key: string } }> }>(`{
      set: candidatePartners(organizations: ["inria", "university-of-montpellier"], first: 100) { organization { key } }
      alone: candidatePartners(organizations: ["inria"], first: 100) { organization { key } }
    }`);
    expect(errors).toBeUndefined();
    // The joint unit works with both (it is part of both): a candidate for neither, as a sub-unit of each.
    expect(data!.set.map((candidate) => candidate.organization.key)).not.toContain('inria-um-unit');
    expect(data!.alone.map((candidate) => candidate.organization.key)).not.toContain('inria-um-unit');
    // The university is not Inria's sub-unit or parent: it stays a candidate for Inria alone.
    expect(data!.alone.map((candidate) => candidate.organization.key)).toContain('university-of-montpellier');
  });

  it('lists apart the organisations of the kinds asked that have no link with the set yet, most connected first', async () => {
    const members = ['inria', 'university-of-montpellier'];
    const { data, errors } = await api.current.graphql<any>(`{
      candidates: candidatePartners(organizations: ${JSON.stringify(members)}, kinds: ["company"], first: 100) { organization { key } }
      unconnected: unconnectedCandidates(organizations: ${JSON.stringify(members)}, kinds: ["company"], first: 100) { key kind degree }
      companies: organizations(filter: { kinds: ["company"] }, first: 100) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    const unconnected = data.unconnected.map((organization: any) => organization.key);
    expect(unconnected.length).toBeGreaterThan(0);
    expect(data.unconnected.every((organization: any) => organization.kind === 'company')).toBe(true);
    // Every company is either a candidate (it has evidence with the set) or not yet connected, never both.
    expect(unconnected.filter((key: string) => data.candidates.some((candidate: any) => candidate.organization.key === key))).toEqual([]);
    expect(unconnected.length + data.candidates.length).toBe(data.companies.totalCount);
    const degrees = data.unconnected.map((organization: any) => organization.degree);
    expect(degrees).toEqual([...degrees].sort((a: number, b: number) => b - a));
    // Nothing links them to a member: no evidence, no relationship.
    for (const key of unconnected.slice(0, 5)) {
      const between = await api.current.graphql<any>(`{ a: together(organizations: ["inria", "${key}"]) { kind } b: together(organizations: ["university-of-montpellier", "${key}"]) { kind } }`);
      expect([between.data.a, between.data.b]).toEqual([[], []]);
    }
  });
});

describe('an unknown entity in an argument', () => {
  it('nulls only the field that names it, with NOT_FOUND on its path, on every root field; the rest of the operation is answered with 200', async () => {
    const fields: Record<string, string> = {
      partners: 'partners(organization: "inra") { totalCount }',
      coPublications: 'coPublications(organization: "inra") { totalCount }',
      commonPartners: 'commonPartners(organizations: ["inria", "inra"]) { organization { key } }',
      together: 'together(organizations: ["inra", "inria"]) { kind }',
      consortium: 'consortium(project: "no-project") { roles }',
      candidatePartners: 'candidatePartners(organizations: ["inria", "inra"]) { rank }',
      shortestPath: 'shortestPath(from: "inra", to: "inria") { length }',
      allShortestPaths: 'allShortestPaths(from: "inria", to: "inra") { length }',
      egoNetwork: 'egoNetwork(center: "inra") { truncated }',
    };
    const response = await api.current.graphql<Record<string, unknown>>(`{ organization(key: "inria") { name } ${Object.values(fields).join(' ')} }`, {}, {
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ organization: { name: 'Inria' }, ...Object.fromEntries(Object.keys(fields).map((field) => [field, null])) });
    expect(response.errors!.map((error) => [error.path![0], error.extensions!.code]).sort()).toEqual(Object.keys(fields).map((field) => [field, 'NOT_FOUND']).sort());
    // A look-up by key is the other rule: null for an unknown key, and no error.
    const lookUp = await api.current.graphql('{ organization(key: "inra") { name } entity(key: "inra") { key } }');
    expect(lookUp.data).toEqual({ organization: null, entity: null });
    expect(lookUp.errors).toBeUndefined();
  });
});

describe('ego networks and maps', () => {
  it('returns the neighbourhood of a node with distances and the relationships among them', async () => {
    const { data } = await api.current.graphql<{ egoNetwork: { truncated: boolean; nodes: Array<{ entity: { key: string }; distance: number; degree: number }>; edges: Array<{ from: { key: string }; to: { key: string } }> } }>(
      '{ egoNetwork(center: "julie-josse", depth: 2) { truncated nodes { entity { key } distance degree } edges { from { key } to { key } } } }',
    );
    const ego = data!.egoNetwork;
    const distance = Object.fromEntries(ego.nodes.map((node) => [node.entity.key, node.distance]));
    expect(distance).toMatchObject({ 'julie-josse': 0, premedical: 1, 'inria-um-unit': 1, inria: 2, 'university-of-montpellier': 2 });
    const kept = new Set(Object.keys(distance));
    for (const edge of ego.edges) expect(kept.has(edge.from.key) && kept.has(edge.to.key)).toBe(true);
    expect(ego.truncated).toBe(false);
  });

  it('cuts at the node limit and says so; rejects a depth over 3 with the bound; null for an unknown centre', async () => {
    const { data } = await api.current.graphql<{ egoNetwork: { truncated: boolean; nodes: unknown[] } }>('{ egoNetwork(center: "montpellier-metropole", depth: 2, limit: 5) { truncated nodes { distance } } }');
    expect(data!.egoNetwork).toMatchObject({ truncated: true });
    expect(data!.egoNetwork.nodes).toHaveLength(5);
    const deep = await api.current.graphql('{ egoNetwork(center: "inria", depth: 4) { truncated } }');
    expect(deep.errors?.[0]?.message).toContain('between 1 and 3');
    const unknown = await api.current.graphql<{ egoNetwork: null }>('{ egoNetwork(center: "nobody") { truncated } }');
    expect(unknown.data!.egoNetwork).toBeNull();
  });

  it('draws a filtered map whose degrees count the relationships inside it', async () => {
    const { data } = await api.current.graphql<{ ecosystemMap: { nodes: Array<{ entity: { key: string; __typename: string }; degree: number }>; edges: Array<{ from: { key: string }; to: { key: string } }> } }>(
      '{ ecosystemMap(filter: { kinds: [ORGANIZATION], themes: ["health"] }, limit: 50) { nodes { entity { key __typename } degree } edges { from { key } to { key } } } }',
    );
    const map = data!.ecosystemMap;
    expect(map.nodes.every((node) => node.entity.__typename === 'Organization')).toBe(true);
    expect(map.nodes.map((node) => node.entity.key)).toEqual(expect.arrayContaining(['chu-montpellier', 'inserm', 'dedalus']));
    for (const node of map.nodes) {
      const inside = map.edges.filter((edge) => edge.from.key === node.entity.key || edge.to.key === node.entity.key).length;
      expect(node.degree).toBe(inside);
    }
  });
});

describe('relationships among a set of entities', () => {
  const everyRelationshipAmong = cypher(
    'everyRelationshipAmongForTest',
    'READ',
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids
       AND ($asOf IS NULL OR ((coalesce(r.sinceFrom, r.inferredFrom) IS NULL OR coalesce(r.sinceFrom, r.inferredFrom) <= $asOf) AND (r.untilTo IS NULL OR r.untilTo >= $asOf)))
     RETURN r.id AS id ORDER BY id`,
  );

  it('are all found, whether each member is read in full or joined to every other member', async () => {
    const runner = { db: api.current.db };
    const [ranked] = await runQuery(runner, cypher('mostConnectedForTest', 'READ', 'MATCH (n:Entity) WITH n ORDER BY COUNT { (n)--() } DESC, n.id LIMIT 60 RETURN collect(n.id) AS ids'), {});
    const ids = ranked!.ids as string[];
    for (const asOf of [null, '2024-06-01']) {
      const expected = (await runQuery(runner, everyRelationshipAmong, { ids, asOf })).map((row) => row.id as string);
      expect(expected.length).toBeGreaterThan(20);
      const readInFull = await findRelationshipsAmong(runner, ids, { types: null, asOf, datedOnly: false });
      const joined = await findRelationshipsAmong(runner, ids, { types: null, asOf, datedOnly: false }, 0);
      expect(readInFull.relationships.map((relationship) => relationship.id).sort()).toEqual(expected);
      expect(joined.relationships.map((relationship) => relationship.id).sort()).toEqual(expected);
      expect(readInFull.entities.map((entity) => entity.id)).toEqual(ids);
    }
  });
});

describe('whether entities reach beyond a set', () => {
  it('is true only while a matching neighbour is left outside the set', async () => {
    const runner = { db: api.current.db };
    const everyFilter = { types: null, labels: null, asOf: null, datedOnly: false };
    const [row] = await runQuery(runner, cypher('neighboursForTest', 'READ', "MATCH (:Entity {id: 'erios-1'})--(m:Entity) RETURN collect(DISTINCT m.id) AS ids"), {});
    const neighbours = row!.ids as string[];
    expect(neighbours.length).toBeGreaterThan(1);
    expect(await findReachesBeyond(runner, ['erios-1'], ['erios-1', ...neighbours], everyFilter)).toBe(false);
    expect(await findReachesBeyond(runner, ['erios-1'], ['erios-1', ...neighbours.slice(1)], everyFilter)).toBe(true);
    expect(await findReachesBeyond(runner, ['erios-1'], ['erios-1'], { ...everyFilter, types: ['FUNDS_NOTHING_FOR_TEST'] })).toBe(false);
  });
});

describe('graph metrics', () => {
  it('ranks the Metropole as the most central actor, and groups entities in communities', async () => {
    const { data } = await api.current.graphql<{ centrality: Array<{ rank: number; entity: { key: string }; degree: number; betweenness: number; community: number }>; communities: Array<{ id: number; size: number; members: Array<{ key: string }> }> }>(
      '{ centrality(first: 3, kinds: [ORGANIZATION]) { rank entity { key } degree betweenness community } communities(first: 100) { id size members(first: 100) { key } } }',
    );
    expect(data!.centrality[0]).toMatchObject({ rank: 1, entity: { key: 'montpellier-metropole' } });
    expect(data!.centrality[0]!.betweenness).toBeGreaterThan(data!.centrality[1]!.betweenness);
    const community = data!.communities.find((candidate) => candidate.id === data!.centrality[0]!.community)!;
    expect(community.members.map((member) => member.key)).toContain('montpellier-metropole');
    const sizes = data!.communities.map((candidate) => candidate.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});

describe('round trips of relationship questions', () => {
  it('stay constant for partners asked on many organisations', async () => {
    const query = (first: number) => `{ organizations(first: ${first}, orderBy: DEGREE) { nodes { key
      partners(first: 5) { totalCount edges { node { organization { name } strength evidence { kind via { name } relationships { type sources { locator source { title } } } } } } } } } }`;
    const few = await api.current.graphql(query(2));
    const many = await api.current.graphql(query(50));
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    // list + partner evidence + the entities at the other ends + the sources cited
    expect(many.extensions?.roundTrips).toBe(few.extensions?.roundTrips);
    expect(many.extensions?.roundTrips).toBeLessThanOrEqual(5);
  });
});

describe('the organisations\' partnership network', () => {
  it('measures organisations only, each with the strength and the number of partners that `partners` gives it', async () => {
    type Score = { neighbours: number; strength: number; community: number; entity: { key: string; __typename: string } };
    const { data } = await api.current.graphql<{ centralityRanking: { totalCount: number; nodes: Score[] }; communityRanking: { modularity: number; nodes: Array<{ members: Array<{ __typename: string }> }> } }>(
      `{ centralityRanking(network: PARTNERSHIPS, first: 15) { totalCount nodes { neighbours strength community entity { key __typename } } }
         communityRanking(network: PARTNERSHIPS, first: 5) { modularity nodes { members(first: 100) { __typename } } } }`,
    );
    const { centralityRanking, communityRanking } = data!;
    expect(centralityRanking.nodes.every((node) => node.entity.__typename === 'Organization')).toBe(true);
    const strengths = centralityRanking.nodes.map((node) => node.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    expect(strengths[0]).toBeGreaterThan(0);
    for (const node of centralityRanking.nodes) {
      const partners = await api.current.graphql<{ partners: { totalCount: number; nodes: Array<{ strength: number }> } }>(
        'query($key: ID!) { partners(organization: $key, first: 100) { totalCount nodes { strength } } }',
        { key: node.entity.key },
      );
      const page = partners.data!.partners;
      expect([node.neighbours, node.strength], node.entity.key).toEqual([page.totalCount, page.nodes.reduce((sum, partner) => sum + partner.strength, 0)]);
    }
    expect(communityRanking.modularity).toBeGreaterThan(0);
    expect(communityRanking.nodes.flatMap((community) => community.members).every((member) => member.__typename === 'Organization')).toBe(true);
  });
});

describe('the partnership network as a file', () => {
  it('exports organisations and one undirected link per pair of partners, weighing its strength and citing its evidence', async () => {
    const response = await fetch(`${api.current.url}/export/partnerships?format=json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="montpellier-ai-partnerships.json"');
    const file = (await response.json()) as { nodes: Array<{ id: string; kind: string; neighbours: number; community: number }>; edges: Array<{ source: string; target: string; weight: number; directed: boolean; sources: string[] }> };
    expect(file.nodes.every((node) => node.kind === 'Organization')).toBe(true);
    expect(file.edges.every((edge) => edge.directed === false && edge.sources.length > 0)).toBe(true);
    // The links of the CHU are its partners, with their strengths.
    const { data } = await api.current.graphql<{ partners: { nodes: Array<{ strength: number; organization: { key: string } }> } }>('{ partners(organization: "chu-montpellier", first: 100) { nodes { strength organization { key } } } }');
    const links = new Map(file.edges.filter((edge) => edge.source === 'chu-montpellier' || edge.target === 'chu-montpellier').map((edge) => [edge.source === 'chu-montpellier' ? edge.target : edge.source, edge.weight]));
    expect(links).toEqual(new Map(data!.partners.nodes.map((partner) => [partner.organization.key, partner.strength])));
    expect(file.nodes.find((node) => node.id === 'chu-montpellier')!.neighbours).toBe(links.size);
    expect((await fetch(`${api.current.url}/export/partnerships?network=friends`)).status).toBe(400);
  });

  it('serves the strongest part of it as a map: the organisations of greatest strength, the links among them as the export weighs them', async () => {
    const { data } = await api.current.graphql<any>(`{ whole: partnershipMap(limit: 2000) { truncated nodes { strength entity { key } } links { key strength from { key } to { key } sources { source { key } locator } } }
      top: partnershipMap(limit: 5) { truncated nodes { rank strength entity { key } } links { key from { key } to { key } } }
      ranking: centralityRanking(network: PARTNERSHIPS, first: 5) { nodes { strength entity { key } } } }`);
    expect(data.whole.truncated).toBe(false);
    const file = (await (await fetch(`${api.current.url}/export/partnerships?format=json`)).json()) as { edges: Array<{ source: string; target: string; weight: number }> };
    const exported = new Map(file.edges.map((edge) => [[edge.source, edge.target].sort().join('~'), edge.weight]));
    expect(new Map(data.whole.links.map((link: any) => [link.key, link.strength]))).toEqual(exported);
    for (const link of data.whole.links) {
      expect(link.key).toBe(`${link.from.key}~${link.to.key}`);
      expect(link.from.key < link.to.key).toBe(true);
      expect(link.sources.length).toBeGreaterThan(0);
    }
    // The top five are the ranking's, strongest first; only links among them are drawn.
    expect(data.top.truncated).toBe(true);
    expect(data.top.nodes.map((node: any) => node.entity.key)).toEqual(data.ranking.nodes.map((node: any) => node.entity.key));
    const kept = new Set(data.top.nodes.map((node: any) => node.entity.key));
    expect(data.top.links.length).toBeGreaterThan(0);
    expect(data.top.links.every((link: any) => kept.has(link.from.key) && kept.has(link.to.key))).toBe(true);
    expect(data.top.links.length).toBe(data.whole.links.filter((link: any) => kept.has(link.from.key) && kept.has(link.to.key)).length);
    // The same limit in the file export; the whole graph is not a partnership network.
    const top = (await (await fetch(`${api.current.url}/export/partnerships?format=json&limit=5`)).json()) as { nodes: unknown[] };
    expect(top.nodes).toHaveLength(5);
    const { errors } = await api.current.graphql<any>('{ partnershipMap(network: WHOLE_GRAPH) { truncated } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the day a relationship counts from', () => {
  it('is its stated date, else the day of its event, else the publication of its earliest source, said as inferred; a slice before it leaves it out', async () => {
    const { data } = await api.current.graphql<any>(`{
      council: node(id: "${toGlobalId('Relationship', 'reynaud-at-council-session')}") { ... on Relationship { since heldFrom heldFromInference to { ... on Event { date } } } }
      published: node(id: "${toGlobalId('Relationship', 'sopra-supports-mapping-2025')}") { ... on Relationship { since heldFrom heldFromInference sources { source { key } } } }
      stated: node(id: "${toGlobalId('Relationship', 'metropole-received-innovative-territory')}") { ... on Relationship { since heldFrom heldFromInference } }
      sourcesCatalog: sourceCatalog(first: 10) { nodes { key published } }
      then: entity(key: "council-session-2023-10-03") { ... on Event { relationships(asOf: "2020-06-01", first: 50) { totalCount } } }
      after: entity(key: "council-session-2023-10-03") { ... on Event { relationships(asOf: "2023-10-04", first: 50) { totalCount } } }
    }`);
    expect(data.council).toEqual({ since: null, heldFrom: '2023-10-03', heldFromInference: 'EVENT_DATE', to: { date: '2023-10-03' } });
    const published = new Map(data.sourcesCatalog.nodes.map((source: any) => [source.key, source.published]));
    expect(data.published.since).toBeNull();
    expect(data.published.heldFromInference).toBe('SOURCE_PUBLISHED');
    expect(data.published.heldFrom).toBe(`${published.get(data.published.sources[0].source.key)}-01`);
    expect(data.stated).toEqual({ since: '2024-04', heldFrom: '2024-04-01', heldFromInference: 'STATED' });
    // A 2023 council session's participations are not in force in 2020.
    expect(data.then.relationships.totalCount).toBe(0);
    expect(data.after.relationships.totalCount).toBeGreaterThan(0);
  });
});

type RankedNode = { neighbours: number; entity: { key: string } };

/** Each ranked entity has as many distinct neighbours as a recomputation on the map's edges finds. */
function expectNeighboursOf(nodes: RankedNode[], edges: Array<{ from: { key: string }; to: { key: string } }>): void {
  const neighbours = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.from.key === edge.to.key) continue;
    for (const [a, b] of [[edge.from.key, edge.to.key], [edge.to.key, edge.from.key]] as const) neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
  }
  for (const node of nodes) expect(node.neighbours, node.entity.key).toBe(neighbours.get(node.entity.key)?.size ?? 0);
}

/** Some entity of the slice has fewer neighbours than in the whole graph. */
function expectFewerSomewhere(slice: RankedNode[], whole: RankedNode[]): void {
  const wholeNeighbours = new Map(whole.map((node) => [node.entity.key, node.neighbours]));
  expect(slice.some((node) => wholeNeighbours.has(node.entity.key) && node.neighbours < wholeNeighbours.get(node.entity.key)!)).toBe(true);
}

describe('rankings on a day', () => {
  it('measure the graph as it stood that day: the neighbours a recomputation on that day\'s map finds', async () => {
    const day = '2020-06-01';
    const { data } = await api.current.graphql<any>(
      `query($day: LocalDate) { then: centralityRanking(asOf: $day, first: 100) { nodes { neighbours entity { key } } }
         now: centralityRanking(first: 100) { nodes { neighbours entity { key } } }
         map: ecosystemMap(filter: { asOf: $day }, limit: 2000) { truncated nodes { entity { key } } edges { from { key } to { key } } }
         communities: communityRanking(asOf: $day, first: 1) { totalCount modularity } }`,
      { day },
    );
    expect(data.map.truncated).toBe(false);
    expectNeighboursOf(data.then.nodes, data.map.edges);
    // Relationships that began later do not count then: some entity had fewer neighbours that day.
    expectFewerSomewhere(data.then.nodes, data.now.nodes);
    expect(data.communities.totalCount).toBeGreaterThan(0);
    // An export at that day carries that day's degree and measures, not today's.
    const file = (await (await fetch(`${api.current.url}/export/map?format=json&limit=2000&asOf=${day}`)).json()) as { truncated: boolean; nodes: Array<{ id: string; degree: number; degreeInView: number; neighbours: number }> };
    expect(file.truncated).toBe(false);
    const thenNeighbours = new Map(data.then.nodes.map((node: any) => [node.entity.key, node.neighbours]));
    for (const node of file.nodes) {
      expect(node.degree, node.id).toBe(node.degreeInView);
      if (thenNeighbours.has(node.id)) expect(node.neighbours, node.id).toBe(thenNeighbours.get(node.id));
    }
    const today = (await (await fetch(`${api.current.url}/export/map?format=json&limit=2000`)).json()) as { nodes: Array<{ id: string; degree: number }> };
    const degreeToday = new Map(today.nodes.map((node) => [node.id, node.degree]));
    expect(file.nodes.some((node) => node.degree < degreeToday.get(node.id)!)).toBe(true);
  });
});

describe('dated links only', () => {
  it('count only the relationships a source dates, in the measures, the maps, the ego networks and the exports', async () => {
    const dated = ['STATED', 'EVENT_DATE'];
    const { data, errors } = await api.current.graphql<any>(
      `{ dated: centralityRanking(datedOnly: true, first: 100) { nodes { neighbours entity { key } } }
         all: centralityRanking(first: 100) { nodes { neighbours entity { key } } }
         map: ecosystemMap(filter: { datedOnly: true }, limit: 2000) { truncated nodes { entity { key } } edges { heldFromInference from { key } to { key } } }
         whole: egoNetwork(center: "montpellier-metropole", limit: 100) { edges { heldFromInference } }
         ego: egoNetwork(center: "montpellier-metropole", depth: 2, datedOnly: true, limit: 100) { edges { heldFromInference } }
         partnerships: partnershipMap(datedOnly: true, limit: 300) { links { strength } }
         allPartnerships: partnershipMap(limit: 300) { links { strength } }
         communities: communityRanking(datedOnly: true, first: 1) { totalCount modularity } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.map.truncated).toBe(false);
    // Only dated relationships are drawn, and some undated ones exist to be left out.
    expect(data.map.edges.length).toBeGreaterThan(10);
    for (const edge of [...data.map.edges, ...data.ego.edges]) expect(dated).toContain(edge.heldFromInference);
    expect(data.whole.edges.filter((edge: any) => !dated.includes(edge.heldFromInference)).length).toBeGreaterThan(0);
    // The measures are those of the dated graph: a recomputation on its map finds the same neighbours.
    expectNeighboursOf(data.dated.nodes, data.map.edges);
    expectFewerSomewhere(data.dated.nodes, data.all.nodes);
    expect(data.communities.totalCount).toBeGreaterThan(0);
    const total = (links: Array<{ strength: number }>) => links.reduce((sum, link) => sum + link.strength, 0);
    expect(total(data.partnerships.links)).toBeLessThan(total(data.allPartnerships.links));
    // The export of the dated map carries the dated graph's degrees, and refuses a flag it cannot read.
    const file = (await (await fetch(`${api.current.url}/export/map?format=json&limit=2000&datedOnly=true`)).json()) as { nodes: Array<{ id: string; degree: number; degreeInView: number }> };
    for (const node of file.nodes) expect(node.degree, node.id).toBe(node.degreeInView);
    const refused = await fetch(`${api.current.url}/export/map?format=json&datedOnly=yes`);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('datedOnly');
  });
});

describe('structure measures through the API', () => {
  it('give each ranked entity its clustering, core number and component, and the number of components', async () => {
    const { data } = await api.current.graphql<any>('{ centralityRanking(first: 100) { componentCount totalCount nodes { neighbours clustering core component } } }');
    const ranking = data.centralityRanking;
    expect(ranking.componentCount).toBeGreaterThanOrEqual(1);
    expect(ranking.componentCount).toBeLessThanOrEqual(ranking.totalCount);
    for (const node of ranking.nodes) {
      expect(node.clustering).toBeGreaterThanOrEqual(0);
      expect(node.clustering).toBeLessThanOrEqual(1);
      // A k-core member has at least k neighbours.
      expect(node.core).toBeLessThanOrEqual(node.neighbours);
      expect(node.component).toBeLessThan(ranking.componentCount);
    }
    // The best connected entities are in the largest component.
    expect(ranking.nodes[0].component).toBe(0);
  });
});

describe('communities at another resolution', () => {
  it('finds more communities at a higher resolution and fewer at a lower, and refuses one out of bounds', async () => {
    const { data } = await api.current.graphql<any>(`{ low: communityRanking(resolution: 0.3, first: 1) { totalCount modularity }
      standard: communityRanking(first: 1) { totalCount modularity } high: communityRanking(resolution: 3, first: 1) { totalCount modularity }
      unweighted: communityRanking(network: PARTNERSHIPS, weighted: false, first: 1) { totalCount } weighted: communityRanking(network: PARTNERSHIPS, first: 1) { totalCount } }`);
    expect(data.low.totalCount).toBeLessThan(data.standard.totalCount);
    expect(data.high.totalCount).toBeGreaterThan(data.standard.totalCount);
    expect(data.unweighted.totalCount).toBeGreaterThan(0);
    const refused = await api.current.graphql('{ communityRanking(resolution: 0) { totalCount } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'resolution' });
  });
});
