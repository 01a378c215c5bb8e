/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { importCordis } from '../../src/ingest/cordis/importCordis.js';
import { ImportRejectedError } from '../../src/ingest/graphWriter.js';
import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { ADMIN_TOKEN, as, ok, snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { folderWith } from '../helpers/seedFolder.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * Where an open-data import meets what is already in the graph: a project a press source
 * describes and CORDIS lists, the same participation stated by both, and entries a curator
 * edited through the API after the import wrote them.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
const RELEASE_1 = join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1');
const RELEASE_2 = join(projectRoot, 'test', 'fixtures', 'cordis', 'release-2');

/** An import folder written for this test: a press note on the TROPIDATA project, which the CORDIS fixture lists as project 100000004. */
const PRESS_FOLDER = {
  'sources.yaml': `- id: meet-press-note
  title: A press note on TROPIDATA, written for this test
  language: en
  kind: press-article
`,
  'projects.yaml': `- id: meet-tropidata
  name: TROPIDATA
  kind: research-project
  cordisId: "100000004"
  sources: [meet-press-note#line 1]
`,
  'relationships.yaml': `- id: meet-um-in-tropidata
  type: PARTICIPATES_IN
  from: university-of-montpellier
  to: meet-tropidata
  sources: [meet-press-note#line 2]
`,
};

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db, ['cordis-', 'meet-']);
});

describe('an open-data import meeting the graph', () => {
  it('gives a project the graph knows by its CORDIS id the export\'s facts, and one participation stated by both sources cites both', async () => {
    const folder = folderWith(PRESS_FOLDER);
    try {
      await importFolder({ db: api.current.db }, folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const report = await importCordis({ db: api.current.db }, RELEASE_1);
    expect(report.projectsKnown).toBe(1);
    expect(report.write.alsoStated).toBe(1);
    expect(report.write.written!.projects).toEqual({ created: 2, updated: 0, unchanged: 0 });

    const { data, errors } = await api.current.graphql<any>(`{
      own: project(key: "cordis-100000004") { key }
      project(key: "meet-tropidata") { aliases { en } sources { locator source { key } } matchedRecords { dataset recordId how }
        participants(first: 20) { edges { node { key } relationship { key type role sources { locator source { key } } } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.own).toBeNull();
    expect(data.project.aliases.en).toEqual(['Test project; tropical data']);
    expect(data.project.matchedRecords).toEqual([{ dataset: 'cordis', recordId: 'project 100000004', how: 'IDENTIFIER' }]);
    // What the export added is a change in the feed, by the import, naming the fields it added.
    const history = ok(await api.current.graphql<any>('{ history(of: "meet-tropidata") { nodes { action origin author changedFields } } }')).history.nodes;
    expect(history).toEqual([
      { action: 'CREATED', origin: 'IMPORT', author: expect.stringMatching(/^import of mtp-ai-import-/), changedFields: expect.arrayContaining(['cordisId', 'name']) },
      { action: 'UPDATED', origin: 'IMPORT', author: expect.stringMatching(/^import of cordis/), changedFields: ['aliases', 'matchedRecords', 'sources'] },
    ]);
    expect(data.project.sources).toEqual([
      { locator: 'line 1', source: { key: 'meet-press-note' } },
      { locator: 'project 100000004', source: { key: 'cordis-horizon' } },
    ]);
    const byKey = Object.fromEntries(data.project.participants.edges.map((edge: any) => [edge.node.key, edge.relationship]));
    // The university's participation: the press note's relationship, now citing the CORDIS row too; no second one.
    expect(data.project.participants.edges.filter((edge: any) => edge.node.key === 'university-of-montpellier')).toHaveLength(1);
    expect(byKey['university-of-montpellier']).toEqual({
      key: 'meet-um-in-tropidata', type: 'PARTICIPATES_IN', role: null,
      sources: [{ locator: 'line 2', source: { key: 'meet-press-note' } }, { locator: 'project 100000004 / organisation 999000001', source: { key: 'cordis-horizon' } }],
    });
    // The other participants come from CORDIS, on the project the graph already had.
    expect(byKey['cordis-org-999000010']).toMatchObject({ key: 'cordis-100000004-999000010', role: 'thirdParty' });

    const again = await importCordis({ db: api.current.db }, RELEASE_1);
    expect(again.write).toMatchObject({ alsoStated: 0, enriched: 0 });
  });

  it('leaves an imported entry a curator edited alone while the export agrees with what it last imported', async () => {
    const { data } = await api.current.graphql<any>('{ organization(key: "cordis-org-999000005") { version } }');
    ok(await api.current.graphql(
      'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { key } } }',
      { input: { entity: 'cordis-org-999000005', expectedVersion: data.organization.version, set: { name: 'Université Paul-Valéry Montpellier 3' }, sources: [{ source: 'cordis-horizon', locator: 'project 100000002 / organisation 999000005' }], note: 'Usual name.' } },
      as(ADMIN_TOKEN),
    ));
    const report = await importCordis({ db: api.current.db }, RELEASE_1);
    for (const tally of Object.values(report.write.written!)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    const after = await api.current.graphql<any>('{ organization(key: "cordis-org-999000005") { name } }');
    expect(after.data.organization.name).toBe('Université Paul-Valéry Montpellier 3');
  });

  it('refuses a newer release that would undo a curator\'s edit of an imported participation, naming it, and writes nothing', async () => {
    const read = await api.current.graphql<any>('{ organization(key: "numalis") { projects(first: 20) { edges { relationship { key version } } } } }');
    const participation = read.data.organization.projects.edges.map((edge: any) => edge.relationship).find((relationship: any) => relationship.key === 'cordis-100000002-999000004');
    ok(await api.current.graphql(
      'mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationships { key } } }',
      { input: { relationship: 'cordis-100000002-999000004', expectedVersion: participation.version, set: { note: 'Checked with the company.' }, sources: [{ source: 'cordis-horizon', locator: 'project 100000002 / organisation 999000004' }] } },
      as(ADMIN_TOKEN),
    ));
    const before = await snapshot(api.current);
    const error = await importCordis({ db: api.current.db }, RELEASE_2).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems).toEqual([
      { file: 'relationships.yaml', entry: 'cordis-100000002-999000004', reason: expect.stringMatching(/^was changed through the API since it was last imported \(change \d+\)/) },
    ]);
    expect(await snapshot(api.current)).toEqual(before);
  });
});
