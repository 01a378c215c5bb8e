/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importOpenAlex } from '../../src/ingest/openalex/importOpenAlex.js';
import { snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

const FIXTURES = join(projectRoot, 'test', 'fixtures', 'openalex');
const FILES = [
  join(FIXTURES, 'snapshot', 'updated_date=2026-11-01', 'part_000.gz'),
  join(FIXTURES, 'snapshot', 'updated_date=2026-11-10', 'part_000.jsonl'),
  join(FIXTURES, 'api', 'works-page-1.json'),
];
/** The organisations the fixture's institutions resolve to (I9000006 waits for review: none). */
const ORGANIZATION_OF: Record<string, string> = {
  I9000001: 'university-of-montpellier',
  I9000002: 'cirad',
  I9000003: 'inria',
  I9000004: 'openalex-i9000004',
  I9000005: 'openalex-i9000005',
};
const OF_THE_AREA = new Set(['university-of-montpellier', 'cirad']);

/** The works the import keeps, read here straight from the files: once each, with a year and an institution of the area. */
function keptWorks(): Array<{ key: string; year: number; doi: string; organizations: string[] }> {
  const works = new Map<string, any>();
  for (const file of FILES) {
    const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
    const list = file.endsWith('.json') ? JSON.parse(text).results : text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    for (const work of list) if (!works.has(work.id)) works.set(work.id, work);
  }
  return [...works.values()]
    .map((work) => ({
      key: work.id.replace('https://openalex.org/', ''),
      year: work.publication_year,
      doi: work.doi?.replace('https://doi.org/', ''),
      organizations: [...new Set<string>(work.authorships.flatMap((authorship: any) => authorship.institutions.map((institution: any) => ORGANIZATION_OF[institution.id.replace('https://openalex.org/', '')]).filter(Boolean)))].sort(),
    }))
    .filter((work) => work.year && work.organizations.some((organization) => OF_THE_AREA.has(organization)));
}

const newestFirst = (x: { year: number; key: string }, y: { year: number; key: string }) => y.year - x.year || Number(x.key.slice(1)) - Number(y.key.slice(1));

async function worksOf(organization: string, args = ''): Promise<{ totalCount: number; nodes: any[] }> {
  const { data, errors } = await api.current.graphql<any>(`{ organization(key: "${organization}") { works(first: 100${args}) {
    totalCount nodes { key url year doi organizations { key } sources { locator source { key } } } } } }`);
  expect(errors).toBeUndefined();
  return data.organization.works;
}

describe('OpenAlex works kept as nodes (--store-works)', () => {
  it('stores no work without --store-works', async () => {
    const report = await importOpenAlex({ db: api.current.db }, FILES);
    expect(report.storedWorks).toBeNull();
    expect((await worksOf('cirad')).totalCount).toBe(0);
  });

  it('stores each kept work once, linked to the organisations of its authors, newest first, citing its record', async () => {
    const command = runScript('src/cli/importOpenAlex.ts', [...FILES, '--store-works'], testEnvironment());
    expect(await command.exited).toBe(0);
    const kept = keptWorks();
    expect(command.output()).toMatch(new RegExp(`works stored\\s+${kept.length} created, 0 updated, 0 unchanged`));
    for (const organization of ['cirad', 'university-of-montpellier', 'openalex-i9000004']) {
      const expected = kept.filter((work) => work.organizations.includes(organization)).sort(newestFirst);
      const works = await worksOf(organization);
      expect(works.totalCount, organization).toBe(expected.length);
      expect(works.nodes.map((work) => [work.key, work.year, work.doi, work.organizations.map((other: any) => other.key)])).toEqual(
        expected.map((work) => [work.key, work.year, work.doi, work.organizations]),
      );
    }
    expect((await worksOf('cirad')).nodes[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/openalex\.org\/W\d+$/), sources: [{ locator: expect.stringMatching(/^work W\d+$/), source: { key: 'openalex' } }] });
  });

  it('lists the works of a pair, as many as its co-publication link counts, and of the years asked', async () => {
    const { data } = await api.current.graphql<any>('{ coPublications(organization: "cirad", first: 20) { nodes { organization { key } coPublication { works byYear { year works } } } } }');
    for (const partner of data.coPublications.nodes) {
      const works = await worksOf('cirad', `, with: "${partner.organization.key}"`);
      expect(works.totalCount, partner.organization.key).toBe(partner.coPublication.works);
      const [first] = partner.coPublication.byYear;
      const ofYear = await worksOf('cirad', `, with: "${partner.organization.key}", years: { from: ${first.year}, to: ${first.year} }`);
      expect(ofYear.totalCount).toBe(first.works);
    }
    const unknown = await api.current.graphql('{ organization(key: "cirad") { works(with: "no-such-organisation") { totalCount } } }');
    expect(unknown.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('changes nothing when the same works are stored again, and leaves entities’ relationships as they were', async () => {
    const before = await snapshot(api.current);
    const report = await importOpenAlex({ db: api.current.db }, FILES, { storeWorks: true });
    expect(report.storedWorks).toEqual({ created: 0, updated: 0, unchanged: keptWorks().length, linked: 0 });
    expect(await snapshot(api.current)).toEqual(before);
    const { data } = await api.current.graphql<any>('{ organization(key: "cirad") { degree relationships(first: 1) { totalCount } } }');
    expect(data.organization.degree).toBe(data.organization.relationships.totalCount);
  });
});
