/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { describe, expect, it } from 'vitest';

import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../src/domains/shared/writtenText.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, snapshot, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key name } } }`;
const ADD = `mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }`;

function organization(key: string, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { input: { type: 'ORGANIZATION', key, fields: { name: `Org ${key}`, kind: 'startup', ...fields }, sources: SOURCE, ...extra } };
}

async function refused(query: string, variables: Record<string, unknown>, field: string, message: RegExp) {
  const before = await snapshot(api.current);
  const response = await api.current.graphql(query, variables, as(ADMIN_TOKEN));
  expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.extensions?.field).toBe(field);
  expect(response.errors?.[0]?.message).toMatch(message);
  expect(await snapshot(api.current)).toEqual(before);
}

describe('written text has documented limits, checked before anything is written', () => {
  it('refuses a name over the short-text maximum, naming the field; nothing changes', async () => {
    await refused(CREATE, organization('cur-long-name', { name: 'N'.repeat(9_000) }), 'input.fields.name', new RegExp(`at most ${SHORT_TEXT_MAX}`));
  });

  it('refuses a description over the long-text maximum, a long alias, note or locator', async () => {
    await refused(CREATE, organization('cur-long-description', { description: 'd'.repeat(LONG_TEXT_MAX + 1) }), 'input.fields.description', /at most/);
    await refused(CREATE, organization('cur-long-alias', { aliases: { fr: ['ok', 'a'.repeat(400)] } }), 'input.fields.aliases.fr.1', /at most/);
    await refused(CREATE, organization('cur-long-note', {}, { note: 'n'.repeat(LONG_TEXT_MAX + 1) }), 'input.note', /at most/);
    await refused(
      CREATE,
      { input: { ...organization('cur-long-locator').input, sources: [{ source: 'mm-ai-association-en', locator: 'l'.repeat(400) }] } },
      'input.sources.0.locator',
      /at most/,
    );
  });

  it('accepts text at the maximum', async () => {
    const data = ok(await api.current.graphql<any>(CREATE, organization('cur-max-name', { name: 'M'.repeat(SHORT_TEXT_MAX) }), as(ADMIN_TOKEN)));
    expect(data.createEntity.entity.name).toHaveLength(SHORT_TEXT_MAX);
  });
});

describe('control characters and unsafe addresses are refused', () => {
  it('refuses NUL and other control characters in names, roles and sources', async () => {
    await refused(CREATE, organization('cur-nul', { name: 'Evil\u0000Corp' }), 'input.fields.name', /control characters/);
    await refused(CREATE, organization('cur-bell', { city: 'Mont\u0007pellier' }), 'input.fields.city', /control characters/);
    await refused(CREATE, organization('cur-line', { name: 'Two\nlines' }), 'input.fields.name', /one line/);
    await refused(
      CREATE,
      { input: { ...organization('cur-source').input, sources: [{ newSource: { title: 'T\u001b[31m', language: 'en', kind: 'web-page' } }] } },
      'input.sources.0.newSource.title',
      /control characters/,
    );
    await refused(
      ADD,
      { input: { relationships: [{ key: 'cur-rel-ctl', type: 'PARTNERS_WITH', from: 'inria', to: 'cirad', role: 'x\u0000' }], sources: SOURCE } },
      'input.relationships.0.role',
      /control characters/,
    );
  });

  it('keeps line breaks in descriptions', async () => {
    const data = ok(await api.current.graphql<any>(CREATE, organization('cur-multiline', { description: 'First line.\nSecond line.' }), as(ADMIN_TOKEN)));
    expect(data.createEntity.entity.key).toBe('cur-multiline');
  });

  it('accepts only http(s) addresses as a website or a source url', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const before = await snapshot(api.current);
      const website = await api.current.graphql(CREATE, organization('cur-js-site', { website: url }), as(ADMIN_TOKEN));
      expect(website.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      expect(website.errors?.[0]?.message).toMatch(/http/);
      const source = await api.current.graphql(
        CREATE,
        { input: { ...organization('cur-js-source').input, sources: [{ newSource: { title: 'T', language: 'en', kind: 'web-page', url } }] } },
        as(ADMIN_TOKEN),
      );
      expect(source.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      expect(await snapshot(api.current)).toEqual(before);
    }
    const https = ok(await api.current.graphql<any>(CREATE, organization('cur-https-site', { website: 'https://example.org/a?b=c' }), as(ADMIN_TOKEN)));
    expect(https.createEntity.entity.key).toBe('cur-https-site');
  });
});

describe('API keys', () => {
  const REVOKE = 'mutation($id: String!) { revokeApiKey(input: { id: $id }) { id revokedAt } }';
  const CREATE_KEY = 'mutation($role: ApiKeyRole!) { createApiKey(input: { name: "second admin", role: $role }) { token apiKey { id } } }';

  it('refuses to revoke the last active ADMIN key, and allows it once another admin exists', async () => {
    const adminId = ADMIN_TOKEN.split('.')[0]!;
    const last = await api.current.graphql(REVOKE, { id: adminId }, as(ADMIN_TOKEN));
    expect(last.status).toBe(409);
    expect(last.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(last.errors?.[0]?.message).toMatch(/last active ADMIN key/);
    // The key still works.
    ok(await api.current.graphql('{ apiKeys { id } }', {}, as(ADMIN_TOKEN)));

    const second = ok(await api.current.graphql<any>(CREATE_KEY, { role: 'ADMIN' }, as(ADMIN_TOKEN))).createApiKey;
    const both = await Promise.all([
      api.current.graphql(REVOKE, { id: adminId }, as(second.token)),
      api.current.graphql(REVOKE, { id: second.apiKey.id }, as(ADMIN_TOKEN)),
    ]);
    // Revoked at the same time (each by the other key), one of the two admins stays.
    expect(both.filter((response) => !response.errors)).toHaveLength(1);
    const survivor = both[0]!.errors ? ADMIN_TOKEN : second.token;
    const keys = ok(await api.current.graphql<any>('{ apiKeys { id role revokedAt } }', {}, as(survivor))).apiKeys;
    expect(keys.filter((key: any) => key.role === 'ADMIN' && key.revokedAt === null)).toHaveLength(1);
  });

  it('accepts a token only as `Authorization: Bearer <token>` or `x-api-key`, not as a bare Authorization value', async () => {
    const bare = await api.current.graphql(CREATE, organization('cur-bare-token'), { authorization: ADMIN_TOKEN });
    expect(bare.status).toBe(401);
    expect(bare.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const basic = await api.current.graphql(CREATE, organization('cur-basic-token'), { authorization: `Basic ${ADMIN_TOKEN}` });
    expect(basic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
