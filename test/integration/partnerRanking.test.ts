/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { beforeAll, describe, expect, it } from 'vitest';

import { KEEP_RANKING_FROM } from '../../src/network/partnerRanking.js';
import { importGraph } from '../../src/ingest/graphWriter.js';
import type { OrganizationSeed, RelationshipSeed } from '../../src/ingest/importFormat.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * An organisation with more partners than KEEP_RANKING_FROM has its ranking kept per data
 * version (partnerRanking.ts): its pages must be those of a ranking computed afresh, and an
 * edit must be seen by the very next page. The hub and its partners are test entries
 * (`cur-` keys, a `src-cur-` source), removed afterwards.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

const PARTNERS = KEEP_RANKING_FROM + 40;
const key = (index: number) => `cur-rank-p${String(index).padStart(4, '0')}`;
const worksOf = (index: number) => (index % 37) + 1;

beforeAll(async () => {
  const organization = (id: string): OrganizationSeed =>
    ({ id, name: `Ranking test ${id}`, kind: 'company', sectors: [], formerNames: [], aliases: { fr: [], en: [] }, figures: [], sources: ['src-cur-rank#line 1'] }) as OrganizationSeed;
  const links = Array.from({ length: PARTNERS }, (_, index): RelationshipSeed => ({
    id: `cur-rank-link-${index}`,
    type: 'CO_PUBLISHED_WITH',
    from: 'cur-rank-hub',
    to: key(index),
    coPublication: { byYear: [{ year: 2020, works: worksOf(index) }], topics: [], examples: [] },
    sources: ['src-cur-rank#line 1'],
  }) as RelationshipSeed);
  await importGraph({ db: api.current.db }, {
    sources: [{ id: 'src-cur-rank', title: 'Ranking test data', language: 'en', kind: 'report' }],
    organizations: [organization('cur-rank-hub'), ...Array.from({ length: PARTNERS }, (_, index) => organization(key(index)))],
    people: [], projects: [], labels: [], events: [], relationships: links, claims: [],
  });
}, 60_000);

async function allPartners(question: 'partners' | 'coPublications'): Promise<Array<[string, number]>> {
  const found: Array<[string, number]> = [];
  let after: string | null = null;
  do {
    const fields = question === 'partners' ? 'organization { key } strength' : 'organization { key } coPublication { works }';
    const data: any = ok(await api.current.graphql<any>(`query($after: String) { page: ${question}(organization: "cur-rank-hub", first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`, { after }));
    expect(data.page.totalCount).toBe(PARTNERS);
    for (const { node } of data.page.edges) found.push([node.organization.key, node.strength ?? node.coPublication.works]);
    after = data.page.pageInfo.hasNextPage ? data.page.pageInfo.endCursor : null;
  } while (after);
  return found;
}

const expected = (bonus: Record<string, number> = {}) =>
  Array.from({ length: PARTNERS }, (_, index): [string, number] => [key(index), worksOf(index) + (bonus[key(index)] ?? 0)]).sort(
    ([a, x], [b, y]) => y - x || (a < b ? -1 : 1),
  );

describe('the partners of an organisation with very many', () => {
  it('pages through the same ranking as a fresh one, the first page and the next ones alike', async () => {
    expect(await allPartners('partners')).toEqual(expected());
    expect(await allPartners('partners')).toEqual(expected());
    expect(await allPartners('coPublications')).toEqual(expected());
  });

  it('sees an edit at the next page: a kept ranking of an older data version is never used', async () => {
    // The weakest partner gains a declared partnership: a piece of evidence weighing 3.
    const weakest = expected().at(-1)![0];
    ok(
      await api.current.graphql(
        'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }',
        { input: { relationships: [{ key: 'cur-rank-direct', type: 'PARTNERS_WITH', from: 'cur-rank-hub', to: weakest }], sources: [{ source: 'src-cur-rank', locator: 'line 1' }] } },
        as(ADMIN_TOKEN),
      ),
    );
    expect(await allPartners('partners')).toEqual(expected({ [weakest]: 3 }));
  });
});
