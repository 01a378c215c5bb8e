/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

describe('finding what people cite', () => {
  it('finds the council decision by its official number, through the entity search', async () => {
    const { data } = await api.current.graphql<any>('{ search(text: "M2023-351") { totalCount edges { node { key __typename ... on Project { kind } } } } }');
    expect(data.search.edges[0].node).toEqual({ key: 'deliberation-m2023-351-decision', __typename: 'Project', kind: 'decision' });
  });

  it('finds sources by official number, title words or publisher, accent- and case-insensitive', async () => {
    const search = async (text: string) =>
      ((await api.current.graphql<any>('query($text: String) { sources(search: $text) { key number } }', { text })).data.sources as Array<{ key: string; number: string | null }>).map(
        (source) => source.key,
      );
    expect(await search('M2023-351')).toEqual(['deliberation-m2023-351']);
    expect(await search('m2023-351')).toEqual(['deliberation-m2023-351']);
    expect(await search('ecosysteme')).toEqual(['ecosysteme-ia-fr']);
    expect(await search('RTS')).toEqual(['rts-association-ia-fr']);
    expect(await search('nothing-like-this')).toEqual([]);
    expect(await search('')).toEqual([]);
    const all = await api.current.graphql<any>('{ sources { key } }');
    expect(all.data.sources).toHaveLength(5);
  });

  it('pages through every source in key order, and through a search best first, with a total', async () => {
    const query = 'query($search: String, $after: String) { sourceCatalog(search: $search, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { key } } }';
    const walk = async (search?: string) => {
      const keys: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (;;) {
        const page: any = (await api.current.graphql<any>(query, { search, after })).data.sourceCatalog;
        total = page.totalCount;
        keys.push(...page.nodes.map((node: { key: string }) => node.key));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return { keys, total };
    };
    const all = await walk();
    const listed = ((await api.current.graphql<any>('{ sources { key } }')).data.sources as Array<{ key: string }>).map((source) => source.key);
    expect(all).toEqual({ keys: listed, total: listed.length });
    expect(all.keys).toEqual([...all.keys].sort());
    expect(await walk('M2023-351')).toEqual({ keys: ['deliberation-m2023-351'], total: 1 });
    expect(await walk('!!')).toEqual({ keys: [], total: 0 });
    // A cursor of one search is refused for another.
    const first = (await api.current.graphql<any>(query, {})).data.sourceCatalog.pageInfo.endCursor;
    const mixed = await api.current.graphql<any>(query, { search: 'ecosysteme', after: first });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists what cites a source: entities, then relationships, each with its locator, page by page', async () => {
    const query = `query($after: String) { source(key: "deliberation-m2023-351") { number citedBy(first: 10, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { locator entity { key } relationship { key type from { key } to { key } } } } } }`;
    const first = await api.current.graphql<any>(query);
    expect(first.errors).toBeUndefined();
    const source = first.data.source;
    expect(source.number).toBe('M2023-351');
    expect(source.citedBy.totalCount).toBeGreaterThan(20);
    expect(source.citedBy.edges[0].entity).not.toBeNull();
    const seen: any[] = [...source.citedBy.edges];
    let page = source.citedBy;
    while (page.pageInfo.hasNextPage) {
      page = (await api.current.graphql<any>(query, { after: page.pageInfo.endCursor })).data.source.citedBy;
      seen.push(...page.edges);
    }
    expect(seen).toHaveLength(source.citedBy.totalCount);
    expect(seen).toContainEqual({ locator: 'line 2', entity: { key: 'deliberation-m2023-351-decision' }, relationship: null });
    expect(seen).toContainEqual({
      locator: 'line 122',
      entity: null,
      relationship: { key: 'm2023-351-establishes-mission', type: 'ESTABLISHES', from: { key: 'deliberation-m2023-351-decision' }, to: { key: 'mission-territoriale-ia' } },
    });
    // Entities come first, then relationships.
    const firstRelationship = seen.findIndex((edge) => edge.relationship !== null);
    expect(seen.slice(firstRelationship).every((edge) => edge.entity === null)).toBe(true);
  });
});
