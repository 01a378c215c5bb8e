/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { formatRnsrReport, importRnsr } from '../../src/ingest/rnsr/importRnsr.js';
import { ADMIN_TOKEN, as, snapshot } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { runScript } from '../helpers/runProcess.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
/** Nodes with a text property, or a text in a list property, holding `text`. */
const anyText = cypher(
  'anyTextForTests',
  'READ',
  `MATCH (n) WHERE any(key IN keys(n) WHERE (n[key] IS :: STRING AND n[key] CONTAINS $text) OR (n[key] IS :: LIST<STRING> AND any(item IN n[key] WHERE item CONTAINS $text)))
   RETURN count(n) AS count`,
);
const WITH_GRID = join(projectRoot, 'test', 'fixtures', 'rnsr', 'structures-with-grid.csv');

afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db, ['rnsr']);
});

describe('importing the research directory', () => {
  it('is a command that reports: structures and bodies resolved, uncertain ones queued, their links withheld', async () => {
    const command = runScript('src/cli/importRnsr.ts', [WITH_GRID, '--date', '2022-02'], testEnvironment());
    expect(await command.exited, command.output()).toBe(0);
    const output = command.output();
    expect(output).toMatch(/read\s+5 structures, 4 in the area/);
    expect(output).toMatch(/structures\s+0 matched by identifier, 0 by name, 0 by a curator's decision, 4 new/);
    // The University, the CNRS and Inria are known by their names; the unknown university is new; "CHU" alone waits.
    expect(output).toMatch(/bodies\s+0 matched by identifier, 3 by name, 0 by a curator's decision, 1 new, 0 imported before, 1 queued for review/);
    expect(output).toMatch(/withheld\s+1 link/);
  });

  it('gives each unit its bodies with the unit\'s label, its federation, its predecessor, its identifiers and ERC panels, every fact citing its row', async () => {
    const { data, errors } = await api.current.graphql<any>(`{
      lab: byIdentifier(scheme: RNSR, value: "999000001a") {
        key name kind city rnsr grid founded website themes aliases { fr en }
        sources { locator source { key licence published } }
        parents(first: 10) { edges { node { key ... on Organization { kind } } relationship { role sources { locator } } } }
        relationships(types: [SUCCESSOR_OF], first: 5) { edges { node { key } direction relationship { since } } }
      }
      team: organization(key: "rnsr-999000002B") { parents(first: 5) { edges { node { key } relationship { role } } } }
      old: organization(key: "rnsr-999000004D") { parents(first: 5) { edges { node { key name ... on Organization { kind } } relationship { role } } } }
      outside: organization(key: "rnsr-999000005E") { key }
      pendingMatches(first: 20, dataset: "rnsr") { nodes { record candidates { entity { key } } } }
      byUai: byIdentifier(scheme: UAI, value: "0342321n") { key ... on Organization { uai siret } }
      bySiret: byIdentifier(scheme: SIRET, value: "180 000 000 000 22") { key }
      newBody: organization(key: "rnsr-body-99999999900011") { uai siret }
    }`);
    expect(errors).toBeUndefined();
    expect(data.lab).toMatchObject({
      key: 'rnsr-999000001A', name: 'Laboratoire de Test en Robotique', kind: 'research-unit', city: 'Montpellier', rnsr: '999000001A', grid: 'grid.999901.1',
      founded: '2011', website: 'https://www.example.org/ltr', themes: ['domain-9', 'erc-pe6', 'erc-pe7'],
      aliases: { fr: ['LABORATOIRE DE TEST EN ROBOTIQUE', 'UMR 9999'], en: ['LTR'] },
      sources: [{ locator: 'rnsr 999000001A', source: { key: 'rnsr', licence: 'Licence Ouverte / Etalab 2.0', published: '2022-02' } }],
    });
    const parents = Object.fromEntries(data.lab.parents.edges.map((edge: any) => [edge.node.key, edge.relationship.role]));
    expect(parents).toEqual({ 'university-of-montpellier': 'supervising body, UMR 9999', cnrs: 'supervising body, UMR 9999', 'rnsr-999000003C': null });
    expect(data.lab.parents.edges.find((edge: any) => edge.node.key === 'rnsr-999000003C').node.kind).toBe('network');
    expect(data.lab.relationships.edges).toEqual([{ node: { key: 'rnsr-999000004D' }, direction: 'OUTGOING', relationship: { since: '2011' } }]);
    expect(data.team.parents.edges).toEqual([{ node: { key: 'inria' }, relationship: { role: 'participating body' } }]);
    expect(data.old.parents.edges).toEqual([{ node: { key: 'rnsr-body-99999999900011', name: 'Université de Test Inconnue', kind: 'university' }, relationship: { role: 'supervising body' } }]);
    expect(data.outside).toBeNull();
    expect(data.pendingMatches.nodes).toEqual([expect.objectContaining({ record: expect.objectContaining({ name: 'Centre Hospitalier Régional de Test', acronym: 'CHU' }) })]);
    expect(data.pendingMatches.nodes[0].candidates.map((candidate: any) => candidate.entity.key)).toContain('chu-montpellier');
    // A body's UAI and SIRET are identifiers of the body it resolved to.
    expect(data.byUai).toEqual({ key: 'university-of-montpellier', uai: '0342321N', siret: '13000000000011' });
    expect(data.bySiret).toEqual({ key: 'inria' });
    expect(data.newBody).toEqual({ uai: '0349999Z', siret: '99999999900011' });
  });

  it('stores no director\'s name, and a second import of the same file changes nothing', async () => {
    const [stored] = await runQuery({ db: api.current.db }, anyText, { text: 'DUPONT-TEST' });
    expect(stored!.count).toBe(0);
    const before = await snapshot(api.current);
    const again = await importRnsr({ db: api.current.db }, WITH_GRID, { release: { name: 'fr-esr-structures-recherche-publiques-actives', date: '2022-02' } });
    expect(formatRnsrReport(WITH_GRID, again, false)).toMatch(/structures\s+0 matched by identifier, 0 by name, 0 by a curator's decision, 0 new, 4 imported before/);
    expect(Object.values(again.write.written!).every((tally) => tally.created === 0 && tally.updated === 0)).toBe(true);
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('closes a pending review when a later import resolves the record surely, and writes the links it held back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rnsr-later-'));
    try {
      // A later copy of the directory names the body by its full name.
      const later = join(folder, 'structures-with-grid.csv');
      writeFileSync(later, readFileSync(WITH_GRID, 'utf8').replace('Centre Hospitalier Régional de Test', 'Centre hospitalier universitaire de Montpellier'));
      const report = await importRnsr({ db: api.current.db }, later, { release: { name: 'fr-esr-structures-recherche-publiques-actives', date: '2022-02' } });
      expect(report.bodies.queuedForReview).toBe(0);
      expect(report.withheldLinks).toBe(0);
      const { data } = await api.current.graphql<any>(`{
        pending: pendingMatches(dataset: "rnsr") { totalCount }
        settled: pendingMatches(dataset: "rnsr", status: ACCEPTED) { nodes { id entity { key } decidedBy } }
        old: organization(key: "rnsr-999000004D") { parents(first: 5) { edges { node { key } relationship { role } } } }
      }`);
      expect(data.pending.totalCount).toBe(0);
      expect(data.settled.nodes).toEqual([{ id: 'rnsr:99999999900022', entity: { key: 'chu-montpellier' }, decidedBy: expect.stringMatching(/^import of rnsr/) }]);
      expect(data.old.parents.edges).toContainEqual({ node: { key: 'chu-montpellier' }, relationship: { role: 'participating body' } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('writes a curator\'s decision at once: the new body and the links that waited for it, citing the record', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rnsr-decided-'));
    try {
      // Another copy names the hospital body by its acronym and a new SIRET: a new record, near the CHU, queued.
      const other = join(folder, 'structures-with-grid.csv');
      writeFileSync(other, readFileSync(WITH_GRID, 'utf8').replace('99999999900011;99999999900022', '99999999900011;99999999900033'));
      const options = { release: { name: 'fr-esr-structures-recherche-publiques-actives', date: '2022-02' } };
      const queued = await importRnsr({ db: api.current.db }, other, options);
      expect(queued.bodies.queuedForReview).toBe(1);
      expect(queued.withheldLinks).toBe(1);
      const parentsOfOld = async () => (await api.current.graphql<any>(`{ organization(key: "rnsr-999000004D") {
        parents(first: 10) { edges { node { key name } relationship { role sources { locator source { key } } } } } } }`)).data.organization.parents.edges;
      expect((await parentsOfOld()).map((edge: any) => edge.node.key)).not.toContain('rnsr-body-99999999900033');

      const decided = await api.current.graphql<any>(
        'mutation($input: DecideMatchInput!) { decideMatch(input: $input) { status entity { key name } } }',
        { input: { match: 'rnsr:99999999900033', decision: 'CREATE', note: 'A hospital of its own, not the CHU of Montpellier.' } },
        as(ADMIN_TOKEN),
      );
      expect(decided.errors).toBeUndefined();
      expect(decided.data.decideMatch).toEqual({ status: 'CREATED', entity: { key: 'rnsr-body-99999999900033', name: 'Centre Hospitalier Régional de Test' } });
      expect(await parentsOfOld()).toContainEqual({
        node: { key: 'rnsr-body-99999999900033', name: 'Centre Hospitalier Régional de Test' },
        relationship: { role: 'participating body', sources: [{ locator: 'rnsr 999000004D', source: { key: 'rnsr' } }] },
      });
      const { data } = await api.current.graphql<any>('{ byIdentifier(scheme: SIRET, value: "99999999900033") { key } pendingMatches(dataset: "rnsr") { totalCount } }');
      expect(data).toEqual({ byIdentifier: { key: 'rnsr-body-99999999900033' }, pendingMatches: { totalCount: 0 } });

      // The next import of the same file finds the decision written: nothing to create or update.
      const again = await importRnsr({ db: api.current.db }, other, options);
      expect(again.withheldLinks).toBe(0);
      expect(Object.values(again.write.written!).every((tally) => tally.created === 0 && tally.updated === 0)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
