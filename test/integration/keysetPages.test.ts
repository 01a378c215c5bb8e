/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importCordis } from '../../src/ingest/cordis/importCordis.js';
import { importRor } from '../../src/ingest/ror/importRor.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * Entity lists page by key: a cursor is the sort key of its row, so rows written before it
 * while an app pages through do not shift the next page, and `last`/`before` read the list
 * from its end.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);
afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

type Page = { nodes: Array<{ key: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } };

async function page(args: string, variables: Record<string, unknown> = {}): Promise<Page> {
  const declared = Object.keys(variables).map((name) => `$${name}: String`).join(', ');
  const query = `query${declared ? `(${declared})` : ''} { organizations(${args}) { nodes { key } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  return ok(await api.current.graphql<any>(query, variables)).organizations;
}

const keys = (connection: Page) => connection.nodes.map((node) => node.key);

async function everything(orderBy: string): Promise<string[]> {
  return keys(await page(`first: 100, orderBy: ${orderBy}`));
}

describe('pages of an entity list', () => {
  it('keeps the next page when an entity is added or removed before the cursor', async () => {
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
    const organization = (key: string, name: string) =>
      api.current.graphql(create, { input: { type: 'ORGANIZATION', key, fields: { name, kind: 'startup' }, sources: SOURCE } }, as(ADMIN_TOKEN)).then(ok);
    await organization('cur-keyset-a', '00 Keyset A');
    await organization('cur-keyset-b', '00 Keyset B');
    const all = await everything('NAME');
    const first = await page('first: 5');
    expect(keys(first)).toEqual(all.slice(0, 5));
    expect(keys(first).slice(0, 2)).toEqual(['cur-keyset-a', 'cur-keyset-b']);

    // "0 …" sorts before "00 …": with positions, the next page would repeat the first page's last row.
    await organization('cur-keyset-first', '0 Keyset First');
    expect((await everything('NAME'))[0]).toBe('cur-keyset-first');
    const second = await page('first: 5, after: $after', { after: first.pageInfo.endCursor });
    expect(keys(second)).toEqual(all.slice(5, 10));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    // Taking out a row of the first page does not shift the second either.
    const retire = 'mutation($input: RetireEntityInput!) { retireEntity(input: $input) { entity { key } } }';
    ok(await api.current.graphql(retire, { input: { entity: 'cur-keyset-b', sources: SOURCE } }, as(ADMIN_TOKEN)));
    expect(keys(await page('first: 5, after: $after', { after: first.pageInfo.endCursor }))).toEqual(all.slice(5, 10));
  });

  it('reads every order the same way in pages forward and backward as in one page', async () => {
    for (const orderBy of ['NAME', 'START_DATE', 'DEGREE']) {
      const all = await everything(orderBy);
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const next: Page = await page(`first: 7, orderBy: ${orderBy}${after ? ', after: $after' : ''}`, after ? { after } : {});
        forward.push(...keys(next));
        if (!next.pageInfo.hasNextPage) break;
        after = next.pageInfo.endCursor;
      }
      expect(forward, orderBy).toEqual(all);

      const backward: string[][] = [];
      let before: string | null = null;
      for (;;) {
        const previous: Page = await page(`last: 7, orderBy: ${orderBy}${before ? ', before: $before' : ''}`, before ? { before } : {});
        backward.unshift(keys(previous));
        if (!previous.pageInfo.hasPreviousPage) break;
        before = previous.pageInfo.startCursor;
      }
      expect(backward.flat(), orderBy).toEqual(all);
      expect(backward.at(-1), orderBy).toEqual(all.slice(-7));
    }
  });

  it('pages an entity\'s relationships by key too, forward and backward, unshifted by a relationship added before the cursor', async () => {
    const query = `query($after: String, $before: String, $first: Int, $last: Int) {
      organization(key: "university-of-montpellier") {
        relationships(first: $first, after: $after, last: $last, before: $before) {
          edges { relationship { key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }`;
    const read = async (variables: Record<string, unknown>) => ok(await api.current.graphql<any>(query, variables)).organization.relationships;
    const keysOf = (connection: any) => connection.edges.map((edge: any) => edge.relationship.key);
    const all = keysOf(await read({ first: 100 }));
    expect(all.length).toBeGreaterThan(6);
    const first = await read({ first: 3 });
    expect(keysOf(first)).toEqual(all.slice(0, 3));
    const last = await read({ last: 3 });
    expect(keysOf(last)).toEqual(all.slice(-3));
    expect(keysOf(await read({ last: 3, before: last.pageInfo.startCursor }))).toEqual(all.slice(-6, -3));

    // FOUNDING_MEMBER_OF towards "00 …" sorts before the first page's last row (HOLDS_OFFICE, FOUNDING_MEMBER_OF of another name).
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
    ok(await api.current.graphql(create, { input: { type: 'ORGANIZATION', key: 'cur-keyset-association', fields: { name: '00 Keyset Association', kind: 'association' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    const add = 'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }';
    ok(await api.current.graphql(add, { input: { relationships: [{ key: 'cur-keyset-founding', type: 'FOUNDING_MEMBER_OF', from: 'university-of-montpellier', to: 'cur-keyset-association' }], sources: SOURCE } }, as(ADMIN_TOKEN)));
    const now = keysOf(await read({ first: 100 }));
    expect(now.indexOf('cur-keyset-founding')).toBeLessThan(3);
    expect(keysOf(await read({ first: 3, after: first.pageInfo.endCursor }))).toEqual(all.slice(3, 6));
  });

  it('refuses first with last, a cursor of another list, and a made-up cursor', async () => {
    const both = await api.current.graphql('{ organizations(first: 5, last: 5) { nodes { key } } }');
    expect(both.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const people = ok(await api.current.graphql<any>('{ people(first: 1) { pageInfo { endCursor } } }')).people;
    const other = await api.current.graphql('query($after: String) { organizations(first: 5, after: $after) { nodes { key } } }', { after: people.pageInfo.endCursor });
    expect(other.errors![0]!.message).toMatch(/another list/);
    const made = await api.current.graphql('{ organizations(first: 5, after: "bm90LWEtY3Vyc29y") { nodes { key } } }');
    expect(made.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('pages of the review queue', () => {
  it('never skip a record when the curator decides records of the page read while paging', async () => {
    await importCordis({ db: api.current.db }, join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1'));
    await importRor({ db: api.current.db }, join(projectRoot, 'test', 'fixtures', 'ror', 'v9.99-2026-11-15-ror-data_schema_v2.json'));
    const query = 'query($after: String, $first: Int, $last: Int) { pendingMatches(first: $first, after: $after, last: $last) { nodes { id } pageInfo { endCursor } } }';
    const read = async (variables: Record<string, unknown>) => ok(await api.current.graphql<any>(query, variables)).pendingMatches;
    const all = (await read({ first: 100 })).nodes.map((node: any) => node.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await read({ first: 1 });
    expect(first.nodes).toEqual([{ id: all[0] }]);
    const decide = 'mutation($input: DecideMatchInput!) { decideMatch(input: $input) { status } }';
    ok(await api.current.graphql(decide, { input: { match: all[0], decision: 'REJECT', note: 'paging test' } }, as(ADMIN_TOKEN)));
    // With positions, the second page would now start at the third record.
    expect((await read({ first: 1, after: first.pageInfo.endCursor })).nodes).toEqual([{ id: all[1] }]);
    expect((await read({ last: 1 })).nodes).toEqual([{ id: all.at(-1) }]);
  });
});
