/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { runQuery, cypher } from '../../src/database/runQuery.js';
import { toGlobalId } from '../../src/domains/shared/globalId.js';
import { runScript } from '../helpers/runProcess.js';
import { copyOfSeeds, folderWith } from '../helpers/seedFolder.js';
import { testEnvironment, useTestApi } from '../helpers/testApi.js';

const api = useTestApi();
const removeTestEntities = cypher('removeTestEntities', 'WRITE', "MATCH (n) WHERE n.id STARTS WITH 'test-' DETACH DELETE n");
const countAll = cypher('countAll', 'READ', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships');

async function runImport(args: string[]) {
  const process = runScript('src/cli/seed.ts', args, testEnvironment());
  const code = await process.exited;
  return { code, output: process.output() };
}

async function graphSize() {
  const [row] = await runQuery({ db: api.current.db }, countAll);
  return row;
}

afterAll(async () => {
  await runQuery({ db: api.current.db }, removeTestEntities);
});

describe('the import command', () => {
  it('changes nothing when the seed folder is imported again, and says so', async () => {
    const before = await graphSize();
    const { code, output } = await runImport([]);
    expect(code).toBe(0);
    expect(output).toMatch(/organizations\s+0 created, 0 updated, 57 unchanged/);
    expect(output).toMatch(/relationships\s+0 created, 0 updated, \d+ unchanged/);
    expect(output).toContain('Nothing changed.');
    // The same progress line as the open-data connectors: records, rate, elapsed, then done.
    expect(output).toMatch(/Writing \S+: [\d,]+ records, [\d,]+\/s, [\d.]+ s.*, done/);
    expect(await graphSize()).toEqual(before);
  });

  it('updates just the entry that was edited', async () => {
    const folder = copyOfSeeds();
    const file = join(folder, 'organizations.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('description: Software company of the Montpellier area with its own AI laboratory.', 'description: Legal software company with its own AI laboratory.'));
    const edited = await runImport([folder]);
    expect(edited.code).toBe(0);
    expect(edited.output).toMatch(/organizations\s+0 created, 1 updated, 56 unchanged/);
    const { data } = await api.current.graphql<{ organization: { description: string } }>('{ organization(key: "septeo") { description } }');
    expect(data!.organization.description).toBe('Legal software company with its own AI laboratory.');
    // Back to the seed, so other tests see the graph as shipped.
    const restored = await runImport([]);
    expect(restored.output).toMatch(/organizations\s+0 created, 1 updated, 56 unchanged/);
  });

  it('adds a folder that refers to entities and sources already in the graph', async () => {
    const folder = folderWith({
      'organizations.yaml': `- id: test-lab\n  name: Test Lab\n  kind: research-unit\n  sources: ["ecosysteme-ia-fr#line 9"]\n`,
      'relationships.yaml': `- id: test-lab-part-of-um\n  type: PART_OF\n  from: test-lab\n  to: university-of-montpellier\n  sources: ["ecosysteme-ia-fr#line 9"]\n`,
    });
    const { code, output } = await runImport([folder]);
    expect(code).toBe(0);
    expect(output).toMatch(/organizations\s+1 created, 0 updated, 0 unchanged/);
    expect(output).toMatch(/relationships\s+1 created, 0 updated, 0 unchanged/);
    const { data } = await api.current.graphql<{ organization: { parents: { edges: Array<{ node: { key: string } }> } } }>(
      '{ organization(key: "test-lab") { parents { edges { node { key } } } } }',
    );
    expect(data!.organization.parents.edges).toEqual([{ node: { key: 'university-of-montpellier' } }]);
  });

  it('moves a relationship whose end the folder changed, keeping its key and leaving no copy behind', async () => {
    const folder = (to: string) =>
      folderWith({
        'organizations.yaml': `- id: test-unit\n  name: Test Unit\n  kind: research-unit\n  sources: ["ecosysteme-ia-fr#line 9"]\n`,
        'relationships.yaml': `- id: test-unit-part-of\n  type: PART_OF\n  from: test-unit\n  to: ${to}\n  sources: ["ecosysteme-ia-fr#line 9"]\n`,
      });
    expect((await runImport([folder('university-of-montpellier')])).code).toBe(0);
    const moved = await runImport([folder('inria')]);
    expect(moved.code, moved.output).toBe(0);
    expect(moved.output).toMatch(/relationships\s+0 created, 1 updated, 0 unchanged/);
    const ends = await runQuery({ db: api.current.db }, cypher('endsForTest', 'READ', "MATCH (a)-[r {id: 'test-unit-part-of'}]->(b) RETURN a.id AS from, b.id AS to"));
    expect(ends).toEqual([{ from: 'test-unit', to: 'inria' }]);
  });

  it('renames a relationship (its former key then leads to it) and withdraws another, keeping both as retired with the change', async () => {
    const organizations = `- id: test-renamer\n  name: Test Renamer\n  kind: research-unit\n  sources: ["ecosysteme-ia-fr#line 9"]\n`;
    const first = folderWith({
      'organizations.yaml': organizations,
      'relationships.yaml': [
        '- id: test-renamer-leads-um', '  type: PARTICIPATES_IN', '  from: test-renamer', '  to: via-um', '  role: partner', '  sources: ["ecosysteme-ia-fr#line 9"]',
        '- id: test-renamer-hosts', '  type: PART_OF', '  from: test-renamer', '  to: inria', '  note: Said more than its line.', '  sources: ["ecosysteme-ia-fr#line 9"]', '',
      ].join('\n'),
    });
    expect((await runImport([first])).code).toBe(0);
    // A type changed under the same key is refused: the key would stand for two relationships.
    const retyped = await runImport([folderWith({ 'organizations.yaml': organizations, 'relationships.yaml': readFileSync(join(first, 'relationships.yaml'), 'utf8').replace('type: PARTICIPATES_IN', 'type: SUPPORTS') })]);
    expect(retyped.code).toBe(1);
    expect(retyped.output).toContain("relationships.yaml › test-renamer-leads-um: is stored as a PARTICIPATES_IN relationship; an import cannot change a relationship's type: give it a new id with formerIds: [test-renamer-leads-um]");
    const { data: before } = await api.current.graphql<any>('{ changesHead }');
    const oldId = toGlobalId('Relationship', 'test-renamer-leads-um');
    const { data: read } = await api.current.graphql<any>(`{ node(id: "${oldId}") { id } }`);
    expect(read.node).not.toBeNull();

    const second = folderWith({
      'organizations.yaml': organizations,
      'relationships.yaml': [
        // The same fact under a key that says what it is, and a type changed with it.
        '- id: test-renamer-supports-um', '  type: SUPPORTS', '  from: test-renamer', '  to: via-um', '  formerIds: [test-renamer-leads-um]', '  sources: ["ecosysteme-ia-fr#line 9"]', '',
      ].join('\n'),
      'withdrawn.yaml': '- id: test-renamer-hosts\n  reason: The line does not say it.\n',
    });
    const renamed = await runImport([second]);
    expect(renamed.code, renamed.output).toBe(0);
    expect(renamed.output).toMatch(/relationships\s+1 created, 0 updated, 0 unchanged, 2 retired/);
    const live = await runQuery({ db: api.current.db }, cypher('liveForTest', 'READ', "MATCH (a {id: 'test-renamer'})-[r]->(b) RETURN r.id AS id, type(r) AS type, b.id AS to ORDER BY id"));
    expect(live).toEqual([{ id: 'test-renamer-supports-um', type: 'SUPPORTS', to: 'via-um' }]);
    // Nothing lost: each retired relationship keeps its type, ends and properties.
    const kept = await runQuery({ db: api.current.db }, cypher('retiredForTest', 'READ', "MATCH (g:RetiredRelationship) WHERE g.id STARTS WITH 'test-renamer' RETURN g.id AS id, g.type AS type, g.fromId AS from, g.toId AS to, g.role AS role, g.note AS note, g.replacedBy AS replacedBy ORDER BY id"));
    expect(kept).toEqual([
      { id: 'test-renamer-hosts', type: 'PART_OF', from: 'test-renamer', to: 'inria', role: null, note: 'Said more than its line.', replacedBy: null },
      { id: 'test-renamer-leads-um', type: 'PARTICIPATES_IN', from: 'test-renamer', to: 'via-um', role: 'partner', note: null, replacedBy: 'test-renamer-supports-um' },
    ]);
    // The old key leads to the new one (as a merged entity's does); the withdrawn one leads nowhere.
    const withdrawnId = toGlobalId('Relationship', 'test-renamer-hosts');
    const { data: after } = await api.current.graphql<any>(`{ renamed: node(id: "${oldId}") { ... on Relationship { key type } } withdrawn: node(id: "${withdrawnId}") { id } }`);
    expect(after).toEqual({ renamed: { key: 'test-renamer-supports-um', type: 'SUPPORTS' }, withdrawn: null });
    // The feed says both, with the new key and the reason.
    const { data: feed } = await api.current.graphql<any>(`query($after: String) { changes(first: 10, after: $after) { nodes { action target related note } } }`, { after: before.changesHead });
    expect(feed.changes.nodes).toEqual(expect.arrayContaining([
      { action: 'RETIRED', target: 'test-renamer-hosts', related: null, note: 'The line does not say it.' },
      { action: 'RETIRED', target: 'test-renamer-leads-um', related: 'test-renamer-supports-um', note: 'renamed to "test-renamer-supports-um"' },
      { action: 'CREATED', target: 'test-renamer-supports-um', related: null, note: null },
    ]));

    // Idempotent: the same folder again changes nothing.
    const again = await runImport([second]);
    expect(again.output).toContain('Nothing changed.');
    // A folder that brings an old key back is refused, saying where it went.
    const back = await runImport([first]);
    expect(back.code).toBe(1);
    expect(back.output).toContain('relationships.yaml › test-renamer-leads-um: was renamed to "test-renamer-supports-um"');
    expect(back.output).toContain('relationships.yaml › test-renamer-hosts: was withdrawn (The line does not say it.)');
  });

  it('refuses a folder with problems, lists every one of them with file, entry and reason, and writes nothing', async () => {
    const before = await graphSize();
    const folder = folderWith({
      'sources.yaml': `- id: test-source\n  title: A test source\n  language: en\n  kind: press-article\n`,
      'organizations.yaml': [
        '- id: test-org',
        '  name: Test Org',
        '  kind: company',
        '  sources: ["test-source#line 1"]',
        '- id: test-org',
        '  name: Test Org again',
        '  kind: company',
        '  sources: ["test-source#line 2"]',
        '- id: test-bad-kind',
        '  name: Bad Kind',
        '  kind: spaceship',
        '  sources: ["test-source#line 1"]',
        '- id: test-bad-date',
        '  name: Bad Date',
        '  kind: company',
        '  founded: "2025-02-30"',
        '  sources: ["test-source#line 1"]',
        '- id: test-no-source',
        '  name: Unknown Source',
        '  kind: company',
        '  sources: ["no-such-source#line 1"]',
        '',
      ].join('\n'),
      'relationships.yaml': `- id: test-rel\n  type: MEMBER_OF\n  from: test-org\n  to: test-nowhere\n  sources: ["test-source#line 1"]\n`,
    });
    const { code, output } = await runImport([folder]);
    expect(code).toBe(1);
    expect(output).toContain('nothing was written');
    expect(output).toMatch(/organizations\.yaml › test-bad-kind \(entry 3\): kind: Invalid option/);
    expect(output).toMatch(/organizations\.yaml › test-bad-date \(entry 4\): founded: must be a real date/);
    expect(output).toMatch(/organizations\.yaml › test-org: duplicate id/);
    expect(output).toMatch(/organizations\.yaml › test-no-source: cites unknown source "no-such-source"/);
    expect(output).toMatch(/relationships\.yaml › test-rel: unknown "to" entity "test-nowhere"/);
    expect(await graphSize()).toEqual(before);
  });

  it('refuses a relationship between kinds its type does not allow', async () => {
    const folder = folderWith({
      'relationships.yaml': `- id: test-wrong-kinds\n  type: WORKS_AT\n  from: university-of-montpellier\n  to: plantnet\n  sources: ["ecosysteme-ia-fr#line 9"]\n`,
    });
    const { code, output } = await runImport([folder]);
    expect(code).toBe(1);
    expect(output).toContain('WORKS_AT cannot start at a Organization (allowed: Person)');
    expect(output).toContain('WORKS_AT cannot end at a Project (allowed: Organization)');
  });
});
