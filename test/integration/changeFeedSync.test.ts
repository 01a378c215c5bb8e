/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, SOURCE } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { folderWith } from '../helpers/seedFolder.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * An app that keeps a copy of the graph in step: it reads the change feed to its end, keeps the
 * cursor, and later reads exactly what changed since, whatever made the change (a mutation or an
 * import), each change naming its subject as a typed node.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);
afterAll(async () => {
  if (api.current) await removeDatasetTestData(api.current.db, ['sync-']);
});

const FEED = `query($after: String) {
  changes(first: 100, after: $after) {
    nodes {
      sequence at action targetKind target origin author changedFields
      sources { source { key } locator }
      subject { __typename id ... on Organization { key description } ... on Relationship { key type } ... on Source { key } }
      stateAfter { __typename ... on EntityState { type name kind themes sources { source { key } } } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Reads the feed from `after` to its end; returns the changes and the cursor to resume from. */
async function readFeed(after: string | null): Promise<{ changes: any[]; cursor: string }> {
  const changes: any[] = [];
  let cursor = after;
  for (;;) {
    const page = ok(await api.current.graphql<any>(FEED, { after: cursor })).changes;
    changes.push(...page.nodes);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor: cursor! };
  }
}

const FOLDER = {
  'sources.yaml': `- id: sync-note
  title: A note written for this test
  language: en
  kind: press-article
`,
  'organizations.yaml': `- id: sync-imported
  name: Sync Imported Lab
  kind: research-unit
  description: A lab the test imports.
  sources: [sync-note#line 1]
`,
  'relationships.yaml': `- id: sync-link
  type: PARTNERS_WITH
  from: sync-imported
  to: sync-api-org
  sources: [sync-note#line 2]
`,
};

describe('keeping a copy in sync with the change feed', () => {
  it('gives, after the last cursor, exactly the new changes in order: a mutation and then an import, each with its typed subject', async () => {
    const start = await readFeed(null);
    expect(start.cursor).toBeTruthy();

    ok(
      await api.current.graphql(
        'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }',
        { input: { type: 'ORGANIZATION', key: 'sync-api-org', fields: { name: 'Sync API Org', kind: 'startup', themes: ['health'] }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    const folder = folderWith(FOLDER);
    try {
      await importFolder({ db: api.current.db }, folder);
      const author = `import of ${basename(folder)}`;
      const next = await readFeed(start.cursor);
      expect(next.changes.map((change) => [change.origin, change.action, change.targetKind, change.target])).toEqual([
        ['API', 'CREATED', 'ENTITY', 'sync-api-org'],
        ['IMPORT', 'CREATED', 'SOURCE', 'sync-note'],
        ['IMPORT', 'CREATED', 'ENTITY', 'sync-imported'],
        ['IMPORT', 'CREATED', 'RELATIONSHIP', 'sync-link'],
      ]);
      const [created, source, imported, link] = next.changes;
      const sequences = next.changes.map((change) => change.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));

      // A mutation's change: its author is the key, its typed state after the write.
      expect(created.author).toBe('test-admin (ADMIN_API_KEY)');
      expect(created.subject).toMatchObject({ __typename: 'Organization', key: 'sync-api-org' });
      expect(created.stateAfter).toEqual({ __typename: 'EntityState', type: 'ORGANIZATION', name: 'Sync API Org', kind: 'startup', themes: ['health'], sources: [{ source: { key: 'mm-ai-association-en' } }] });
      expect(created.changedFields).toEqual(expect.arrayContaining(['kind', 'name', 'sources', 'themes']));

      // An import's changes: named after the import and the fields it set; the subject cites the records.
      expect(new Set([source.author, imported.author, link.author])).toEqual(new Set([author]));
      expect(source.subject).toMatchObject({ __typename: 'Source', key: 'sync-note' });
      expect(imported.subject).toMatchObject({ __typename: 'Organization', key: 'sync-imported' });
      expect(imported.changedFields).toEqual(['description', 'kind', 'name', 'slug', 'sources']);
      expect(imported.sources).toEqual([]);
      expect(imported.stateAfter).toBeNull();
      expect(link.subject).toMatchObject({ __typename: 'Relationship', key: 'sync-link', type: 'PARTNERS_WITH' });
      const node = ok(await api.current.graphql<any>('query($id: ID!) { node(id: $id) { ... on Relationship { key } } }', { id: link.subject.id }));
      expect(node.node).toEqual({ key: 'sync-link' });

      // The same folder again changes nothing; an edited entry is one update naming the field.
      await importFolder({ db: api.current.db }, folder);
      expect((await readFeed(next.cursor)).changes).toEqual([]);
      const beforeEdit = new Date().toISOString();
      writeFileSync(join(folder, 'organizations.yaml'), FOLDER['organizations.yaml'].replace('A lab the test imports.', 'A lab the test imported twice.'));
      await importFolder({ db: api.current.db }, folder);
      const edited = await readFeed(next.cursor);
      expect(edited.changes.map((change) => [change.origin, change.action, change.target, change.changedFields])).toEqual([['IMPORT', 'UPDATED', 'sync-imported', ['description']]]);
      expect(edited.changes[0].subject.description).toBe('A lab the test imported twice.');

      // updatedAt is the instant of the latest change; updatedSince keeps what changed since an instant.
      const read = ok(
        await api.current.graphql<any>(
          `query($since: DateTime) {
            imported: organization(key: "sync-imported") { updatedAt }
            made: organization(key: "sync-api-org") { updatedAt relationships(first: 5) { edges { relationship { key updatedAt } } } }
            organizations(filter: { updatedSince: $since }, first: 100) { nodes { key } }
          }`,
          { since: beforeEdit },
        ),
      );
      expect(read.imported.updatedAt).toBe(edited.changes[0].at);
      expect(read.made.updatedAt).toBe(created.at);
      expect(read.made.relationships.edges).toEqual([{ relationship: { key: 'sync-link', updatedAt: link.at } }]);
      expect(read.organizations.nodes).toEqual([{ key: 'sync-imported' }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('starting a copy from the head of the feed', () => {
  it('reads the head in one call, and an empty page after `since` resumes from the head, never from the first change', async () => {
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
    ok(await api.current.graphql<any>(create, { input: { type: 'ORGANIZATION', key: 'cur-sync-before', fields: { name: 'Sync Before Lab', kind: 'startup' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    const head = ok(await api.current.graphql<any>('{ changesHead }')).changesHead as string;
    // Nothing is made after this instant: the page is empty, and its cursor is the head.
    const later = new Date(Date.now() + 60_000).toISOString();
    const empty = ok(await api.current.graphql<any>('query($since: DateTime) { changes(since: $since) { nodes { sequence } pageInfo { endCursor } } }', { since: later })).changes;
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo.endCursor).toBe(head);
    // The app copies the graph, then an edit is made, and the feed from the head gives exactly it.
    ok(await api.current.graphql<any>(create, { input: { type: 'ORGANIZATION', key: 'cur-sync-after', fields: { name: 'Sync After Lab', kind: 'startup' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    const { changes } = await readFeed(head);
    expect(changes.map((change) => change.target)).toEqual(['cur-sync-after']);
    const resumed = await readFeed(empty.pageInfo.endCursor);
    expect(resumed.changes.map((change) => change.target)).toEqual(['cur-sync-after']);
  });
});

describe('a change as a node', () => {
  it('has a global id that node() and nodes() give back, and its key', async () => {
    const page = ok(await api.current.graphql<any>('{ changes(first: 2) { nodes { id key sequence action } } }'));
    const [first, second] = page.changes.nodes;
    expect(first.key).toBe(`change-${first.sequence}`);
    const read = ok(
      await api.current.graphql<any>('query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Change { key action } } nodes(ids: $ids) { ... on Change { sequence } } }', {
        id: first.id,
        ids: [second.id, first.id],
      }),
    );
    expect(read.node).toEqual({ __typename: 'Change', id: first.id, key: first.key, action: first.action });
    expect(read.nodes).toEqual([{ sequence: second.sequence }, { sequence: first.sequence }]);
    // A change's id is not an entity's, and an id naming no change is null.
    const absent = ok(await api.current.graphql<any>('query($id: ID!) { entity(id: $id) { key } node(id: "Q2hhbmdlOmNoYW5nZS05OTk5OTk5OTk") { id } }', { id: first.id }));
    expect(absent).toEqual({ entity: null, node: null });
  });
});

describe('an organisation\'s themes through the API', () => {
  it('are written as themes, the former sectors still accepted, never both', async () => {
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key ... on Organization { themes } } } }';
    const made = (key: string, fields: Record<string, unknown>) =>
      api.current.graphql<any>(create, { input: { type: 'ORGANIZATION', key, fields: { name: `Org ${key}`, kind: 'startup', ...fields }, sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(ok(await made('cur-themes-new', { themes: ['health'] })).createEntity.entity.themes).toEqual(['health']);
    expect(ok(await made('cur-themes-old', { sectors: ['energy'] })).createEntity.entity.themes).toEqual(['energy']);
    const both = await made('cur-themes-both', { themes: ['health'], sectors: ['energy'] });
    expect(both.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fields.sectors' });
  });
});
