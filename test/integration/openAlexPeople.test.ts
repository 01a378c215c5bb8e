/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importOpenAlex } from '../../src/ingest/openalex/importOpenAlex.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, snapshot, SOURCE } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);
afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db, ['openalex-', 'orcid-']);
});

/** The works of `test/fixtures/openalex/people` (see its README). */
const PEOPLE = join(projectRoot, 'test', 'fixtures', 'openalex', 'people');
const CREATE = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';

/** A person's name, ORCID iD, sources and affiliations; empty when there is no such person. */
async function affiliationsOf(key: string, asOf?: string): Promise<any[]> {
  const { person } = ok(
    await api.current.graphql<any>(
      `query($key: String!, $asOf: LocalDate) { person(key: $key) { name orcid sources { locator }
        affiliations(asOf: $asOf, first: 20) { edges { relationship { key to { key } since until sources { locator source { key } } } } } } }`,
      { key, asOf },
    ),
  );
  return person ? [person.name, person.orcid, person.sources, person.affiliations.edges.map((edge: any) => edge.relationship)] : [];
}

describe('people from OpenAlex authorships (--people)', () => {
  it('takes none without --people', async () => {
    const report = await importOpenAlex({ db: api.current.db }, [PEOPLE], { dryRun: true });
    expect(report.people).toBeNull();
  });

  it('brings in authors with an ORCID iD of the area, found by their ORCID iD, never by their name alone', async () => {
    // A person of the graph who holds one author's ORCID iD (given through the API), and one
    // with another author's name but no ORCID iD.
    await ok(await api.current.graphql(CREATE, { input: { type: 'PERSON', key: 'cur-known-researcher', fields: { name: 'K. Researcher', orcid: '0000-0001-0000-0004' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    await ok(await api.current.graphql(CREATE, { input: { type: 'PERSON', key: 'cur-namesake', fields: { name: 'Test Researcher Namesake' }, sources: SOURCE } }, as(ADMIN_TOKEN)));

    const command = runScript('src/cli/importOpenAlex.ts', [PEOPLE, '--people'], testEnvironment());
    expect(await command.exited).toBe(0);
    expect(command.output()).toMatch(/people\s+3 author\(s\) with an ORCID iD of the area: 1 found by ORCID iD, 1 new, 1 held back/);
    expect(command.output()).toContain('held back: Test Researcher Namesake (0000-0001-0000-0005)');

    // Two organisations of the area over four works; the work abroad gives no affiliation.
    const [name, orcid, sources, affiliations] = await affiliationsOf('orcid-0000-0001-0000-0001');
    expect([name, orcid, sources]).toEqual(['Test Researcher One', '0000-0001-0000-0001', [{ locator: 'work W9100001 / author A9100001' }]]);
    expect(affiliations.sort((x: any, y: any) => x.key.localeCompare(y.key))).toEqual([
      {
        key: 'affiliation-orcid-0000-0001-0000-0001.cirad',
        to: { key: 'cirad' },
        since: '2023',
        until: '2023',
        sources: [{ locator: 'work W9100005 / author A9100001', source: { key: 'openalex' } }],
      },
      {
        key: 'affiliation-orcid-0000-0001-0000-0001.university-of-montpellier',
        to: { key: 'university-of-montpellier' },
        since: '2019',
        until: '2022',
        sources: [
          { locator: 'work W9100001 / author A9100001', source: { key: 'openalex' } },
          { locator: 'work W9100002 / author A9100001', source: { key: 'openalex' } },
        ],
      },
    ]);
    expect((await affiliationsOf('orcid-0000-0001-0000-0001', '2020-06-01'))[3].map((relationship: any) => relationship.to.key)).toEqual(['university-of-montpellier']);

    // The person holding the ORCID iD gets the affiliation; no second person is made.
    const known = await affiliationsOf('cur-known-researcher');
    expect(known[3]).toEqual([expect.objectContaining({ to: { key: 'university-of-montpellier' }, since: '2021', until: '2021' })]);
    expect(await affiliationsOf('orcid-0000-0001-0000-0004')).toEqual([]);
    // Held back: neither created nor linked to the namesake.
    expect(await affiliationsOf('orcid-0000-0001-0000-0005')).toEqual([]);
    expect((await affiliationsOf('cur-namesake'))[3]).toEqual([]);
    // No ORCID iD, or an ORCID iD only abroad or with no institution: no person.
    const { people } = ok(await api.current.graphql<any>('{ people(first: 100) { nodes { key name } } }'));
    expect(people.nodes.filter((person: any) => person.name.startsWith('Test Researcher')).map((person: any) => person.key).sort()).toEqual(['cur-namesake', 'orcid-0000-0001-0000-0001']);
  });

  it('changes nothing when the same works are imported again', async () => {
    const before = await snapshot(api.current);
    const report = await importOpenAlex({ db: api.current.db }, [PEOPLE], { people: true });
    expect(report.people).toMatchObject({ authors: 3, matched: 2, created: 0, heldBack: 1 });
    expect(report.write.written?.relationships).toMatchObject({ created: 0, updated: 0 });
    const after = await snapshot(api.current);
    expect({ ...after, version: before.version }).toEqual(before);
  });

  it('links an author held back once a curator gives the namesake the ORCID iD', async () => {
    const { person } = ok(await api.current.graphql<any>('{ person(key: "cur-namesake") { version } }'));
    await ok(
      await api.current.graphql(
        'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { key } } }',
        { input: { entity: 'cur-namesake', expectedVersion: person.version, set: { orcid: '0000-0001-0000-0005' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    const report = await importOpenAlex({ db: api.current.db }, [PEOPLE], { people: true });
    expect(report.people).toMatchObject({ matched: 3, created: 0, heldBack: 0 });
    expect((await affiliationsOf('cur-namesake'))[3]).toEqual([expect.objectContaining({ to: { key: 'university-of-montpellier' }, since: '2020', until: '2020' })]);
  });

  it('refuses an ORCID iD that is not one, through the API', async () => {
    const response = await api.current.graphql(CREATE, { input: { type: 'PERSON', key: 'cur-bad-orcid', fields: { name: 'Bad Orcid', orcid: '1234' }, sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.fields.orcid']]);
  });
});
