/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

/**
 * Arguments renamed so that one name has one meaning across the schema (`first` a page size,
 * `kinds` kinds within a type): the new names answer, the former ones still answer the same
 * while they are marked deprecated, and giving both at once is refused.
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

async function data(query: string): Promise<any> {
  const response = await api.current.graphql<any>(query);
  expect(response.errors).toBeUndefined();
  return response.data;
}

describe('renamed arguments', () => {
  it('answers the pair questions with organizations: [a, b], and the same with the former first and second', async () => {
    const current = await data('{ c: commonPartners(organizations: ["inria", "chu-montpellier"]) { organization { key } } t: together(organizations: ["chu-montpellier", "dell"]) { kind } }');
    const former = await data('{ c: commonPartners(first: "inria", second: "chu-montpellier") { organization { key } } t: together(first: "chu-montpellier", second: "dell") { kind } }');
    expect(current.c.length).toBeGreaterThan(0);
    expect(former).toEqual(current);
  });

  it('answers entity type filters with entityTypes, and the same with the former kinds', async () => {
    const query = (name: string) => `{
      s: search(text: "montpellier", ${name}: [PROJECT], first: 50) { totalCount nodes { __typename } }
      m: ecosystemMap(filter: { ${name}: [ORGANIZATION] }, limit: 30) { nodes { entity { __typename key } } }
      e: egoNetwork(center: "inria", ${name}: [ORGANIZATION]) { nodes { entity { key } } }
      c: centrality(${name}: [PERSON], first: 5) { entity { __typename key } }
    }`;
    const current = await data(query('entityTypes'));
    expect(new Set(current.s.nodes.map((node: any) => node.__typename))).toEqual(new Set(['Project']));
    expect(new Set(current.m.nodes.map((node: any) => node.entity.__typename))).toEqual(new Set(['Organization']));
    expect(new Set(current.c.map((score: any) => score.entity.__typename))).toEqual(new Set(['Person']));
    expect(await data(query('kinds'))).toEqual(current);
    const csv = (parameter: string) => fetch(`${api.current.url}/export/map?format=nodes.csv&limit=30&${parameter}=ORGANIZATION`).then((response) => response.text());
    expect(await csv('kinds')).toBe(await csv('entityTypes'));
  });

  it('is marked deprecated in the schema, with the new name in the reason', async () => {
    const { __type } = await data('{ __type(name: "Query") { fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }');
    const deprecated = __type.fields.flatMap((field: any) => field.args.filter((arg: any) => arg.isDeprecated).map((arg: any) => `${field.name}.${arg.name}: ${arg.deprecationReason}`));
    expect(deprecated).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^commonPartners\.first: Use `organizations/),
        expect.stringMatching(/^together\.second: Use `organizations/),
        expect.stringMatching(/^search\.kinds: Use `entityTypes`/),
        expect.stringMatching(/^egoNetwork\.kinds: Use `entityTypes`/),
        expect.stringMatching(/^centrality\.kinds: Use `entityTypes`/),
      ]),
    );
  });

  it('pages the centrality ranking and the communities as connections, the same as the deprecated lists', async () => {
    const lists = await data('{ centrality(entityTypes: [ORGANIZATION], first: 30) { rank entity { key } } communities(first: 30) { id size } }');
    const pages = { centrality: [] as any[], communities: [] as any[] };
    for (const [field, list, fields] of [['centralityRanking(entityTypes: [ORGANIZATION]', pages.centrality, 'rank entity { key }'], ['communityRanking(', pages.communities, 'id size']] as const) {
      let after: string | null = null;
      do {
        const answer: any = await api.current.graphql<any>(`query($after: String) { page: ${field}${field.endsWith('(') ? '' : ','} first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`, { after });
        expect(answer.errors).toBeUndefined();
        list.push(...answer.data.page.nodes);
        after = answer.data.page.pageInfo.hasNextPage && list.length < 30 ? answer.data.page.pageInfo.endCursor : null;
      } while (after);
    }
    expect(pages.centrality.slice(0, 30)).toEqual(lists.centrality);
    expect(pages.communities.slice(0, 30)).toEqual(lists.communities);
  });

  it('names what any entity works on themes, an organisation\'s former sectors still answering the same, and marks slug and sectors deprecated', async () => {
    const { organizations } = await data('{ organizations(first: 100, filter: { themes: ["health"] }) { nodes { key themes sectors slug } } }');
    expect(organizations.nodes.length).toBeGreaterThan(0);
    for (const organization of organizations.nodes) {
      expect(organization.themes).toContain('health');
      expect(organization.sectors).toEqual(organization.themes);
      expect(organization.slug).toBe(organization.key);
    }
    const { __type } = await data('{ __type(name: "Organization") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }');
    const reasons = Object.fromEntries(__type.fields.filter((field: any) => field.isDeprecated).map((field: any) => [field.name, field.deprecationReason]));
    expect(reasons.sectors).toMatch(/^Use `themes`/);
    expect(reasons.slug).toMatch(/use `key`/);
  });

  it('refuses a key given as a global id, saying which argument takes it', async () => {
    const response = await api.current.graphql('{ organization(id: "inria") { name } }');
    expect(response.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', '`id` takes a global id, as `id` fields give it; "inria" is not one: give a key as `key`.'],
    ]);
    const { organization } = await data('{ organization(key: "inria") { id } }');
    expect((await data(`{ organization(id: "${organization.id}") { key } }`)).organization).toEqual({ key: 'inria' });
  });

  it('refuses the new and the former name given together, and a pair that is not two', async () => {
    const codes = async (query: string) => (await api.current.graphql(query)).errors?.map((error) => [error.extensions?.code, error.message]);
    expect(await codes('{ search(text: "inria", entityTypes: [PROJECT], kinds: [PROJECT]) { totalCount } }')).toEqual([['BAD_USER_INPUT', 'Give `entityTypes` or its former name `kinds`, not both.']]);
    expect(await codes('{ together(organizations: ["inria"]) { kind } }')).toEqual([['BAD_USER_INPUT', '`organizations`: give exactly two organisations (got 1).']]);
    expect(await codes('{ together(organizations: ["inria", "dell"], first: "inria") { kind } }')).toEqual([['BAD_USER_INPUT', 'Give `organizations` or its former form `first` and `second`, not both.']]);
  });

  it('names each degree for what it counts: neighbours in the ranking, degreeInView in a subgraph, degree for relationships in the whole graph', async () => {
    const answer = await data(`{ centralityRanking(first: 5) { nodes { neighbours degree entity { key degree } } }
      egoNetwork(center: "inria", depth: 1) { nodes { degreeInView degree entity { key degree } } } }`);
    for (const node of answer.centralityRanking.nodes) {
      expect(node.degree).toBe(node.neighbours);
      // Distinct neighbours never exceed relationships.
      expect(node.neighbours).toBeLessThanOrEqual(node.entity.degree);
    }
    for (const node of answer.egoNetwork.nodes) {
      expect(node.degree).toBe(node.degreeInView);
      expect(node.degreeInView).toBeLessThanOrEqual(node.entity.degree);
    }
  });
});
