/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi();

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ key: string; name: string }> };

async function keys(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const response = await api.current.graphql<Record<string, Page>>(query, variables);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0]!.nodes.map((node) => node.key);
}

describe('lists of entities', () => {
  it('pages through a whole list with cursors, every item once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: { data?: { organizations: Page } } = await api.current.graphql<{ organizations: Page }>(
        'query($after: String) { organizations(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { key name } } }',
        { after },
      );
      const connection: Page = response.data!.organizations;
      seen.push(...connection.nodes.map((node) => node.key));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
  });

  it('gives the same pages in every order whether or not totalCount is asked, by name in name order', async () => {
    for (const orderBy of ['NAME', 'START_DATE', 'DEGREE']) {
      const walk = async (fields: string) => {
        const seen: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 20; page += 1) {
          const response: { data?: { organizations: Page } } = await api.current.graphql<{ organizations: Page }>(
            `query($after: String) { organizations(first: 10, after: $after, orderBy: ${orderBy}) { ${fields} pageInfo { hasNextPage endCursor } nodes { key name } } }`,
            { after },
          );
          const connection: Page = response.data!.organizations;
          seen.push(...connection.nodes.map((node) => node.key));
          if (!connection.pageInfo.hasNextPage) return { seen, last: connection };
          after = connection.pageInfo.endCursor;
        }
        throw new Error('more pages than organisations');
      };
      const counted = await walk('totalCount');
      const uncounted = await walk('');
      expect(uncounted.seen).toEqual(counted.seen);
      expect(counted.seen).toHaveLength(57);
      expect(counted.last.totalCount).toBe(57);
    }
    const response = await api.current.graphql<{ organizations: Page }>('{ organizations(first: 100) { nodes { key name } } }');
    const sortedNames = response.data!.organizations.nodes.map((node) => node.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
    expect(sortedNames).toHaveLength(57);
    expect([...sortedNames].sort()).toEqual(sortedNames);
  });

  it('filters by kind, sector and city', async () => {
    expect(await keys('{ organizations(first: 100, filter: { kinds: ["hospital"] }) { nodes { key name } } }')).toEqual(['icm', 'chu-montpellier']);
    const health = await keys('{ organizations(first: 100, filter: { themes: ["health"], kinds: ["company"] }) { nodes { key name } } }');
    expect(health.sort()).toEqual(['dedalus', 'intrasense', 'quantum-surgical', 'vogo']);
    const paris = await keys('{ organizations(first: 100, filter: { city: "paris" }) { nodes { key name } } }');
    expect(paris.sort()).toEqual(['academie-des-sciences', 'france-digitale']);
  });

  it('filters by a label received and by a relationship to a given entity', async () => {
    expect(await keys('{ organizations(first: 100, filter: { label: "top5-incubators-ranking" }) { nodes { key name } } }')).toEqual(['bic-montpellier']);
    const related = await keys('{ organizations(first: 100, filter: { relatedTo: "ia-montpellier-mediterranee" }) { nodes { key name } } }');
    expect(related.sort()).toEqual(['chu-montpellier', 'digital-113', 'french-tech-mediterranee', 'montpellier-metropole', 'region-occitanie', 'university-of-montpellier', 'ville-de-montpellier']);
    const unknown = await api.current.graphql('{ organizations(first: 5, filter: { relatedTo: "nobody" }) { totalCount } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by start date at the precision of each date, and keeps what was active on a day', async () => {
    const started = await keys('{ projects(first: 100, filter: { startedAfter: "2023-06-01", startedBefore: "2023-12-31" }) { nodes { key name } } }');
    expect(started.sort()).toEqual(['deliberation-m2023-351-decision', 'mission-territoriale-ia']);
    // "2024" may mean any day of 2024, so what is dated only by the year is kept.
    const byYear = await keys('{ events(first: 100, filter: { startedAfter: "2024-06-01", startedBefore: "2024-12-31" }) { nodes { key name } } }');
    expect(byYear).toEqual(['international-ai-meetings']);
    const active = await keys('{ events(first: 100, filter: { activeOn: "2024-02-15" }) { nodes { key name } } }');
    // An undated entity cannot be said to be inactive: open ends are kept, as for relationships.
    expect(active.sort()).toEqual(['ai-tour-de-france', 'citizens-convention-ai', 'international-ai-meetings']);
  });

  it('sorts by start date, undated last, and by degree', async () => {
    const byDate = await keys('{ events(first: 100, orderBy: START_DATE) { nodes { key name } } }');
    expect(byDate.slice(0, 3)).toEqual(['ai-experts-meeting-2023-04-06', 'council-session-2023-10-03', 'citizens-convention-ai']);
    expect(byDate.at(-1)).toBe('ai-tour-de-france');
    const byDegree = await keys('{ organizations(first: 3, orderBy: DEGREE) { nodes { key name } } }');
    expect(byDegree[0]).toBe('montpellier-metropole');
    // The order is the `degree` field's count, and agrees with it all along the list.
    const { data } = await api.current.graphql<any>('{ organizations(first: 100, orderBy: DEGREE) { nodes { key degree } } }');
    const degrees = data.organizations.nodes.map((node: any) => node.degree as number);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
  });

  it('rejects a cursor taken from the same list with other filters, and page sizes outside 1..100', async () => {
    const { data } = await api.current.graphql<{ organizations: Page }>('{ organizations(first: 2, filter: { kinds: ["startup"] }) { pageInfo { endCursor } nodes { key } } }');
    const other = await api.current.graphql('query($after: String) { organizations(first: 2, after: $after, filter: { kinds: ["company"] }) { totalCount } }', {
      after: data!.organizations.pageInfo.endCursor,
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await api.current.graphql('{ organizations(first: 101) { totalCount } }');
    expect(big.errors?.[0]?.message).toContain('between 1 and 100');
  });
});

describe('search', () => {
  const search = async (text: string, kinds?: string[]) => {
    const response = await api.current.graphql<{ search: { totalCount: number; edges: Array<{ score: number; node: { key: string; __typename: string } }> } }>(
      'query($text: String!, $kinds: [EntityKind!]) { search(text: $text, kinds: $kinds, first: 20) { totalCount edges { score node { key __typename } } } }',
      { text, kinds },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.search;
  };

  it('finds a French name typed without accents, and an English alias', async () => {
    expect((await search('universite de montpellier')).edges[0]!.node.key).toBe('university-of-montpellier');
    expect((await search('Montpellier Research Hospital')).edges[0]!.node.key).toBe('chu-montpellier');
    expect((await search('Métropole')).edges.map((edge) => edge.node.key)).toContain('montpellier-metropole');
  });

  it('is case-insensitive, ranks by relevance and filters by kind', async () => {
    const hits = await search('cines');
    expect(hits.edges[0]!.node.key).toBe('cines');
    const scores = hits.edges.map((edge) => edge.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const projects = await search('alliance', ['PROJECT']);
    expect(projects.edges.map((edge) => edge.node.__typename)).toEqual(projects.edges.map(() => 'Project'));
    expect(projects.edges[0]!.node.key).toBe('ai-health-alliance');
  });

  it('searches descriptions and prefixes', async () => {
    expect((await search('supercomputer')).edges.map((edge) => edge.node.key)).toContain('adastra');
    expect((await search('plantn*')).edges[0]!.node.key).toBe('plantnet');
  });

  it('covers themes and sectors: a theme finds every entity tagged with it, whatever its name', async () => {
    const tagged = await api.current.graphql<{ organizations: { nodes: Array<{ key: string }> } }>('{ organizations(first: 100, filter: { themes: ["agriculture"] }) { nodes { key } } }');
    const keys = tagged.data!.organizations.nodes.map((node) => node.key);
    expect(keys.length).toBeGreaterThan(0);
    const found = (await search('agriculture', ['ORGANIZATION'])).edges.map((edge) => edge.node.key);
    expect(found).toEqual(expect.arrayContaining(keys));
  });

  it('puts an exact name or alias first (case and accents aside), then names that start with the text, then the rest by relevance', async () => {
    const inria = (await search('Inria')).edges.map((edge) => edge.node.key);
    expect(inria[0]).toBe('inria');
    expect(inria.indexOf('inria-um-unit')).toBeGreaterThan(0);
    expect((await search('UM')).edges[0]!.node.key).toBe('university-of-montpellier');
    expect((await search('CHU DE MONTPELLIER')).edges[0]!.node.key).toBe('chu-montpellier');
  });

  it('gives an empty connection for empty text and treats Lucene syntax as data', async () => {
    expect(await search('   ')).toEqual({ totalCount: 0, edges: [] });
    expect((await search('title:(x OR y) AND "z')).totalCount).toBe(0);
  });
});

describe('every connection', () => {
  it('has nodes beside edges (the same items, in the same order) and a totalCount', async () => {
    const { data, errors } = await api.current.graphql<Record<string, any>>(`{
      search(text: "montpellier", first: 5) { totalCount edges { node { key } } nodes { key } }
      organization(key: "university-of-montpellier") {
        relationships(first: 5) { totalCount edges { node { key name } } nodes { key name } }
        partners(first: 5) { totalCount edges { node { organization { key } } } nodes { organization { key } } }
        history(first: 5) { totalCount edges { node { sequence } } nodes { sequence } }
      }
      changes(first: 5) { totalCount edges { node { sequence } } nodes { sequence } }
      pendingMatches(first: 5) { totalCount edges { node { id } } nodes { id } }
      coPublications(organization: "university-of-montpellier", first: 5) { totalCount edges { node { organization { key } } } nodes { organization { key } } }
      source(key: "mm-ai-association-en") { citedBy(first: 5) { totalCount edges { locator } nodes { locator } } }
    }`);
    expect(errors).toBeUndefined();
    const connections = [data!.search, data!.organization.relationships, data!.organization.partners, data!.organization.history, data!.changes, data!.pendingMatches, data!.coPublications];
    for (const connection of connections) {
      expect(connection.nodes).toEqual(connection.edges.map((edge: any) => edge.node));
      expect(connection.totalCount).toBeGreaterThanOrEqual(connection.nodes.length);
    }
    expect(data!.search.nodes.length).toBe(5);
    expect(data!.organization.relationships.nodes.every((node: any) => node.key && node.name)).toBe(true);
    expect(data!.source.citedBy.nodes).toEqual(data!.source.citedBy.edges);
    expect(data!.source.citedBy.totalCount).toBeGreaterThan(5);
  });
});

describe('vocabularies', () => {
  it('lists every kind the graph uses, with English and French names, and refuses a filter value outside it', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      organizationKinds: vocabulary(name: ORGANIZATION_KINDS) { value en fr }
      eventKinds: vocabulary(name: EVENT_KINDS) { value }
      organizations(first: 100) { nodes { kind } }
      events(first: 100) { nodes { kind } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.organizationKinds).toContainEqual({ value: 'research-institute', en: 'research institute', fr: 'organisme de recherche' });
    const organizationKinds = data.organizationKinds.map((term: any) => term.value);
    for (const { kind } of data.organizations.nodes) expect(organizationKinds).toContain(kind);
    for (const { kind } of data.events.nodes) expect(data.eventKinds.map((term: any) => term.value)).toContain(kind);

    const refused = await api.current.graphql('{ organizations(filter: { kinds: ["PROJECT"] }) { totalCount } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/^`filter.kinds`: "PROJECT" is not a kind of organization \(allowed: university, research-institute, /);
    const accepted = await api.current.graphql<any>('{ organizations(filter: { kinds: ["University"] }) { totalCount } }');
    expect(accepted.data.organizations.totalCount).toBeGreaterThan(0);
  });
});
