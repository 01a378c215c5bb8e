/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { CordisRejectedError, importCordis, type CordisReport } from '../../src/ingest/cordis/importCordis.js';
import { ADMIN_TOKEN, as, ok, snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { zipFiles } from '../helpers/zipFiles.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
const FIXTURES = join(projectRoot, 'test', 'fixtures', 'cordis');
const RELEASE_1 = join(FIXTURES, 'release-1');
const RELEASE_2 = join(FIXTURES, 'release-2');

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db);
});

const written = (report: CordisReport) =>
  Object.fromEntries(Object.entries(report.write.written ?? {}).map(([kind, tally]) => [kind, tally]).filter(([, tally]) => (tally as any).created + (tally as any).updated + (tally as any).unchanged > 0));

describe('importing a CORDIS export', () => {
  let first: CordisReport;

  it('refuses bad files with every problem named by file, line and field, and writes nothing', async () => {
    const before = await snapshot(api.current);
    const broken = mkdtempSync(join(tmpdir(), 'cordis-broken-'));
    try {
      cpSync(RELEASE_1, broken, { recursive: true });
      const organizations = readFileSync(join(broken, 'organization.csv'), 'utf8').split('\r\n');
      organizations[2] = organizations[2]!.replace('600000', 'six hundred thousand');
      organizations[3] = organizations[3]!.replace(/^100000001;/, '100000099;');
      writeFileSync(join(broken, 'organization.csv'), organizations.join('\r\n'));
      const error = await importCordis({ db: api.current.db }, broken).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CordisRejectedError);
      expect((error as CordisRejectedError).problems).toEqual([
        { file: 'organization.csv', line: 3, field: 'ecContribution', reason: '"six hundred thousand" is not an amount' },
        { file: 'organization.csv', line: 4, field: 'projectID', reason: 'project 100000099 is not in project.csv' },
      ]);

      const projects = readFileSync(join(broken, 'project.csv'), 'utf8').replace('ecMaxContribution', 'maxContribution');
      writeFileSync(join(broken, 'project.csv'), projects);
      const missing = (await importCordis({ db: api.current.db }, broken).catch((caught: unknown) => caught)) as CordisRejectedError;
      expect(missing.problems[0]).toEqual({ file: 'project.csv', line: 1, field: 'ecMaxContribution', reason: 'missing column(s) ecMaxContribution' });
      expect(await snapshot(api.current)).toEqual(before);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('is a command that shows its progress and reports, and exits 1 naming the problem on a bad folder', async () => {
    const before = await snapshot(api.current);
    const dry = runScript('src/cli/importCordis.ts', [RELEASE_1, '--dry-run'], testEnvironment());
    expect(await dry.exited).toBe(0);
    expect(dry.output()).toMatch(/Reading organization\.csv: 11 records, .*done/);
    expect(dry.output()).toMatch(/kept by scope\s+3 projects, 10 participations/);
    expect(dry.output()).toMatch(/participants\s+0 matched by identifier, 2 by name, 0 by a curator's decision, 5 new, 0 imported before, 2 queued for review/);
    expect(dry.output()).toContain('nothing written (--dry-run)');
    const missing = runScript('src/cli/importCordis.ts', [join(FIXTURES, 'no-such-folder')], testEnvironment());
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain('project.csv is missing');
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('with --dry-run, reports what it would do and writes nothing, from the folder or from the .zip as downloaded', async () => {
    const before = await snapshot(api.current);
    const report = await importCordis({ db: api.current.db }, RELEASE_1, { dryRun: true });
    expect(report.kept).toEqual({ projects: 3, participations: 10 });
    expect(report.write.written).toBeNull();
    const folder = mkdtempSync(join(tmpdir(), 'cordis-zip-'));
    try {
      const zip = join(folder, 'cordis-HORIZONprojects-csv.zip');
      await zipFiles(zip, { 'csv/project.csv': join(RELEASE_1, 'project.csv'), 'csv/organization.csv': join(RELEASE_1, 'organization.csv') });
      const zipped = await importCordis({ db: api.current.db }, zip, { dryRun: true });
      expect(zipped).toEqual(report);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('keeps the projects with a participant in the area, with all their participants, and resolves each participant', async () => {
    first = await importCordis({ db: api.current.db }, RELEASE_1);
    expect(first.read).toEqual({ projects: 4, participations: 11 });
    // FARAWAY has no participant in Hérault nor known to the graph.
    expect(first.kept).toEqual({ projects: 3, participations: 10 });
    expect(first.participants).toEqual({ matchedByIdentifier: 0, matchedByName: 2, matchedByDecision: 0, created: 5, importedBefore: 0, queuedForReview: 2, rejected: 0 });
    expect(first.withheldParticipations).toBe(2);
    expect(written(first)).toMatchObject({
      sources: { created: 1, updated: 0, unchanged: 0 },
      organizations: { created: 5, updated: 0, unchanged: 0 },
      projects: { created: 3, updated: 0, unchanged: 0 },
      relationships: { created: 8, updated: 0, unchanged: 0 },
    });
    expect(first.write.enriched).toBe(2);
  });

  it('adds identifiers to a sure match instead of creating a second entity, and keeps near-names apart', async () => {
    const { data } = await api.current.graphql<any>(`{
      um: organization(key: "university-of-montpellier") { pic vat country }
      numalis: organization(key: "numalis") { pic cordisId }
      twin: organization(key: "cordis-org-999000001") { key }
      nimes: organization(key: "cordis-org-999000003") { name city country kind }
      paulValery: organization(key: "cordis-org-999000005") { name aliases { fr } }
      other: organization(key: "cordis-org-999000010") { kind city }
      byPic: byIdentifier(scheme: CORDIS_PIC, value: "999000004") { key }
      byVat: byIdentifier(scheme: VAT, value: "fr 00000000001") { key }
    }`);
    expect([data.byPic, data.byVat]).toEqual([{ key: 'numalis' }, { key: 'university-of-montpellier' }]);
    expect(data.um).toEqual({ pic: '999000001', vat: 'FR00000000001', country: 'FR' });
    // `cordisId`, the former name, deprecated, still says the same.
    expect(data.numalis).toEqual({ pic: '999000004', cordisId: '999000004' });
    expect(data.twin).toBeNull();
    // Names and cities as a person writes them; the legal name in capitals stays an alias.
    expect(data.nimes).toEqual({ name: 'Centre Hospitalier Universitaire de Nîmes', city: 'Nîmes', country: 'FR', kind: 'public-body' });
    expect(data.paulValery).toEqual({ name: 'Université Paul Valéry Montpellier III', aliases: { fr: ['UNIVERSITE PAUL VALERY MONTPELLIER III'] } });
    expect(data.other).toEqual({ kind: 'other', city: 'Castelnau-le-Lez' });
  });

  it('cites the dataset record of every fact, with amounts and dates as the export gives them', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      project(key: "cordis-100000001") { name cordisId grantDoi programme fundingScheme status started ended aliases { en }
        figures { name value qualifier unit sources { locator } }
        sources { locator source { key title publisher kind published licence } } }
      consortium(project: "cordis-100000001") { member { key } roles }
    }`);
    expect(errors).toBeUndefined();
    expect(data.project).toMatchObject({
      name: 'AGRIMONT', cordisId: '100000001', grantDoi: '10.3030/100000001', programme: 'HORIZON', fundingScheme: 'HORIZON-RIA', status: 'signed',
      started: '2022-01-01', ended: '2025-12-31', aliases: { en: ['Test project: crops; data and models'] },
    });
    expect(data.project.figures).toContainEqual({ name: 'total cost', value: 2500000.5, qualifier: 'EXACTLY', unit: 'EUR', sources: [{ locator: 'project 100000001' }] });
    expect(data.project.sources).toEqual([
      { locator: 'project 100000001', source: { key: 'cordis-horizon', title: expect.stringContaining('CORDIS'), publisher: 'Publications Office of the European Union', kind: 'dataset', published: '2025-11-03', licence: 'CC BY 4.0' } },
    ]);
    const roles = Object.fromEntries(data.consortium.map((entry: any) => [entry.member.key, entry.roles]));
    expect(roles['university-of-montpellier']).toContain('coordinator');
    expect(Object.keys(roles).sort()).toEqual(['cordis-org-999000003', 'cordis-org-999000006', 'university-of-montpellier']);
    const lead = await api.current.graphql<any>(`{ organization(key: "university-of-montpellier") { projects(first: 50) { edges {
      relationship { key type role amount currency since until sources { locator } } node { key } } } } }`);
    const agrimont = lead.data.organization.projects.edges.find((edge: any) => edge.node.key === 'cordis-100000001').relationship;
    expect(agrimont).toEqual({
      key: 'cordis-100000001-999000001', type: 'LEADS', role: 'coordinator', amount: 800000.5, currency: 'EUR', since: '2022-01-01', until: '2025-12-31',
      sources: [{ locator: 'project 100000001 / organisation 999000001' }],
    });
    // The consortium table names a CORDIS project by its acronym, title and programme, and each role by its project, in either language.
    const table = async (lang: string) =>
      (await fetch(`${api.current.url}/export/consortium?members=university-of-montpellier,cordis-org-999000003&format=md&lang=${lang}`)).text();
    const [english, french] = [await table('en'), await table('fr')];
    expect(english).toContain('AGRIMONT: Test project: crops; data and models (HORIZON, HORIZON-RIA)');
    expect(english).toMatch(/coordinator \(AGRIMONT: Test project/);
    expect(french).toMatch(/coordinateur \(AGRIMONT: Test project/);
  });

  it('makes imported projects evidence for the relationship questions: partners and candidate partners', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      partners(organization: "numalis", first: 20) { edges { node { organization { key } } } }
      candidatePartners(organizations: ["university-of-montpellier"], first: 50) { organization { key } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.partners.edges.map((edge: any) => edge.node.organization.key)).toEqual(expect.arrayContaining(['cordis-org-999000005', 'cordis-org-999000007']));
    expect(data.candidatePartners.map((candidate: any) => candidate.organization.key)).toEqual(expect.arrayContaining(['cordis-org-999000003', 'cordis-org-999000006']));
  });

  it('changes nothing when run again', async () => {
    const again = await importCordis({ db: api.current.db }, RELEASE_1);
    for (const tally of Object.values(again.write.written!)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(again.write.enriched).toBe(0);
  });

  it('updates only the participation whose amount a newer release changed', async () => {
    const newer = await importCordis({ db: api.current.db }, RELEASE_2);
    expect(newer.write.written!.relationships).toEqual({ created: 0, updated: 1, unchanged: 7 });
    for (const [kind, tally] of Object.entries(newer.write.written!)) if (kind !== 'relationships') expect(tally, kind).toMatchObject({ created: 0, updated: 0 });
    const { data } = await api.current.graphql<any>('{ organization(key: "numalis") { projects(first: 20) { edges { relationship { key amount } } } } }');
    expect(data.organization.projects.edges.map((edge: any) => edge.relationship)).toContainEqual({ key: 'cordis-100000002-999000004', amount: 260000.75 });
  });

  it('queues uncertain matches for a curator, links nothing meanwhile, writes a decision at once, and the next import finds it done', async () => {
    const queue = await api.current.graphql<any>(`{ pendingMatches(dataset: "cordis") { totalCount edges { node {
      id recordId status record candidates { entity { key } score why } source { locator source { key } } } } } }`);
    const byRecord = Object.fromEntries(queue.data.pendingMatches.edges.map((edge: any) => [edge.node.recordId, edge.node]));
    expect(Object.keys(byRecord).sort()).toEqual(['999000002', '999000009']);
    expect(byRecord['999000002'].record).toMatchObject({ name: 'INSTITUT NATIONAL DE RECHERCHE EN INFORMATIQUE ET AUTOMATIQUE', shortName: 'INRIA' });
    expect(byRecord['999000002'].candidates[0]).toMatchObject({ entity: { key: 'inria' }, score: 0.7 });
    expect(byRecord['999000002'].source).toEqual({ locator: 'project 100000001 / organisation 999000002', source: { key: 'cordis-horizon' } });
    const inriaProjects = async () =>
      (await api.current.graphql<any>('{ organization(key: "inria") { projects(first: 50) { edges { node { key } } } } }')).data.organization.projects.edges.map((edge: any) => edge.node.key);
    expect(await inriaProjects()).not.toContain('cordis-100000001');

    const decide = 'mutation($input: DecideMatchInput!) { decideMatch(input: $input) { id status entity { key } decidedBy } }';
    const unauthenticated = await api.current.graphql(decide, { input: { match: 'cordis:999000002', decision: 'ACCEPT', entity: 'inria' } });
    expect(unauthenticated.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const accepted = ok(await api.current.graphql<any>(decide, { input: { match: 'cordis:999000002', decision: 'ACCEPT', entity: 'inria', note: 'Inria is the institute of this PIC.' } }, as(ADMIN_TOKEN)));
    expect(accepted.decideMatch).toMatchObject({ id: 'cordis:999000002', status: 'ACCEPTED', entity: { key: 'inria' } });
    const again = await api.current.graphql(decide, { input: { match: 'cordis:999000002', decision: 'REJECT' } }, as(ADMIN_TOKEN));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Written at once: the record's PIC and its participation, citing the record, named by the decision in the feed.
    expect(await inriaProjects()).toContain('cordis-100000001');
    const inria = await api.current.graphql<any>(`{ organization(key: "inria") { cordisId matchedRecords { dataset recordId how }
      projects(first: 50) { edges { node { key } relationship { sources { locator } } } } } }`);
    expect(inria.data.organization.cordisId).toBe('999000002');
    expect(inria.data.organization.matchedRecords).toContainEqual({ dataset: 'cordis', recordId: '999000002', how: 'DECISION' });
    const participation = inria.data.organization.projects.edges.find((edge: any) => edge.node.key === 'cordis-100000001');
    expect(participation.relationship.sources).toEqual([{ locator: 'project 100000001 / organisation 999000002' }]);
    const created = ok(await api.current.graphql<any>(decide, { input: { match: 'cordis:999000009', decision: 'CREATE' } }, as(ADMIN_TOKEN)));
    expect(created.decideMatch).toMatchObject({ status: 'CREATED', entity: { key: 'cordis-org-999000009' } });
    const feed = await api.current.graphql<any>('{ history(of: "inria", first: 100) { edges { node { action origin author changedFields } } } }');
    const decided = feed.data.history.edges.map((edge: any) => edge.node).filter((change: any) => /^decision on cordis:999000002 by /.test(change.author));
    expect(decided).toEqual([expect.objectContaining({ action: 'UPDATED', origin: 'IMPORT' })]);
    expect(decided[0].changedFields).toEqual(expect.arrayContaining(['identifiers', 'matchedRecords', 'sources']));
    const history = await api.current.graphql<any>('{ history(of: "cordis:999000002") { edges { node { action origin targetKind note sources { locator } } } } }');
    // Queued by the import, then decided by the curator.
    expect(history.data.history.edges.map((edge: any) => edge.node)).toEqual([
      { action: 'CREATED', origin: 'IMPORT', targetKind: 'MATCH_REVIEW', note: null, sources: [] },
      { action: 'DECIDED', origin: 'API', targetKind: 'MATCH_REVIEW', note: 'Inria is the institute of this PIC.', sources: [{ locator: 'project 100000001 / organisation 999000002' }] },
    ]);

    const next = await importCordis({ db: api.current.db }, RELEASE_2);
    // The seed entities matched by name are now found by their PIC; the entities the first import created are its own entries.
    expect(next.participants).toEqual({ matchedByIdentifier: 2, matchedByName: 0, matchedByDecision: 1, created: 1, importedBefore: 5, queuedForReview: 0, rejected: 0 });
    expect(next.withheldParticipations).toBe(0);
    expect(await inriaProjects()).toContain('cordis-100000001');
    const { data } = await api.current.graphql<any>('{ inria: organization(key: "inria") { cordisId } cirad: organization(key: "cordis-org-999000009") { name } }');
    expect(data).toEqual({ inria: { cordisId: '999000002' }, cirad: { name: 'Centre de Coopération Internationale en Recherche Agronomique pour le Développement' } });
  });
});
