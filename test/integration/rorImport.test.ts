/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importRor, RorRejectedError } from '../../src/ingest/ror/importRor.js';
import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { SEED_FOLDER } from '../../src/ingest/defaultGraph.js';
import { snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { copyOfSeeds } from '../helpers/seedFolder.js';
import { zipFiles } from '../helpers/zipFiles.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const DUMP = join(projectRoot, 'test', 'fixtures', 'ror', 'v9.99-2026-11-15-ror-data_schema_v2.json');

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

describe('importing a ROR dump', () => {
  it('refuses a truncated dump, naming the record where it broke, and writes nothing', async () => {
    const before = await snapshot(api.current);
    const folder = mkdtempSync(join(tmpdir(), 'ror-broken-'));
    try {
      const text = readFileSync(DUMP, 'utf8');
      const truncated = join(folder, 'truncated.json');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
      const error = await importRor({ db: api.current.db }, truncated).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RorRejectedError);
      expect((error as RorRejectedError).message).toMatch(/record \d+, -: the file is not a complete JSON array/);
      expect(await snapshot(api.current)).toEqual(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the records of the area and those one step away, matches known organisations and queues the uncertain', async () => {
    const command = runScript('src/cli/importRor.ts', [DUMP], testEnvironment());
    expect(await command.exited).toBe(0);
    expect(command.output()).toMatch(/Reading the ROR dump \(records of the area and known ones\): 9 records, .*done/);
    expect(command.output()).toMatch(/kept\s+6 in the area, 0 known to the graph, 2 one step away/);
    expect(command.output()).toMatch(/records\s+0 matched by identifier, 3 by name, 0 by a curator's decision, 4 new, 0 imported before, 1 queued for review/);
    expect(command.output()).toMatch(/relationships\s+4 created, 0 updated, 0 unchanged/);
    expect(command.output()).toMatch(/also stated\s+1 relationship/);
    expect(command.output()).toMatch(/enriched\s+3 existing/);

    const { data } = await api.current.graphql<any>(`{
      um: organization(key: "university-of-montpellier") { ror wikidata subUnits(first: 10) { edges { node { key } } } }
      chu: organization(key: "chu-montpellier") { ror }
      lab: organization(key: "ror-0aaaaaa02") { name names { fr en } kind city country ror aliases { en } founded sources { locator source { key title licence } }
        parents(first: 10) { edges { node { key } relationship { type sources { locator } } } } }
      old: organization(key: "ror-0aaaaaa07") { description }
      paulValery: organization(key: "ror-0aaaaaa06") { relationships(types: [SUCCESSOR_OF], first: 5) { edges { node { key } direction } } }
      faraway: organization(key: "ror-0aaaaaa04") { key }
      twin: organization(key: "ror-0aaaaaa01") { key }
      pendingMatches(dataset: "ror") { edges { node { recordId candidates { entity { key } score } } } }
      byRor: byIdentifier(scheme: ROR, value: "https://ror.org/0aaaaaa01") { key }
      byBareRor: byIdentifier(scheme: ROR, value: "0aaaaaa02") { key }
      nobody: byIdentifier(scheme: ROR, value: "0zzzzzz99") { key }
    }`);
    expect([data.byRor, data.byBareRor, data.nobody]).toEqual([{ key: 'university-of-montpellier' }, { key: 'ror-0aaaaaa02' }, null]);
    expect(data.um.ror).toBe('0aaaaaa01');
    expect(data.um.subUnits.edges.map((edge: any) => edge.node.key)).toContain('ror-0aaaaaa02');
    expect(data.chu.ror).toBe('0aaaaaa05');
    expect(data.twin).toBeNull();
    expect(data.faraway).toBeNull();
    // A ROR facility that is part of a body and named a laboratory is a research unit, not an infrastructure.
    expect(data.lab).toMatchObject({
      name: 'Laboratoire de Test en Informatique', names: { fr: 'Laboratoire de Test en Informatique', en: null }, kind: 'research-unit', city: 'Montpellier', country: 'FR', ror: '0aaaaaa02', aliases: { en: ['LTI'] }, founded: '2010',
      sources: [{ locator: 'ror 0aaaaaa02', source: { key: 'ror', title: expect.stringContaining('ROR'), licence: 'CC0 1.0' } }],
    });
    expect(data.lab.parents.edges.map((edge: any) => edge.node.key).sort()).toEqual(['ror-0aaaaaa03', 'university-of-montpellier']);
    expect(data.old.description).toBe('Listed by ROR as inactive.');
    expect(data.paulValery.relationships.edges).toEqual([{ node: { key: 'ror-0aaaaaa07' }, direction: 'OUTGOING' }]);
    expect(data.pendingMatches.edges).toEqual([{ node: { recordId: '0aaaaaa08', candidates: [{ entity: { key: 'inria' }, score: 0.7 }] } }]);
  });

  it('changes nothing when run again, from the .zip as ROR publishes it: known records are now found by their ROR id', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ror-zip-'));
    const zip = join(folder, 'v9.99-2026-11-15-ror-data.zip');
    await zipFiles(zip, { 'v9.99-2026-11-15-ror-data.json': DUMP, 'v9.99-2026-11-15-ror-data_schema_v2.json': DUMP });
    const again = await importRor({ db: api.current.db }, zip).finally(() => rmSync(folder, { recursive: true, force: true }));
    expect(again.records).toEqual({ matchedByIdentifier: 3, matchedByName: 0, matchedByDecision: 0, created: 0, importedBefore: 4, queuedForReview: 1, rejected: 0 });
    for (const tally of Object.values(again.write.written!)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(again.write).toMatchObject({ enriched: 0, alsoStated: 0 });
  });

  it('adds to a surely matched entity the record\'s other names, website and citation, and says how it matched', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      unit: organization(key: "inria-um-unit") { ror city website aliases { fr en } sources { locator source { key } }
        matchedRecords { dataset recordId how why } }
      um: organization(key: "university-of-montpellier") { website aliases { fr en } matchedRecords { recordId how } }
      search(text: "Inria Montpellier Test Centre", first: 3) { edges { node { ... on Organization { key } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.unit).toMatchObject({ ror: '0aaaaaa09', city: 'Montpellier', website: 'https://www.example.org/inria-um' });
    expect(data.unit.aliases.en).toContain('Inria Montpellier Test Centre');
    // Its French name is already one of the entity's aliases: not added twice.
    expect(data.unit.aliases.fr).toEqual(["centre Inria de l'Université de Montpellier"]);
    expect(data.unit.sources.map((source: any) => source.locator)).toEqual(['line 14', 'ror 0aaaaaa09']);
    expect(data.unit.matchedRecords).toEqual([{ dataset: 'ror', recordId: '0aaaaaa09', how: 'NAME', why: 'same name as "Inria – University of Montpellier unit"' }]);
    // The university's website stays the one the seed gives; its names are all known already.
    expect(data.um).toMatchObject({ website: 'https://www.umontpellier.fr', aliases: { fr: ['Université de Montpellier', 'UM'], en: ['UM', 'Montpellier University'] } });
    expect(data.um.matchedRecords).toEqual([{ recordId: '0aaaaaa01', how: 'NAME' }]);
    expect(data.search.edges[0].node.key).toBe('inria-um-unit');
  });

  it('cites the record on the relationship a press source states too, instead of writing a second one', async () => {
    const { data } = await api.current.graphql<any>(`{ organization(key: "inria-um-unit") { parents(first: 10) { edges {
      node { key } relationship { key sources { locator source { key } } } } } } }`);
    const toUm = data.organization.parents.edges.filter((edge: any) => edge.node.key === 'university-of-montpellier');
    expect(toUm).toHaveLength(1);
    expect(toUm[0].relationship).toEqual({
      key: 'inria-um-unit-part-of-um',
      sources: [{ locator: 'line 14', source: { key: 'mm-ai-association-en' } }, { locator: 'ror 0aaaaaa09', source: { key: 'ror' } }],
    });
  });

  it('keeps what the dataset added when the seed import rewrites the entry', async () => {
    const folder = copyOfSeeds();
    try {
      const organizations = join(folder, 'organizations.yaml');
      writeFileSync(organizations, readFileSync(organizations, 'utf8').replace('who heads the PreMeDICaL team works.', 'who heads the PreMeDICaL team works (edited for a test).'));
      const relationships = join(folder, 'relationships.yaml');
      writeFileSync(relationships, readFileSync(relationships, 'utf8').replace(
        'from: inria-um-unit\n  to: university-of-montpellier\n  sources',
        'from: inria-um-unit\n  to: university-of-montpellier\n  note: Edited for a test.\n  sources',
      ));
      const report = await importFolder({ db: api.current.db }, folder);
      expect(report.organizations!.updated).toBe(1);
      expect(report.relationships!.updated).toBe(1);
      const { data } = await api.current.graphql<any>(`{ organization(key: "inria-um-unit") { description website aliases { en } sources { locator }
        parents(first: 10) { edges { relationship { key note sources { locator } } } } } }`);
      expect(data.organization.description).toContain('edited for a test');
      expect(data.organization.website).toBe('https://www.example.org/inria-um');
      expect(data.organization.aliases.en).toContain('Inria Montpellier Test Centre');
      expect(data.organization.sources.map((source: any) => source.locator)).toEqual(['line 14', 'ror 0aaaaaa09']);
      const part = data.organization.parents.edges.map((edge: any) => edge.relationship).find((relationship: any) => relationship.key === 'inria-um-unit-part-of-um');
      expect(part).toEqual({ key: 'inria-um-unit-part-of-um', note: 'Edited for a test.', sources: [{ locator: 'line 14' }, { locator: 'ror 0aaaaaa09' }] });
    } finally {
      await importFolder({ db: api.current.db }, SEED_FOLDER);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
