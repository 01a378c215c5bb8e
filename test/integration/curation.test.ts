/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/domains/shared/globalId.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, snapshot, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

const CREATE = `mutation($input: CreateEntityInput!) {
  createEntity(input: $input) {
    entity { key name version ... on Organization { kind sectors city website } sources { locator source { key title } } }
    changes { id sequence at action targetKind target author before after note sources { locator source { key } } }
  }
}`;
const UPDATE = `mutation($input: UpdateEntityInput!) {
  updateEntity(input: $input) { entity { key version ... on Organization { city website } } changes { action before after } }
}`;
const ADD = `mutation($input: AddRelationshipsInput!) {
  addRelationships(input: $input) { relationships { key type version role since until from { key } to { key } } changes { action target after } }
}`;

function organization(key: string, fields: Record<string, unknown> = {}) {
  return { type: 'ORGANIZATION', key, fields: { name: `Org ${key}`, kind: 'startup', ...fields }, sources: SOURCE };
}

async function curatorToken(): Promise<string> {
  const data = ok(
    await api.current.graphql<{ createApiKey: { token: string } }>(
      'mutation { createApiKey(input: { name: "curator for tests", role: CURATOR }) { token apiKey { id role } } }',
      {},
      as(ADMIN_TOKEN),
    ),
  );
  return data.createApiKey.token;
}

describe('who may write', () => {
  it('refuses a write without a key with UNAUTHENTICATED and HTTP 401, whether or not the target exists', async () => {
    const before = await snapshot(api.current);
    for (const entity of ['inria', 'cur-does-not-exist']) {
      const response = await api.current.graphql(`mutation($input: RetireEntityInput!) { retireEntity(input: $input) { entity { key } } }`, {
        input: { entity, sources: SOURCE },
      });
      expect(response.status).toBe(401);
      expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(response.errors![0]!.message).not.toContain(entity);
    }
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('refuses a malformed, unknown or wrong-secret token the same way, and never echoes it', async () => {
    const wrongSecret = `test-admin.${'z'.repeat(40)}`;
    for (const token of ['nonsense', `nobody.${'x'.repeat(40)}`, wrongSecret]) {
      const response = await api.current.graphql(CREATE, { input: organization('cur-never') }, as(token));
      expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(response)).not.toContain(token);
    }
    const lookup = await api.current.graphql<{ organization: null }>('{ organization(key: "cur-never") { key } }');
    expect(lookup.data!.organization).toBeNull();
  });

  it('lets a curator edit but not retire, merge or manage keys (FORBIDDEN, target not looked at)', async () => {
    const token = await curatorToken();
    ok(await api.current.graphql(CREATE, { input: organization('cur-by-curator') }, as(token)));
    const before = await snapshot(api.current);
    for (const entity of ['cur-by-curator', 'cur-missing']) {
      const retire = await api.current.graphql(`mutation($input: RetireEntityInput!) { retireEntity(input: $input) { entity { key } } }`, { input: { entity, sources: SOURCE } }, as(token));
      expect(retire.status).toBe(403);
      expect(retire.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(retire.errors![0]!.message).toBe('This operation needs an API key with the ADMIN role.');
    }
    const merge = await api.current.graphql(
      `mutation { mergeEntities(input: { keep: "cur-by-curator", absorb: "inria", sources: [{ source: "mm-ai-association-en" }] }) { entity { key } } }`,
      {},
      as(token),
    );
    expect(merge.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const keys = await api.current.graphql('{ apiKeys { id } }', {}, as(token));
    expect(keys.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('stores keys hashed: a revoked key stops working at once', async () => {
    const created = ok(
      await api.current.graphql<{ createApiKey: { token: string; apiKey: { id: string } } }>(
        'mutation { createApiKey(input: { name: "short-lived", role: CURATOR }) { token apiKey { id } } }',
        {},
        as(ADMIN_TOKEN),
      ),
    ).createApiKey;
    const [, secret] = created.token.split('.');
    const stored = await api.current.db.driver.executeQuery('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS key', { id: created.apiKey.id });
    expect(JSON.stringify(stored.records[0]!.get('key'))).not.toContain(secret!);
    ok(await api.current.graphql(CREATE, { input: organization('cur-before-revoke') }, as(created.token)));
    const revoked = ok(
      await api.current.graphql<{ revokeApiKey: { revokedAt: string | null } }>(
        `mutation { revokeApiKey(input: { id: "${created.apiKey.id}" }) { revokedAt } }`,
        {},
        as(ADMIN_TOKEN),
      ),
    );
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    const after = await api.current.graphql(CREATE, { input: organization('cur-after-revoke') }, as(created.token));
    expect(after.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('creating and updating an entity', () => {
  it('creates an entity with a new source and records who, when, what and which source', async () => {
    const before = Date.now();
    const data = ok(
      await api.current.graphql<{ createEntity: { entity: Record<string, unknown>; changes: Array<Record<string, unknown>> } }>(
        CREATE,
        {
          input: {
            type: 'ORGANIZATION',
            key: 'cur-created',
            fields: { name: 'Créée Test', kind: 'startup', sectors: ['health'], city: 'Montpellier', website: 'https://example.org/created' },
            sources: [{ newSource: { key: 'src-cur-new', title: 'A new article', language: 'fr', kind: 'press-article', published: '2026-11' }, locator: 'paragraph 3' }],
            note: 'found in the press',
          },
        },
        as(ADMIN_TOKEN),
      ),
    );
    expect(data.createEntity.entity).toMatchObject({ key: 'cur-created', name: 'Créée Test', version: 1, city: 'Montpellier', website: 'https://example.org/created' });
    expect(data.createEntity.entity.sources).toEqual([{ locator: 'paragraph 3', source: { key: 'src-cur-new', title: 'A new article' } }]);
    const [sourceChange, entityChange] = data.createEntity.changes as Array<Record<string, any>>;
    expect(sourceChange).toMatchObject({ action: 'CREATED', targetKind: 'SOURCE', target: 'src-cur-new' });
    expect(entityChange).toMatchObject({ action: 'CREATED', targetKind: 'ENTITY', target: 'cur-created', author: 'test-admin (ADMIN_API_KEY)', before: null, note: 'found in the press' });
    expect(entityChange!.after).toMatchObject({ name: 'Créée Test', kind: 'startup', sectors: ['health'], sources: ['src-cur-new#paragraph 3'] });
    expect(entityChange!.sources).toEqual([{ locator: 'paragraph 3', source: { key: 'src-cur-new' } }]);
    expect(entityChange!.sequence).toBe(sourceChange!.sequence + 1);
    expect(Date.parse(entityChange!.at)).toBeGreaterThanOrEqual(before - 1000);

    const found = await api.current.graphql<{ search: { edges: Array<{ node: { key: string } }> }; history: { nodes: Array<{ action: string }> } }>(
      '{ search(text: "creee") { edges { node { key } } } history(of: "cur-created") { nodes { action } } }',
    );
    expect(found.data!.search.edges.map((edge) => edge.node.key)).toContain('cur-created');
    expect(found.data!.history.nodes.map((change) => change.action)).toEqual(['CREATED']);
  });

  it.each([
    ['no source', { ...organization('cur-bad'), sources: [] }, 'input.sources'],
    ['an unknown source', { ...organization('cur-bad'), sources: [{ source: 'no-such-source' }] }, 'input.sources.0.source'],
    ['both kinds of source', { ...organization('cur-bad'), sources: [{ source: 'mm-ai-association-en', newSource: { title: 't', language: 'en', kind: 'report' } }] }, 'input.sources.0'],
    ['a new source of an unknown kind', { ...organization('cur-bad'), sources: [{ newSource: { title: 't', language: 'en', kind: 'rumour' } }] }, 'input.sources.0.newSource.kind'],
    ['an unknown kind of organisation', organization('cur-bad', { kind: 'spaceship' }), 'input.fields.kind'],
    ['a field of another type', organization('cur-bad', { status: 'ongoing' }), 'input.fields.status'],
    ['an empty name', organization('cur-bad', { name: '' }), 'input.fields.name'],
    ['a malformed key', { ...organization('cur-bad'), key: 'Cur Bad!' }, 'input.key'],
    ['a key already used', { ...organization('cur-bad'), key: 'inria' }, 'input.key'],
    ['a slug already used', organization('cur-bad', { slug: 'inria' }), 'input.fields.slug'],
    ['a malformed SIREN', organization('cur-bad', { siren: '12' }), 'input.fields.siren'],
  ])('refuses %s with BAD_USER_INPUT at the field, and changes nothing', async (_case, input, field) => {
    const before = await snapshot(api.current);
    const response = await api.current.graphql(CREATE, { input }, as(ADMIN_TOKEN));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors![0]!.message).toContain(field);
    expect(await snapshot(api.current)).toEqual(before);
  });

  it('refuses a date that is not a date before anything runs', async () => {
    const response = await api.current.graphql(CREATE, { input: organization('cur-bad', { founded: '2025-02-30' }) }, as(ADMIN_TOKEN));
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('updates only the given fields, clears the null ones, adds the sources, and keeps before and after', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-updated', { city: 'Sète', sectors: ['health'] }) }, as(ADMIN_TOKEN)));
    const data = ok(
      await api.current.graphql<{ updateEntity: { entity: Record<string, unknown>; changes: Array<{ action: string; before: any; after: any }> } }>(
        UPDATE,
        { input: { entity: toGlobalId('Organization', 'cur-updated'), expectedVersion: 1, set: { city: null, website: 'https://example.org/u' }, sources: [{ source: 'ecosysteme-ia-fr', locator: 'line 3' }] } },
        as(ADMIN_TOKEN),
      ),
    );
    expect(data.updateEntity.entity).toEqual({ key: 'cur-updated', version: 2, city: null, website: 'https://example.org/u' });
    const [change] = data.updateEntity.changes;
    expect(change!.action).toBe('UPDATED');
    expect(change!.before).toMatchObject({ city: 'Sète', version: 1, sectors: ['health'] });
    expect(change!.before.website).toBeUndefined();
    expect(change!.after).toMatchObject({ website: 'https://example.org/u', version: 2, sectors: ['health'] });
    expect(change!.after.city).toBeUndefined();
    expect(change!.after.sources).toEqual(['mm-ai-association-en#line 12', 'ecosysteme-ia-fr#line 3']);
  });

  it('refuses an edit based on a stale version: of two concurrent editors, one wins and the other gets CONFLICT', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-contended') }, as(ADMIN_TOKEN)));
    const edit = (city: string) =>
      api.current.graphql<{ updateEntity: { entity: { version: number } } }>(UPDATE, { input: { entity: 'cur-contended', expectedVersion: 1, set: { city }, sources: SOURCE } }, as(ADMIN_TOKEN));
    const results = await Promise.all([edit('Nîmes'), edit('Alès')]);
    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const history = await api.current.graphql<{ history: { nodes: Array<{ action: string }> } }>('{ history(of: "cur-contended") { nodes { action } } }');
    expect(history.data!.history.nodes.map((change) => change.action)).toEqual(['CREATED', 'UPDATED']);
  });
});

describe("an entity's own names in French and in English", () => {
  const NAMES = `mutation($input: UpdateEntityInput!) {
    updateEntity(input: $input) { entity { version names { fr en } } changes { changedFields stateAfter { ... on EntityState { names { fr en } } } } }
  }`;

  it('creates them, changes one language while the other stays, clears one with null, and records each change', async () => {
    const created = ok(
      await api.current.graphql<any>(
        'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { names { fr en } } } }',
        { input: organization('cur-named', { names: { fr: 'Laboratoire Nommé' } }) },
        as(ADMIN_TOKEN),
      ),
    );
    expect(created.createEntity.entity.names).toEqual({ fr: 'Laboratoire Nommé', en: null });
    const english = ok(await api.current.graphql<any>(NAMES, { input: { entity: 'cur-named', expectedVersion: 1, set: { names: { en: 'Named Laboratory' } }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    expect(english.updateEntity.entity).toEqual({ version: 2, names: { fr: 'Laboratoire Nommé', en: 'Named Laboratory' } });
    expect(english.updateEntity.changes[0]).toEqual({ changedFields: ['names'], stateAfter: { names: { fr: 'Laboratoire Nommé', en: 'Named Laboratory' } } });
    const cleared = ok(await api.current.graphql<any>(NAMES, { input: { entity: 'cur-named', expectedVersion: 2, set: { names: { fr: null } }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    expect(cleared.updateEntity.entity.names).toEqual({ fr: null, en: 'Named Laboratory' });
    // Found by its French name, as by any of its names.
    const { data } = await api.current.graphql<any>('{ search(text: "Named Laboratory") { edges { node { key } } } }');
    expect(data.search.edges.map((edge: any) => edge.node.key)).toContain('cur-named');
  });

  it('refuses an empty name with BAD_USER_INPUT at its path, and changes nothing', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-named-empty') }, as(ADMIN_TOKEN)));
    const response = await api.current.graphql<any>(NAMES, { input: { entity: 'cur-named-empty', expectedVersion: 1, set: { names: { fr: '' } }, sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(response.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain('names.fr');
    const { data } = await api.current.graphql<any>('{ entity(key: "cur-named-empty") { version names { fr en } } }');
    expect(data.entity).toEqual({ version: 1, names: { fr: null, en: null } });
  });
});

describe('relationships', () => {
  it('adds relationships with their sources and records each', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-partner') }, as(ADMIN_TOKEN)));
    const data = ok(
      await api.current.graphql<{ addRelationships: { relationships: Array<Record<string, any>>; changes: Array<{ action: string; target: string }> } }>(
        ADD,
        {
          input: {
            relationships: [
              { key: 'cur-rel-project', type: 'PARTICIPATES_IN', from: 'cur-partner', to: 'plantnet', role: 'partner', since: '2025-03' },
              { key: 'cur-rel-member', type: 'MEMBER_OF', from: 'cur-partner', to: 'ia-montpellier-mediterranee' },
            ],
            sources: SOURCE,
          },
        },
        as(ADMIN_TOKEN),
      ),
    );
    expect(data.addRelationships.relationships.map((r) => [r.key, r.type, r.from.key, r.to.key, r.version])).toEqual([
      ['cur-rel-project', 'PARTICIPATES_IN', 'cur-partner', 'plantnet', 1],
      ['cur-rel-member', 'MEMBER_OF', 'cur-partner', 'ia-montpellier-mediterranee', 1],
    ]);
    expect(data.addRelationships.changes.map((change) => [change.action, change.target])).toEqual([
      ['CREATED', 'cur-rel-project'],
      ['CREATED', 'cur-rel-member'],
    ]);
    const partners = await api.current.graphql<{ project: { participants: { edges: Array<{ node: { key: string }; relationship: { role: string } }> } } }>(
      '{ project(key: "plantnet") { participants(first: 100) { edges { node { key } relationship { role } } } } }',
    );
    expect(partners.data!.project.participants.edges).toContainEqual({ node: { key: 'cur-partner' }, relationship: { role: 'partner' } });
    // A relationship a curator adds undated counts from its source's publication, said as inferred; a dated one from its date.
    const days = await api.current.graphql<any>(`{ entity(key: "cur-partner") { relationships(first: 10) { edges { relationship { key heldFrom heldFromInference } } } } }`);
    const held = new Map<string, [string, string]>(days.data.entity.relationships.edges.map((edge: any) => [edge.relationship.key, [edge.relationship.heldFrom, edge.relationship.heldFromInference]]));
    expect(held.get('cur-rel-project')).toEqual(['2025-03-01', 'STATED']);
    expect(held.get('cur-rel-member')?.[1]).toBe('SOURCE_PUBLISHED');
  });

  it('records a relationship its source states as an intention as planned, and as done once it is', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-planner') }, as(ADMIN_TOKEN)));
    const added = ok(
      await api.current.graphql<any>(
        'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key planned version } changes { after } } }',
        { input: { relationships: [{ key: 'cur-rel-planned', type: 'PARTICIPATES_IN', from: 'cur-planner', to: 'plantnet', planned: true }], sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    expect(added.addRelationships.relationships).toEqual([{ key: 'cur-rel-planned', planned: true, version: 1 }]);
    expect(added.addRelationships.changes[0].after).toMatchObject({ planned: true });
    const done = ok(
      await api.current.graphql<any>(
        'mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationships { planned version } } }',
        { input: { relationship: 'cur-rel-planned', expectedVersion: 1, set: { planned: false }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    expect(done.updateRelationship.relationships).toEqual([{ planned: false, version: 2 }]);
    const feed = ok(await api.current.graphql<any>('{ history(of: "cur-rel-planned") { nodes { stateBefore { ... on RelationshipState { planned } } stateAfter { ... on RelationshipState { planned } } } } }'));
    expect(feed.history.nodes.at(-1)).toEqual({ stateBefore: { planned: true }, stateAfter: { planned: null } });
  });

  it('leaves the graph exactly as it was when the second of two relationships is invalid', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-atomic') }, as(ADMIN_TOKEN)));
    const before = await snapshot(api.current);
    const cases = [
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet' }, { key: 'cur-bad', type: 'MEMBER_OF', from: 'cur-atomic', to: 'no-such-entity' }], field: 'input.relationships.1.to' },
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet' }, { key: 'cur-bad', type: 'MEMBER_OF', from: 'cur-atomic', to: 'plantnet' }], field: 'input.relationships.1' },
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet' }, { key: 'cur-bad', type: 'PARTNERS_WITH', from: 'cur-atomic', to: 'cur-atomic' }], field: 'input.relationships.1' },
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet' }, { key: 'cur-ok', type: 'MEMBER_OF', from: 'cur-atomic', to: 'ia-montpellier-mediterranee' }], field: 'input.relationships.1.key' },
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet' }, { key: 'cur-bad', type: 'FUNDS', from: 'cur-atomic', to: 'plantnet', amount: 10 }], field: 'input.relationships.1' },
      { relationships: [{ key: 'cur-ok', type: 'PARTICIPATES_IN', from: 'cur-atomic', to: 'plantnet', since: '2025-05', until: '2024' }], field: 'input.relationships.0' },
    ];
    for (const { relationships, field } of cases) {
      const response = await api.current.graphql(ADD, { input: { relationships, sources: SOURCE } }, as(ADMIN_TOKEN));
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await snapshot(api.current)).toEqual(before);
    }
    const history = await api.current.graphql<{ history: { nodes: unknown[] } }>('{ history(of: "cur-ok") { nodes { action } } }');
    expect(history.data!.history.nodes).toEqual([]);
  });

  it('changes and ends a relationship, keeping each step in its history and answering asOf by it', async () => {
    ok(await api.current.graphql(CREATE, { input: organization('cur-ending') }, as(ADMIN_TOKEN)));
    ok(await api.current.graphql(ADD, { input: { relationships: [{ key: 'cur-rel-ending', type: 'PARTICIPATES_IN', from: 'cur-ending', to: 'plantnet', since: '2024' }], sources: SOURCE } }, as(ADMIN_TOKEN)));
    const updated = ok(
      await api.current.graphql<{ updateRelationship: { relationships: Array<{ role: string; version: number }> } }>(
        'mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationships { role version } } }',
        { input: { relationship: 'cur-rel-ending', expectedVersion: 1, set: { role: 'funder' }, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    expect(updated.updateRelationship.relationships).toEqual([{ role: 'funder', version: 2 }]);
    const stale = await api.current.graphql(
      'mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationships { role } } }',
      { input: { relationship: 'cur-rel-ending', expectedVersion: 1, set: { role: 'partner' }, sources: SOURCE } },
      as(ADMIN_TOKEN),
    );
    expect(stale.errors![0]!.extensions!.code).toBe('CONFLICT');
    const early = await api.current.graphql(
      'mutation($input: EndRelationshipInput!) { endRelationship(input: $input) { relationships { until } } }',
      { input: { relationship: 'cur-rel-ending', until: '2023-06', sources: SOURCE } },
      as(ADMIN_TOKEN),
    );
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.set' });
    ok(
      await api.current.graphql(
        'mutation($input: EndRelationshipInput!) { endRelationship(input: $input) { relationships { until } } }',
        { input: { relationship: 'cur-rel-ending', until: '2025-06-30', expectedVersion: 2, sources: SOURCE } },
        as(ADMIN_TOKEN),
      ),
    );
    const read = await api.current.graphql<{ organization: { now: { totalCount: number }; then: { totalCount: number }; all: { edges: Array<{ relationship: { until: string; history: { nodes: Array<{ action: string; before: any; after: any }> } } }> } } }>(
      `{ organization(key: "cur-ending") {
          now: projects(asOf: "2026-01-01") { totalCount }
          then: projects(asOf: "2025-01-01") { totalCount }
          all: projects { edges { relationship { until history { nodes { action before after } } } } }
      } }`,
    );
    const { now, then, all } = read.data!.organization;
    expect([now.totalCount, then.totalCount]).toEqual([0, 1]);
    const history = all.edges[0]!.relationship.history.nodes;
    expect(history.map((change) => change.action)).toEqual(['CREATED', 'UPDATED', 'ENDED']);
    expect([history[2]!.before.until, history[2]!.after.until]).toEqual([null, '2025-06-30']);
  });
});
