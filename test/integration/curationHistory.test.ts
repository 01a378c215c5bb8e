/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/domains/shared/globalId.js';
import { importGraph } from '../../src/ingest/graphWriter.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, snapshot, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

async function write<T = Record<string, any>>(query: string, input: Record<string, unknown>): Promise<T> {
  return ok(await api.current.graphql<T>(query, { input }, as(ADMIN_TOKEN)));
}

const CREATE = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
const ADD = 'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }';
const MERGE = `mutation($input: MergeEntitiesInput!) {
  mergeEntities(input: $input) { entity { key version aliases { en } } changes { action target related before after } }
}`;
const RETIRE = 'mutation($input: RetireEntityInput!) { retireEntity(input: $input) { entity { key } changes { action target before after } } }';
const RESTORE = 'mutation($input: RestoreEntityInput!) { restoreEntity(input: $input) { entity { key version degree } changes { action } } }';

async function organization(key: string, name = `Org ${key}`) {
  await write(CREATE, { type: 'ORGANIZATION', key, fields: { name, kind: 'startup' }, sources: SOURCE });
}

describe('merging two entities that are the same actor', () => {
  it('moves relationships to the kept entity, keeps both histories, and leads the old key to the kept one', async () => {
    await organization('cur-keep', 'Keep Labs');
    await organization('cur-absorb', 'KL Montpellier');
    await write(ADD, {
      relationships: [
        { key: 'cur-absorb-project', type: 'PARTICIPATES_IN', from: 'cur-absorb', to: 'plantnet', role: 'partner' },
        { key: 'cur-absorb-member', type: 'MEMBER_OF', from: 'cur-absorb', to: 'ia-montpellier-mediterranee' },
      ],
      sources: SOURCE,
    });
    const merged = await write<{ mergeEntities: { entity: any; changes: Array<any> } }>(MERGE, { keep: 'cur-keep', absorb: 'cur-absorb', sources: SOURCE, note: 'same company' });
    expect(merged.mergeEntities.entity).toEqual({ key: 'cur-keep', version: 2, aliases: { en: ['KL Montpellier'] } });
    expect(merged.mergeEntities.changes.map((change) => [change.action, change.target, change.related])).toEqual([
      ['MOVED', 'cur-absorb-member', 'cur-absorb'],
      ['MOVED', 'cur-absorb-project', 'cur-absorb'],
      ['ABSORBED', 'cur-keep', 'cur-absorb'],
      ['MERGED', 'cur-absorb', 'cur-keep'],
    ]);
    expect(merged.mergeEntities.changes[1].before).toEqual({ from: 'cur-absorb', to: 'plantnet' });
    expect(merged.mergeEntities.changes[1].after).toEqual({ from: 'cur-keep', to: 'plantnet' });

    const read = await api.current.graphql<any>(
      `{ old: organization(key: "cur-absorb") { key }
         byId: node(id: "${toGlobalId('Organization', 'cur-absorb')}") { ... on Organization { key id } }
         kept: organization(key: "cur-keep") { degree relationships { edges { relationship { key } node { key } } } history { nodes { action target } } }
         plantnet: project(key: "plantnet") { participants(first: 100) { edges { node { key } } } } }`,
    );
    expect(read.data.old).toEqual({ key: 'cur-keep' });
    // Followed to the entity kept, which says so by its own id.
    expect(read.data.byId).toEqual({ key: 'cur-keep', id: toGlobalId('Organization', 'cur-keep') });
    expect(read.data.kept.degree).toBe(2);
    expect(read.data.kept.relationships.edges.map((edge: any) => edge.relationship.key).sort()).toEqual(['cur-absorb-member', 'cur-absorb-project']);
    expect(read.data.kept.history.nodes.map((change: any) => [change.action, change.target])).toEqual([
      ['CREATED', 'cur-keep'],
      ['CREATED', 'cur-absorb'],
      ['ABSORBED', 'cur-keep'],
      ['MERGED', 'cur-absorb'],
    ]);
    const participants = read.data.plantnet.participants.edges.map((edge: any) => edge.node.key);
    expect(participants).toContain('cur-keep');
    expect(participants).not.toContain('cur-absorb');

    const restore = await api.current.graphql(RESTORE, { input: { entity: 'cur-absorb', sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(restore.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entity' });
  });

  it('refuses to merge an entity into itself or into another type, changing nothing', async () => {
    await organization('cur-alone');
    const before = await snapshot(api.current);
    for (const [keep, absorb] of [['cur-alone', 'cur-alone'], ['cur-alone', 'plantnet'], ['cur-alone', 'cur-nowhere']]) {
      const response = await api.current.graphql(MERGE, { input: { keep, absorb, sources: SOURCE } }, as(ADMIN_TOKEN));
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.absorb' });
    }
    expect(await snapshot(api.current)).toEqual(before);
  });
});

describe('retiring and restoring', () => {
  it('hides a retired entity from every read, keeps its history, and restores it with its relationships', async () => {
    await organization('cur-retiring', 'Retiring Robotics');
    await write(ADD, { relationships: [{ key: 'cur-retiring-project', type: 'PARTICIPATES_IN', from: 'cur-retiring', to: 'plantnet' }], sources: SOURCE });
    // The map's ranking is kept per data version: read it before the write, so it is cached.
    const before = await api.current.graphql<any>('{ ecosystemMap(limit: 2000) { nodes { entity { key } } } }');
    expect(before.data.ecosystemMap.nodes.map((node: any) => node.entity.key)).toContain('cur-retiring');
    const stale = await api.current.graphql(RETIRE, { input: { entity: 'cur-retiring', expectedVersion: 7, sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(stale.errors![0]!.extensions!.code).toBe('CONFLICT');
    const retired = await write<{ retireEntity: { entity: null; changes: Array<any> } }>(RETIRE, { entity: 'cur-retiring', expectedVersion: 1, sources: SOURCE, note: 'dissolved' });
    expect(retired.retireEntity.entity).toBeNull();
    expect(retired.retireEntity.changes[0]).toMatchObject({ action: 'RETIRED', target: 'cur-retiring', after: null });
    expect(retired.retireEntity.changes[0].before).toMatchObject({ name: 'Retiring Robotics' });

    const reads = `{ organization(key: "cur-retiring") { key }
      search(text: "retiring robotics") { edges { node { key } } }
      project(key: "plantnet") { participants(first: 100) { edges { node { key } } } }
      organizations(first: 100, filter: { kinds: ["startup"] }) { edges { node { key } } }
      ecosystemMap(limit: 2000) { nodes { entity { key } } }
      history(of: "cur-retiring") { nodes { action entity { key } } } }`;
    const hidden = await api.current.graphql<any>(reads);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data.organization).toBeNull();
    expect(hidden.data.search.edges).toEqual([]);
    expect(hidden.data.project.participants.edges.map((edge: any) => edge.node.key)).not.toContain('cur-retiring');
    expect(hidden.data.organizations.edges.map((edge: any) => edge.node.key)).not.toContain('cur-retiring');
    expect(hidden.data.ecosystemMap.nodes.map((node: any) => node.entity.key)).not.toContain('cur-retiring');
    expect(hidden.data.history.nodes).toEqual([
      { action: 'CREATED', entity: null },
      { action: 'RETIRED', entity: null },
    ]);

    const reimport = {
      sources: [], people: [], projects: [], labels: [], events: [], relationships: [], claims: [],
      organizations: [{ id: 'cur-retiring', name: 'Back Again', kind: 'startup' as const, aliases: { fr: [], en: [] }, sectors: [], formerNames: [], figures: [], sources: ['mm-ai-association-en#line 1'] }],
    };
    await expect(importGraph({ db: api.current.db }, reimport)).rejects.toThrow(/cur-retiring.*retired through the API/);

    const restored = await write<{ restoreEntity: { entity: any; changes: any[] } }>(RESTORE, { entity: 'cur-retiring', sources: SOURCE });
    expect(restored.restoreEntity.entity).toEqual({ key: 'cur-retiring', version: 3, degree: 1 });
    const shown = await api.current.graphql<any>(reads);
    expect(shown.data.organization).toEqual({ key: 'cur-retiring' });
    expect(shown.data.search.edges.map((edge: any) => edge.node.key)).toContain('cur-retiring');
    expect(shown.data.project.participants.edges.map((edge: any) => edge.node.key)).toContain('cur-retiring');
    // The map ranked without it after the retirement; the restore changed the version, so it is ranked again.
    expect(shown.data.ecosystemMap.nodes.map((node: any) => node.entity.key)).toContain('cur-retiring');
    expect(shown.data.history.nodes.map((change: any) => change.action)).toEqual(['CREATED', 'RETIRED', 'RESTORED']);

    // An entity created after the map was ranked is on the next map (the write changed the version).
    await organization('cur-newcomer', 'Newcomer Labs');
    const map = await api.current.graphql<any>('{ ecosystemMap(limit: 2000) { nodes { entity { key } } } }');
    expect(map.data.ecosystemMap.nodes.map((node: any) => node.entity.key)).toContain('cur-newcomer');
  });

  it('refuses to restore what is not retired', async () => {
    const response = await api.current.graphql(RESTORE, { input: { entity: 'inria', sources: SOURCE } }, as(ADMIN_TOKEN));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entity' });
  });
});

describe('the change feed', () => {
  it('pages through every change in order, resumes from a cursor, and filters by time', async () => {
    const feed = async (variables: Record<string, unknown>) =>
      (
        await api.current.graphql<any>(
          'query($after: String, $since: DateTime) { changes(first: 3, after: $after, since: $since) { edges { cursor node { sequence at action target } } pageInfo { hasNextPage endCursor } } }',
          variables,
        )
      ).data.changes;
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await feed({ after });
      seen.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) {
        after = page.pageInfo.endCursor;
        break;
      }
      after = page.pageInfo.endCursor;
    }
    const sequences = seen.map((change) => change.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(seen.length).toBeGreaterThan(5);

    const marker = new Date().toISOString();
    await organization('cur-feed-latest');
    const next = await feed({ after });
    expect(next.edges.map((edge: any) => edge.node.target)).toEqual(['cur-feed-latest']);
    const since = await feed({ since: marker });
    expect(since.edges.map((edge: any) => edge.node.target)).toEqual(['cur-feed-latest']);

    // Nothing new: an empty page still gives a cursor, from which the next change is read.
    const nothingNew = await feed({ after: next.pageInfo.endCursor });
    expect(nothingNew.edges).toEqual([]);
    expect(nothingNew.pageInfo.endCursor).toBe(next.pageInfo.endCursor);
    await organization('cur-feed-after-empty');
    expect((await feed({ after: nothingNew.pageInfo.endCursor })).edges.map((edge: any) => edge.node.target)).toEqual(['cur-feed-after-empty']);

    const wrong = await api.current.graphql('{ changes(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }');
    expect(wrong.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('caches that depend on the data', () => {
  it('recomputes centrality and communities after a write', async () => {
    const ranking = async () =>
      (await api.current.graphql<any>('{ centrality(kinds: [ORGANIZATION], first: 100) { entity { key } degree } }')).data.centrality.map((score: any) => score.entity.key);
    await ranking();
    await organization('cur-metrics');
    await write(ADD, { relationships: [{ key: 'cur-metrics-project', type: 'PARTICIPATES_IN', from: 'cur-metrics', to: 'plantnet' }], sources: SOURCE });
    expect(await ranking()).toContain('cur-metrics');
  });
});
