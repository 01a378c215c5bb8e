/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importOpenAlex, OpenAlexRejectedError } from '../../src/ingest/openalex/importOpenAlex.js';
import { snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const FIXTURES = join(projectRoot, 'test', 'fixtures', 'openalex');
const SNAPSHOT = join(FIXTURES, 'snapshot');
const PAGE = join(FIXTURES, 'api', 'works-page-1.json');
const NEWER = join(FIXTURES, 'newer');
const FILES = {
  gz: join(SNAPSHOT, 'updated_date=2026-11-01', 'part_000.gz'),
  jsonl: join(SNAPSHOT, 'updated_date=2026-11-10', 'part_000.jsonl'),
  newer: join(NEWER, 'part_000.jsonl'),
};

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

/**
 * The links the fixture states, counted here straight from its files (not through the
 * connector): each work once, with a year, whose institutions include one of the area; one
 * link per pair of organisations with at least one of the area. The fixture's institutions
 * are the organisations below; I9000006 is only near a known name and waits for review.
 */
const ORGANIZATION_OF: Record<string, string | null> = {
  I9000001: 'university-of-montpellier',
  I9000002: 'cirad',
  I9000003: 'inria',
  I9000004: 'openalex-i9000004',
  I9000005: 'openalex-i9000005',
  I9000006: null,
};
const OF_THE_AREA = new Set(['university-of-montpellier', 'cirad']);

function worksOf(files: string[]): any[] {
  const works: any[] = [];
  for (const file of files) {
    if (file.endsWith('.json')) works.push(...JSON.parse(readFileSync(file, 'utf8')).results);
    else {
      const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
      works.push(...text.split('\n').filter(Boolean).map((line) => JSON.parse(line)));
    }
  }
  return works;
}

function expectedLinks(files: string[]): Map<string, Record<number, number>> {
  const links = new Map<string, Record<number, number>>();
  const seen = new Set<string>();
  for (const work of worksOf(files)) {
    if (seen.has(work.id) || work.publication_year === null) continue;
    seen.add(work.id);
    const organizations = new Set<string>();
    for (const authorship of work.authorships) {
      for (const institution of authorship.institutions) {
        const key = ORGANIZATION_OF[institution.id.replace('https://openalex.org/', '')];
        if (key) organizations.add(key);
      }
    }
    const keys = [...organizations].sort();
    for (const a of keys) {
      for (const b of keys) {
        if (a >= b || !(OF_THE_AREA.has(a) || OF_THE_AREA.has(b))) continue;
        const counts = links.get(`${a} ${b}`) ?? {};
        counts[work.publication_year] = (counts[work.publication_year] ?? 0) + 1;
        links.set(`${a} ${b}`, counts);
      }
    }
  }
  return links;
}

async function linksOf(organization: string, args = ''): Promise<Map<string, Record<number, number>>> {
  const { data, errors } = await api.current.graphql<any>(`{ coPublications(organization: "${organization}", first: 100${args}) {
    totalCount edges { node { organization { key } coPublication { works byYear { year works } } } } } }`);
  expect(errors).toBeUndefined();
  const links = new Map<string, Record<number, number>>();
  for (const { node } of data.coPublications.edges) {
    const [a, b] = [organization, node.organization.key].sort();
    links.set(`${a} ${b}`, Object.fromEntries(node.coPublication.byYear.map((entry: any) => [entry.year, entry.works])));
    expect(node.coPublication.works).toBe(node.coPublication.byYear.reduce((sum: number, entry: any) => sum + entry.works, 0));
  }
  expect(data.coPublications.totalCount).toBe(links.size);
  return links;
}

function linksInvolving(expected: Map<string, Record<number, number>>, organization: string) {
  return new Map([...expected].filter(([pair]) => pair.split(' ').includes(organization)));
}

describe('importing OpenAlex works', () => {
  it('refuses a file with a malformed line or a work without an id, naming file and line, and writes nothing', async () => {
    const before = await snapshot(api.current);
    const folder = mkdtempSync(join(tmpdir(), 'openalex-broken-'));
    try {
      const broken = join(folder, 'part_000.jsonl');
      const lines = readFileSync(FILES.jsonl, 'utf8').split('\n');
      writeFileSync(broken, [lines[0], '{"id": "https://openalex.org/W90000', JSON.stringify({ title: 'no id' }), lines[1]].join('\n'));
      const error = await importOpenAlex({ db: api.current.db }, [broken]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAlexRejectedError);
      expect((error as OpenAlexRejectedError).problems).toEqual([
        { file: broken, line: 2, field: '-', reason: 'not a JSON object (a works file has one work per line)' },
        { file: broken, line: 3, field: 'id', reason: '"" is not an OpenAlex work id (https://openalex.org/W...)' },
      ]);
      expect((error as Error).message).toContain(`${broken}, line 2`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('with --dry-run, reports and writes nothing', async () => {
    const before = await snapshot(api.current);
    const report = await importOpenAlex({ db: api.current.db }, [SNAPSHOT, PAGE], { dryRun: true });
    expect(report.works).toEqual({ read: 9, duplicates: 2, withoutYear: 1, kept: 5 });
    expect(report.write.written).toBeNull();
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('is a command that reads snapshot partitions (gzipped or not) and API pages, shows progress and reports', async () => {
    const command = runScript('src/cli/importOpenAlex.ts', [SNAPSHOT, PAGE], testEnvironment());
    expect(await command.exited).toBe(0);
    const output = command.output();
    expect(output).toMatch(/Reading works: \d+ records, .*done/);
    expect(output).toMatch(/works\s+9 read, 2 repeated, 1 without a year, 5 kept/);
    expect(output).toMatch(/institutions\s+0 matched by identifier, 3 by name, 0 by a curator's decision, 2 new, 0 imported before, 1 queued for review, 0 rejected/);
    expect(output).toMatch(new RegExp(`co-publishing\\s+2 organisation\\(s\\) of the area, ${expectedLinks([FILES.gz, FILES.jsonl, PAGE]).size} co-publication link`));
  });

  it('gives each pair one link whose counts per year are those of the works', async () => {
    const expected = expectedLinks([FILES.gz, FILES.jsonl, PAGE]);
    expect(expected.size).toBeGreaterThan(4);
    for (const organization of ['university-of-montpellier', 'cirad', 'openalex-i9000004']) {
      expect(await linksOf(organization), organization).toEqual(linksInvolving(expected, organization));
    }
  });

  it('keeps example works as the evidence the link cites, with topics, and the institutions found nowhere with their identifiers', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      coPublications(organization: "cirad", first: 5) { edges { node { organization { key }
        coPublication { topics { name works } examples { id url doi title year } }
        relationship { key type sources { locator source { key licence } } } } } }
      wageningen: organization(key: "openalex-i9000004") { name kind country ror openalex sources { locator } }
      um: byIdentifier(scheme: OPENALEX, value: "https://openalex.org/I9000001") { key openalex matchedRecords { dataset recordId how } }
      pendingMatches(dataset: "openalex") { edges { node { recordId candidates { entity { key } } } } }
    }`);
    expect(errors).toBeUndefined();
    const withUm = data.coPublications.edges.find((edge: any) => edge.node.organization.key === 'university-of-montpellier').node;
    expect(withUm.coPublication.topics).toEqual([{ name: 'Crop modelling', works: 2 }]);
    expect(withUm.coPublication.examples.map((work: any) => work.id)).toEqual(['W9000007', 'W9000001']);
    expect(withUm.coPublication.examples[0]).toEqual({ id: 'W9000007', url: 'https://openalex.org/W9000007', doi: '10.99999/test.7', title: 'Test work 7', year: 2023 });
    expect(withUm.relationship).toEqual({
      key: 'copub-cirad.university-of-montpellier',
      type: 'CO_PUBLISHED_WITH',
      sources: [
        { locator: 'work W9000007', source: { key: 'openalex', licence: 'CC0 1.0' } },
        { locator: 'work W9000001', source: { key: 'openalex', licence: 'CC0 1.0' } },
      ],
    });
    expect(data.wageningen).toEqual({ name: 'Wageningen Test University', kind: 'university', country: 'NL', ror: '0bbbbbb04', openalex: 'I9000004', sources: [{ locator: 'work W9000001 / institution I9000004' }] });
    expect(data.um).toEqual({ key: 'university-of-montpellier', openalex: 'I9000001', matchedRecords: [{ dataset: 'openalex', recordId: 'I9000001', how: 'NAME' }] });
    expect(data.pendingMatches.edges.map((edge: any) => [edge.node.recordId, edge.node.candidates[0].entity.key])).toEqual([['I9000006', 'chu-montpellier']]);
  });

  it('counts only the years asked, and takes co-publications as partner evidence weighing their works', async () => {
    const expected = linksInvolving(expectedLinks([FILES.gz, FILES.jsonl, PAGE]), 'university-of-montpellier');
    const from2022 = new Map(
      [...expected]
        .map(([pair, counts]) => [pair, Object.fromEntries(Object.entries(counts).filter(([year]) => Number(year) >= 2022 && Number(year) <= 2023))] as const)
        .filter(([, counts]) => Object.keys(counts).length > 0),
    );
    expect(await linksOf('university-of-montpellier', ', years: { from: 2022, to: 2023 }')).toEqual(from2022);

    const { data, errors } = await api.current.graphql<any>(`{
      all: partners(organization: "cirad", evidence: [CO_PUBLICATION], first: 20) { edges { node { organization { key } strength evidence { kind relationships { key } } } } }
      before2022: partners(organization: "cirad", evidence: [CO_PUBLICATION], asOf: "2021-12-31", first: 20) { edges { node { organization { key } strength } } }
      projectsOnly: candidatePartners(organizations: ["cirad"], evidence: [SHARED_PROJECT], first: 50) { organization { key } }
      withCoPublications: candidatePartners(organizations: ["cirad"], evidence: [CO_PUBLICATION], first: 50) { organization { key } strength }
      path: shortestPath(from: "openalex-i9000005", to: "cirad", types: [CO_PUBLISHED_WITH]) { length nodes { key } }
    }`);
    expect(errors).toBeUndefined();
    const badYears = await api.current.graphql('{ coPublications(organization: "cirad", years: { from: 2024, to: 2020 }) { totalCount } }');
    expect(badYears.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([['`years`: `from` (2024) is after `to` (2020).', 'BAD_USER_INPUT']]);
    const strengths = Object.fromEntries(data.all.edges.map((edge: any) => [edge.node.organization.key, edge.node.strength]));
    const ciradLinks = linksInvolving(expectedLinks([FILES.gz, FILES.jsonl, PAGE]), 'cirad');
    expect(strengths).toEqual(Object.fromEntries([...ciradLinks].map(([pair, counts]) => [pair.split(' ').find((key) => key !== 'cirad'), Object.values(counts).reduce((a, b) => a + b, 0)])));
    expect(data.all.edges[0].node.evidence[0]).toMatchObject({ kind: 'CO_PUBLICATION', relationships: [{ key: expect.stringMatching(/^copub-/) }] });
    expect(data.before2022.edges.map((edge: any) => [edge.node.organization.key, edge.node.strength]).sort()).toEqual([['openalex-i9000004', 1], ['university-of-montpellier', 1]]);
    expect(data.projectsOnly.map((candidate: any) => candidate.organization.key)).not.toContain('openalex-i9000004');
    expect(data.withCoPublications.map((candidate: any) => candidate.organization.key)).toEqual(expect.arrayContaining(['university-of-montpellier', 'openalex-i9000004']));
    expect(data.path).toEqual({ length: 2, nodes: [{ key: 'openalex-i9000005' }, { key: 'university-of-montpellier' }, { key: 'cirad' }] });

    // The co-publication network alone, exported for Gephi: an edge weighs its works.
    const csv = await (await fetch(`${api.current.url}/export/ego?center=cirad&types=CO_PUBLISHED_WITH&format=edges.csv`)).text();
    const [header, ...rows] = csv.trim().split('\r\n').map((line) => line.split(','));
    const weight = header!.indexOf('Weight');
    const weights = Object.fromEntries(rows.filter((row) => row[1] === 'cirad' || row[2] === 'cirad').map((row) => [[row[1], row[2]].sort().join(' '), Number(row[weight])]));
    expect(weights).toEqual(Object.fromEntries([...ciradLinks].map(([pair, counts]) => [pair, Object.values(counts).reduce((a, b) => a + b, 0)])));
    // Undirected (a co-publication reads the same from either end), with the works of each year.
    const kind = header!.indexOf('Type');
    const byYear = header!.indexOf('worksByYear');
    for (const row of rows.filter((line) => line[1] === 'cirad' || line[2] === 'cirad')) {
      expect(row[kind]).toBe('Undirected');
      const counts = ciradLinks.get([row[1], row[2]].sort().join(' '))!;
      expect(Object.fromEntries(row[byYear]!.split(' ').map((entry) => entry.split(':').map(Number)))).toEqual(Object.fromEntries(Object.entries(counts).map(([year, works]) => [Number(year), works])));
    }

    // The map of co-publications holds the organisations that co-publish, and only them.
    const map = await api.current.graphql<any>('{ ecosystemMap(filter: { types: [CO_PUBLISHED_WITH] }, limit: 50) { nodes { entity { key } } edges { type } } }');
    const organizations = new Set([...expectedLinks([FILES.gz, FILES.jsonl, PAGE]).keys()].flatMap((pair) => pair.split(' ')));
    expect(map.data.ecosystemMap.nodes.map((node: any) => node.entity.key).sort()).toEqual([...organizations].sort());
    expect(new Set(map.data.ecosystemMap.edges.map((edge: any) => edge.type))).toEqual(new Set(['CO_PUBLISHED_WITH']));
  });

  it('changes nothing when run again, and a newer file updates the counts of the links it adds works to', async () => {
    const again = await importOpenAlex({ db: api.current.db }, [SNAPSHOT, PAGE]);
    for (const tally of Object.values(again.write.written!)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(again.institutions).toMatchObject({ matchedByIdentifier: 3, created: 0, importedBefore: 2, queuedForReview: 1 });

    const newer = await importOpenAlex({ db: api.current.db }, [SNAPSHOT, PAGE, NEWER]);
    expect(newer.write.written!.relationships).toMatchObject({ created: 0, updated: 1 });
    const expected = expectedLinks([FILES.gz, FILES.jsonl, PAGE, FILES.newer]);
    expect(await linksOf('cirad')).toEqual(linksInvolving(expected, 'cirad'));
    expect(expected.get('cirad university-of-montpellier')).toEqual({ 2021: 1, 2023: 1, 2024: 1 });
  });
});
