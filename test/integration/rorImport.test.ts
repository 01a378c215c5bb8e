/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { importRor, RorRejectedError } from '../../src/ingest/ror/importRor.js';
import { snapshot } from '../helpers/curation.js';
import { runScript } from '../helpers/runProcess.js';
import { zipFiles } from '../helpers/zipFiles.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
const DUMP = join(projectRoot, 'test', 'fixtures', 'ror', 'v9.99-2026-11-15-ror-data_schema_v2.json');

const removeRorData = cypher(
  'removeRorDataForTests',
  'WRITE',
  `CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH 'ror-' DETACH DELETE n }
   CALL () { MATCH ()-[r]->() WHERE r.id STARTS WITH 'ror-' DELETE r }
   CALL () { MATCH (s:Source {id: 'ror'}) DELETE s }
   CALL () { MATCH (r:MatchReview {dataset: 'ror'}) DELETE r }
   CALL () { MATCH (n:Organization) WHERE n.ror STARTS WITH '0aaaaaa' REMOVE n.ror, n.country }
   CALL () { MATCH (n:Organization) WHERE n.wikidata = 'Q99990001' REMOVE n.wikidata }
   RETURN 1 AS done`,
);
afterAll(async () => {
  if (api.current) await runQuery({ db: api.current.db }, removeRorData);
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
    expect(command.output()).toMatch(/Reading the ROR dump \(records of the area and known ones\): 8 records, .*done/);
    expect(command.output()).toMatch(/kept\s+5 in the area, 0 known to the graph, 2 one step away/);
    expect(command.output()).toMatch(/records\s+0 matched by identifier, 2 by name, 0 by a curator's decision, 4 new, 0 imported before, 1 queued for review/);
    expect(command.output()).toMatch(/relationships\s+4 created, 0 updated, 0 unchanged/);

    const { data } = await api.current.graphql<any>(`{
      um: organization(key: "university-of-montpellier") { ror wikidata subUnits(first: 10) { edges { node { key } } } }
      chu: organization(key: "chu-montpellier") { ror }
      lab: organization(key: "ror-0aaaaaa02") { name kind city country ror aliases { en } founded sources { locator source { key title } }
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
    expect(data.lab).toMatchObject({
      name: 'Laboratoire de Test en Informatique', kind: 'infrastructure-operator', city: 'Montpellier', country: 'FR', ror: '0aaaaaa02', aliases: { en: ['LTI'] }, founded: '2010',
      sources: [{ locator: 'ror 0aaaaaa02', source: { key: 'ror', title: expect.stringContaining('ROR') } }],
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
    expect(again.records).toEqual({ matchedByIdentifier: 2, matchedByName: 0, matchedByDecision: 0, created: 0, importedBefore: 4, queuedForReview: 1, rejected: 0 });
    for (const tally of Object.values(again.written!)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(again.enriched).toBe(0);
  });
});
