/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { join } from 'node:path';

import { COMPRESSED_FROM_BYTES } from '../../src/cache/responseCache.js';
import { projectRoot } from '../../src/database/projectRoot.js';
import { cypher, runQuery } from '../../src/database/runQuery.js';
import { importCordis } from '../../src/ingest/cordis/importCordis.js';
import { importFolder } from '../../src/ingest/folder/importFolder.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok } from '../helpers/curation.js';
import { removeDatasetTestData } from '../helpers/datasetTraces.js';
import { folderWith } from '../helpers/seedFolder.js';
import { startTestApi, useTestApi, type TestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_API_KEY: ADMIN_TOKEN, RESPONSE_CACHE_VERSION_TTL_MS: '0' });
cleanUpCurationAfterAll(api);

const SOURCES = [{ source: 'mm-ai-association-en', locator: 'line 1' }];
const cacheOf = (response: { extensions?: Record<string, unknown> }) => (response.extensions?.cache as { status: string; dataVersion: number } | undefined)?.status;

/** Asks twice: the first answer must be computed (MISS), the second served (HIT) and equal. */
async function askTwice(server: TestApi, query: string, headers: Record<string, string> = {}) {
  const first = await server.graphql<any>(query, {}, headers);
  const second = await server.graphql<any>(query, {}, headers);
  expect(first.errors).toBeUndefined();
  expect([cacheOf(first), cacheOf(second)]).toEqual(['MISS', 'HIT']);
  expect(second.data).toEqual(first.data);
  expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  return first.data;
}

describe('the response cache', () => {
  it('serves a repeated read from the cache, and computes it again after every kind of write and after an import', async () => {
    const query = `{ a: entity(key: "cur-cache-a") { key name } b: entity(key: "cur-cache-b") { key }
      c: entity(key: "cur-cache-c") { key } inria: organization(key: "inria") { degree } }`;
    const mutate = async (mutation: string, input: Record<string, unknown>) => ok(await api.current.graphql(mutation, { input }, as(ADMIN_TOKEN)));
    let before = await askTwice(api.current, query);
    expect(before.a).toBeNull();

    const steps: Array<[string, () => Promise<unknown>, (data: any) => void]> = [
      ['create', () => mutate('mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }', { type: 'ORGANIZATION', key: 'cur-cache-a', fields: { name: 'Cache Lab A', kind: 'research-unit' }, sources: SOURCES }), (data) => expect(data.a).toEqual({ key: 'cur-cache-a', name: 'Cache Lab A' })],
      ['update', () => mutate('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { key } } }', { entity: 'cur-cache-a', expectedVersion: 1, set: { name: 'Cache Lab A (renamed)' }, sources: SOURCES }), (data) => expect(data.a.name).toBe('Cache Lab A (renamed)')],
      ['relationship', () => mutate('mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }', { relationships: [{ key: 'cur-cache-a-partners-inria', type: 'PARTNERS_WITH', from: 'cur-cache-a', to: 'inria' }], sources: SOURCES }), (data) => expect(data.inria.degree).toBe(before.inria.degree + 1)],
      ['create another', () => mutate('mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }', { type: 'ORGANIZATION', key: 'cur-cache-b', fields: { name: 'Cache Lab B', kind: 'research-unit' }, sources: SOURCES }), (data) => expect(data.b).toEqual({ key: 'cur-cache-b' })],
      ['merge', () => mutate('mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { entity { key } } }', { keep: 'cur-cache-a', absorb: 'cur-cache-b', sources: SOURCES }), (data) => expect(data.b).toEqual({ key: 'cur-cache-a' })],
      ['retire', () => mutate('mutation($input: RetireEntityInput!) { retireEntity(input: $input) { changes { action } } }', { entity: 'cur-cache-a', sources: SOURCES }), (data) => expect(data.a).toBeNull()],
      ['restore', () => mutate('mutation($input: RestoreEntityInput!) { restoreEntity(input: $input) { entity { key } } }', { entity: 'cur-cache-a', sources: SOURCES }), (data) => expect(data.a.key).toBe('cur-cache-a')],
      ['import', async () => {
        const folder = folderWith({ 'organizations.yaml': '- id: cur-cache-c\n  name: Cache Lab C\n  kind: research-unit\n  sources: ["mm-ai-association-en#line 1"]\n' });
        try {
          await importFolder({ db: api.current.db }, folder);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      }, (data) => expect(data.c).toEqual({ key: 'cur-cache-c' })],
    ];
    for (const [name, write, check] of steps) {
      await write();
      const after = await askTwice(api.current, query);
      expect(() => check(after), name).not.toThrow();
      before = after;
    }
  });

  it('never shares an answer between an anonymous caller and a key holder, and never stores an answer with an error', async () => {
    const query = '{ organization(key: "cines") { name degree } }';
    await askTwice(api.current, query);
    const keyed = await api.current.graphql(query, {}, as(ADMIN_TOKEN));
    expect(cacheOf(keyed)).toBe('MISS');
    expect(cacheOf(await api.current.graphql(query, {}, as(ADMIN_TOKEN)))).toBe('HIT');

    const partial = '{ organization(key: "cines") { name } partners(organization: "nobody") { totalCount } }';
    const answers = [await api.current.graphql(partial), await api.current.graphql(partial)];
    expect(answers.map(cacheOf)).toEqual(['MISS', 'MISS']);
    expect(answers[1]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers 304 without a body to a matching If-None-Match, on POST and GET, across an unrelated edit, and 200 once the answer changed', async () => {
    const query = '{ organization(key: "numalis") { name } }';
    const first = await api.current.graphql(query);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const revalidate = (tag: string) => fetch(`${api.current.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': tag }, body: JSON.stringify({ query }) });
    const post = await revalidate(etag);
    expect(post.status).toBe(304);
    expect(await post.text()).toBe('');
    const get = await fetch(`${api.current.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'if-none-match': etag, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(304);
    const stale = await revalidate('W/"not-this-one"');
    expect(stale.status).toBe(200);
    expect(((await stale.json()) as any).data.organization.name).toBe('Numalis');

    // An edit of another entity makes a new data version, but this answer reads the same: the same validator.
    ok(await api.current.graphql('mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }', { input: { type: 'ORGANIZATION', key: 'cur-cache-etag', fields: { name: 'ETag Lab', kind: 'research-unit' }, sources: SOURCES } }, as(ADMIN_TOKEN)));
    const unrelated = await revalidate(etag);
    expect(unrelated.status).toBe(304);
    expect(unrelated.headers.get('etag')).toBe(etag);

    // The answer itself changes: a new validator, and the new answer.
    const other = '{ organization(key: "cur-cache-etag") { name } }';
    const before = await api.current.graphql(other);
    ok(await api.current.graphql('mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { key } } }', { input: { entity: 'cur-cache-etag', expectedVersion: 1, set: { name: 'ETag Lab (renamed)' }, sources: SOURCES } }, as(ADMIN_TOKEN)));
    const changed = await fetch(`${api.current.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': before.headers.get('etag')! }, body: JSON.stringify({ query: other }) });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(((await changed.json()) as any).data.organization.name).toBe('ETag Lab (renamed)');
  });

  it('answers a repeated anonymous request before Apollo, as Apollo answers a hit, and counts it', async () => {
    // A long bound, so that every repeat finds the data version fresh (the fast path reads ahead, or waits for a read, otherwise).
    const server = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_API_KEY: ADMIN_TOKEN, RESPONSE_CACHE_VERSION_TTL_MS: '60000' });
    try {
      const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
      const query = 'query FirstOrganizations($first: Int) { organizations(first: $first) { totalCount nodes { key } } }';
      const early = await metric('response_cache_early_hits_total');
      const counted = await metric('graphql_operations_total\\{operation="FirstOrganizations",code="OK"\\}');
      const [miss, hit] = [await server.graphql<any>(query, { first: 3 }), await server.graphql<any>(query, { first: 3 })];
      expect([cacheOf(miss), cacheOf(hit)]).toEqual(['MISS', 'HIT']);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 1);
      expect(await metric('graphql_operations_total\\{operation="FirstOrganizations",code="OK"\\}')).toBe(counted + 2);

      // A key holder's first request goes through Apollo (which reads the key's role); its repeat is answered early too,
      // as its own entry, the two hits reading alike (so with one validator: the ETag is the answer's, whoever asks).
      const keyedMiss = await server.graphql<any>(query, { first: 3 }, as(ADMIN_TOKEN));
      const keyedHit = await server.graphql<any>(query, { first: 3 }, as(ADMIN_TOKEN));
      expect([cacheOf(keyedMiss), cacheOf(keyedHit)]).toEqual(['MISS', 'HIT']);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 2);
      expect(hit.data).toEqual(keyedHit.data);
      expect(hit.extensions).toEqual({ ...keyedHit.extensions, cost: miss.extensions!.cost });
      expect(keyedHit.headers.get('etag')).toBe(hit.headers.get('etag'));
      expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
      expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));

      // The media type follows Accept as Apollo's does; other variables or another operation name are other answers.
      const plain = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { first: 3 } }) });
      expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await plain.json()) as any).data).toEqual(miss.data);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 3);
      expect(cacheOf(await server.graphql(query, { first: 4 }))).toBe('MISS');
      const named = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { first: 3 }, operationName: 'FirstOrganizations' }) });
      expect(cacheOf((await named.json()) as any)).toBe('MISS');
    } finally {
      await server.stop();
    }
  });

  it('logs a request answered by the fast path as any other, at the default log level', async () => {
    // Every other test runs with the log silent; `npm start` logs each request, and a hit
    // answered before Apollo once crashed the process when it was logged.
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const server = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_VERSION_TTL_MS: '60000', LOG_LEVEL: 'info' }, logger);
    try {
      const query = '{ organizations(first: 1) { nodes { key } } }';
      expect([cacheOf(await server.graphql(query)), cacheOf(await server.graphql(query))]).toEqual(['MISS', 'HIT']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests.map((line) => [line.method, line.path, line.status])).toEqual([
        ['POST', '/graphql', 200],
        ['POST', '/graphql', 200],
      ]);
    } finally {
      await server.stop();
    }
  });

  it('answers a keyed repeat early after its role and the data version aged, reading them itself', async () => {
    const server = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_API_KEY: ADMIN_TOKEN, RESPONSE_CACHE_VERSION_TTL_MS: '300' });
    try {
      const early = async () => Number(/^response_cache_early_hits_total (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
      const query = '{ organizations(first: 2) { nodes { key } } }';
      expect(cacheOf(await server.graphql(query, {}, as(ADMIN_TOKEN)))).toBe('MISS');
      const before = await early();
      expect(cacheOf(await server.graphql(query, {}, as(ADMIN_TOKEN)))).toBe('HIT');
      // Both older than the bound: the fast path reads them (before, the request went through Apollo).
      await new Promise((resolve) => setTimeout(resolve, 700));
      const aged = await server.graphql(query, {}, as(ADMIN_TOKEN));
      expect(cacheOf(aged)).toBe('HIT');
      expect(await early()).toBe(before + 2);
    } finally {
      await server.stop();
    }
  });

  it('sends a large answer gzip-compressed to a client that accepts it, with its own ETag, either ETag revalidating', async () => {
    const server = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_VERSION_TTL_MS: '60000' });
    try {
      const body = JSON.stringify({ query: '{ organizations(first: 100) { nodes { key name names { fr en } kind city aliases { fr en } } } }' });
      /** A POST as sent on the wire (node:http, no decompression of its own), with the raw bytes of the answer. */
      const post = (headers: Record<string, string>) =>
        new Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
          const call = httpRequest(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes: Buffer.concat(chunks) }));
          });
          call.on('error', reject);
          call.end(body);
        });
      const miss = await post({});
      expect(JSON.parse(miss.bytes.toString()).extensions.cache.status).toBe('MISS');
      expect(miss.bytes.length).toBeGreaterThanOrEqual(COMPRESSED_FROM_BYTES);
      // The compression runs after the answer is stored: until it is done, hits go uncompressed.
      let gzipped = await post({ 'accept-encoding': 'gzip, deflate, br' });
      for (let attempt = 0; attempt < 50 && gzipped.headers['content-encoding'] !== 'gzip'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        gzipped = await post({ 'accept-encoding': 'gzip, deflate, br' });
      }
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(gzipped.headers['content-length'])).toBe(gzipped.bytes.length);
      expect(gzipped.bytes.length).toBeLessThan(miss.bytes.length / 3);
      const plain = await post({});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(gzipped.bytes).equals(plain.bytes)).toBe(true);
      const hit = JSON.parse(plain.bytes.toString());
      expect(hit.extensions.cache.status).toBe('HIT');
      expect(hit.data).toEqual(JSON.parse(miss.bytes.toString()).data);
      expect((await post({ 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();

      // One answer, two representations: one weak validator, which tells the server the client holds the answer.
      expect(gzipped.headers.etag).toMatch(/^W\//);
      expect(gzipped.headers.etag).toBe(plain.headers.etag);
      expect(plain.headers.etag).toBe(miss.headers.etag);
      for (const [etag, encoding] of [[gzipped.headers.etag!, 'gzip'], [plain.headers.etag!, 'gzip'], [gzipped.headers.etag!, 'identity']]) {
        const revalidated = await post({ 'if-none-match': etag!, 'accept-encoding': encoding! });
        expect(revalidated.status).toBe(304);
        expect(revalidated.bytes.length).toBe(0);
      }
    } finally {
      await server.stop();
    }
  });

  it('answers early a GET with the query or only its persisted hash, under Apollo\'s CSRF rule, and a revoked key as what it now is', async () => {
    const server = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_API_KEY: ADMIN_TOKEN, RESPONSE_CACHE_VERSION_TTL_MS: '60000' });
    try {
      const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
      const query = '{ organization(key: "inria") { name degree } }';
      const hash = createHash('sha256').update(query).digest('hex');
      const preflight = { 'apollo-require-preflight': 'true' };
      const get = async (parameters: Record<string, string>, headers: Record<string, string> = preflight) => {
        const response = await fetch(`${server.url}/graphql?${new URLSearchParams(parameters).toString()}`, { headers });
        return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as any };
      };
      const early = await metric('response_cache_early_hits_total');
      const miss = await get({ query });
      const hit = await get({ query });
      expect([miss.body.extensions.cache.status, hit.body.extensions.cache.status]).toEqual(['MISS', 'HIT']);
      expect(hit.body.data).toEqual(miss.body.data);
      expect(hit.etag).toBe(miss.etag);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 1);

      // An automatic persisted query: only the hash, on GET, as a CDN would repeat it; the same answer as the text gives.
      const persisted = { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) };
      const byHash = await get(persisted);
      expect(byHash.body).toMatchObject({ data: miss.body.data, extensions: { cache: { status: 'HIT' } } });
      expect(byHash.etag).toBe(miss.etag);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 2);
      // A hash that is not the text's is refused as Apollo's path refuses it, never answered from the cache.
      const mismatched = await get({ query, extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }) });
      expect(mismatched.status).toBe(400);
      // A GET without a preflight header is refused by Apollo's CSRF rule, cached or not.
      const simple = await get({ query }, {});
      expect(simple.status).toBe(400);
      expect(await metric('response_cache_early_hits_total')).toBe(early + 2);

      // A curator's key: its repeat is answered early as its own entry; once the key is revoked (through this
      // instance), the same request is answered as what it now is, an anonymous one.
      const created = ok(await server.graphql<any>('mutation { createApiKey(input: { name: "cache curator", role: CURATOR }) { token apiKey { id } } }', {}, as(ADMIN_TOKEN)));
      const curator = { authorization: `Bearer ${created.createApiKey.token}`, ...preflight };
      await get({ query }, curator);
      const curatorHit = await get({ query }, curator);
      expect(curatorHit.body.extensions.cache.status).toBe('HIT');
      expect(await metric('response_cache_early_hits_total')).toBe(early + 3);
      ok(await server.graphql('mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }', { input: { id: created.createApiKey.apiKey.id } }, as(ADMIN_TOKEN)));
      // The answers read alike (reads do not depend on the role), so the entry tells: an answer the revoked key
      // makes is one an anonymous caller then finds, early.
      const other = { query: '{ organization(key: "inria") { name } }' };
      expect((await get(other, curator)).body.extensions.cache.status).toBe('MISS');
      const anonymous = await get(other);
      expect(anonymous.body.extensions.cache.status).toBe('HIT');
      expect(await metric('response_cache_early_hits_total')).toBe(early + 4);
      expect(curatorHit.etag).toBe(miss.etag);
    } finally {
      await server.stop();
    }
  });

  it('stays within RESPONSE_CACHE_MIB, evicting the least recently used answers, and counts them on /metrics', async () => {
    const small = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_MIB: '0.01' });
    try {
      for (let index = 0; index < 60; index += 1) await small.graphql(`{ search(text: "montpellier", first: ${1 + (index % 30)}) { totalCount edges { node { key name } } } w${index}: __typename }`);
      const metrics = await (await fetch(`${small.url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1]);
      expect(value('response_cache_bytes')).toBeGreaterThan(0);
      expect(value('response_cache_bytes')).toBeLessThanOrEqual(0.01 * 1024 * 1024);
      expect(value('response_cache_evictions_total')).toBeGreaterThan(0);
      expect(value('response_cache_misses_total')).toBe(60);
    } finally {
      await small.stop();
    }
  });

  it('shows a write made through another API process on the same Neo4j within RESPONSE_CACHE_VERSION_TTL_MS', async () => {
    const ttl = 300;
    const [first, second] = await Promise.all([startTestApi({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_API_KEY: ADMIN_TOKEN, RESPONSE_CACHE_VERSION_TTL_MS: String(ttl) }), startTestApi({ RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_VERSION_TTL_MS: String(ttl) })]);
    try {
      const query = '{ entity(key: "cur-cache-elsewhere") { key } }';
      await askTwice(second, query);
      ok(await first.graphql('mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }', { input: { type: 'ORGANIZATION', key: 'cur-cache-elsewhere', fields: { name: 'Elsewhere Lab', kind: 'research-unit' }, sources: SOURCES } }, as(ADMIN_TOKEN)));
      // The instance that wrote knows at once; the other within the bound.
      expect((await first.graphql<any>(query)).data.entity).toEqual({ key: 'cur-cache-elsewhere' });
      await new Promise((resolve) => setTimeout(resolve, ttl + 100));
      const seen = await second.graphql<any>(query);
      expect(cacheOf(seen)).toBe('MISS');
      expect(seen.data.entity).toEqual({ key: 'cur-cache-elsewhere' });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});

describe('the response cache and the review queue', () => {
  it('shows records an import queued for review even when the import changed nothing else, and keeps serving an unchanged queue', async () => {
    const query = '{ pendingMatches(dataset: "cordis") { totalCount } }';
    const release = join(projectRoot, 'test', 'fixtures', 'cordis', 'release-1');
    try {
      await importCordis({ db: api.current.db }, release);
      expect((await askTwice(api.current, query)).pendingMatches.totalCount).toBe(2);
      // Running it again changes nothing: the cached answer stays good.
      await importCordis({ db: api.current.db }, release);
      expect(cacheOf(await api.current.graphql(query))).toBe('HIT');
      // The queue emptied behind the API's back (as a test can), an unchanged import queues the records again: a new answer.
      await runQuery({ db: api.current.db }, cypher('emptyReviewQueueForTests', 'WRITE', 'MATCH (r:MatchReview) DELETE r RETURN count(*) AS deleted'));
      await importCordis({ db: api.current.db }, release);
      const after = await api.current.graphql<any>(query);
      expect(cacheOf(after)).toBe('MISS');
      expect(after.data.pendingMatches.totalCount).toBe(2);
    } finally {
      await removeDatasetTestData(api.current.db);
    }
  });
});
