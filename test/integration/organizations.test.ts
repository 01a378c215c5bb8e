import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi();

describe('an organisation over HTTP', () => {
  it('is read from Neo4j with its projects, roles and sources', async () => {
    const response = await api.current.graphql<{ organization: { name: string; kind: string; projects: { totalCount: number; edges: Array<{ relationship: { role: string | null; type: string }; node: { name: string } }> } } }>(
      `{ organization(key: "university-of-montpellier") {
          name kind
          projects(first: 50) { totalCount edges { relationship { type role } node { name } } }
        } }`,
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const organization = response.data!.organization;
    expect(organization.name).toBe('University of Montpellier');
    expect(organization.kind).toBe('university');
    const bid = organization.projects.edges.find((edge) => edge.node.name === 'vIA-UM');
    expect(bid?.relationship).toEqual({ type: 'PARTICIPATES_IN', role: null });
    const erios = organization.projects.edges.find((edge) => edge.node.name === 'ERIOS#1');
    expect(erios?.relationship).toEqual({ type: 'PARTICIPATES_IN', role: 'partner' });
    expect(organization.projects.edges.map((edge) => edge.node.name)).toContain('Pl@ntNet');
    expect(organization.projects.totalCount).toBe(organization.projects.edges.length);
  });

  it('is found by global id, key and slug, and is null when unknown', async () => {
    const { data } = await api.current.graphql<{ byKey: { id: string } }>('{ byKey: organization(key: "cines") { id } }');
    const id = data!.byKey.id;
    const response = await api.current.graphql<Record<string, { name: string } | null>>(
      `query($id: ID!) { byId: organization(id: $id) { name } node(id: $id) { ... on Organization { name } }
         bySlug: organization(slug: "cines") { name } unknown: organization(key: "no-such-org") { name }
         wrongKind: person(id: $id) { name } }`,
      { id },
    );
    expect(response.data).toEqual({
      byId: { name: 'National Informatics Center for Higher Education' },
      node: { name: 'National Informatics Center for Higher Education' },
      bySlug: { name: 'National Informatics Center for Higher Education' },
      unknown: null,
      wrongKind: null,
    });
  });

  it('refuses a look-up that gives both a key and a slug', async () => {
    const response = await api.current.graphql('{ organization(key: "cines", slug: "cines") { name } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads nested relationship fields in round trips that grow with depth, not with the number of items', async () => {
    const query = (first: number) => `{
      organizations(first: ${first}, orderBy: DEGREE) { edges { node { name
        projects(first: 20) { edges { node { name ... on Project { participants(first: 20) { edges { relationship { role } node { name } } } } } } }
      } } } }`;
    const small = await api.current.graphql(query(2));
    const large = await api.current.graphql(query(40));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    // list + relationships of the organisations + relationships of their projects
    expect(small.extensions?.roundTrips).toBe(3);
    expect(large.extensions?.roundTrips).toBe(3);
  });
});

describe('pages of relationships', () => {
  type Page = { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ relationship: { key: string } }> };
  const read = async (withCount: boolean, after: string | null) => {
    const { data, errors } = await api.current.graphql<{ organization: { relationships: Page } }>(
      `query($after: String) { organization(key: "montpellier-metropole") { relationships(first: 7, after: $after) {
        ${withCount ? 'totalCount' : ''} pageInfo { hasNextPage endCursor } edges { relationship { key } } } } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    return data!.organization.relationships;
  };

  it('are the same pages, in the same order, whether or not totalCount is asked for', async () => {
    const walk = async (withCount: boolean) => {
      const keys: string[] = [];
      const more: boolean[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const result: Page = await read(withCount, after);
        keys.push(...result.edges.map((edge) => edge.relationship.key));
        more.push(result.pageInfo.hasNextPage);
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      return { keys, more };
    };
    const counted = await walk(true);
    const uncounted = await walk(false);
    expect(uncounted).toEqual(counted);
    expect(counted.keys.length).toBe((await read(true, null)).totalCount);
    expect(counted.more.length).toBeGreaterThan(2);
    expect(new Set(counted.keys).size).toBe(counted.keys.length);
  });
});

describe('relationships as nodes', () => {
  it('gives every relationship a global id that node(id:) and nodes(ids:) find, and that no entity look-up takes for an entity', async () => {
    const page = await api.current.graphql<{ organization: { relationships: { nodes: unknown[]; edges: Array<{ relationship: { id: string; key: string; type: string } }> } } }>(
      '{ organization(key: "inria") { relationships(first: 3) { nodes { key } edges { relationship { id key type } } } } }',
    );
    const relationship = page.data!.organization.relationships.edges[0]!.relationship;
    expect(relationship.id).toMatch(/^[A-Za-z0-9_-]+$/);
    const found = await api.current.graphql<Record<string, unknown>>(
      `query($id: ID!, $ids: [ID!]!) {
        node(id: $id) { __typename id ... on Relationship { key type from { key } to { key } sources { locator } } }
        nodes(ids: $ids) { __typename id }
        organization(id: $id) { key }
        entity(key: $id) { key }
      }`,
      { id: relationship.id, ids: [relationship.id, 'not-an-id'] },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data!.node).toMatchObject({ __typename: 'Relationship', id: relationship.id, key: relationship.key, type: relationship.type });
    expect(found.data!.nodes).toEqual([{ __typename: 'Relationship', id: relationship.id }, null]);
    expect(found.data!.organization).toBeNull();
    expect(found.data!.entity).toBeNull();
  });
});
