import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { sha256 } from '../../src/http/trustedDocuments.js';
import { startTestApi, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

async function post(url: string, body: unknown) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

describe('automatic persisted queries', () => {
  it('asks for the text of an unknown hash, then serves the hash alone', async () => {
    const query = '{ organization(key: "numalis") { name } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await post(api.current.url, { extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(api.current.url, { query, extensions })).body.data).toEqual({ organization: { name: 'Numalis' } });
    expect((await post(api.current.url, { extensions })).body.data).toEqual({ organization: { name: 'Numalis' } });
  });
});

describe('trusted documents mode', () => {
  it('runs listed operations, by hash or by text, and refuses anything else with FORBIDDEN', async () => {
    const listed = '{ organization(key: "septeo") { name } }';
    const manifest = join(tmpdir(), `trusted-${process.pid}.json`);
    writeFileSync(manifest, JSON.stringify({ [sha256(listed)]: listed }));
    const trusted = await startTestApi({ TRUSTED_DOCUMENTS_FILE: manifest, RATE_LIMIT_PER_MINUTE: '0' });
    try {
      expect((await post(trusted.url, { documentId: `sha256:${sha256(listed)}` })).body.data).toEqual({ organization: { name: 'Septeo' } });
      expect((await post(trusted.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listed) } } })).body.data).toEqual({ organization: { name: 'Septeo' } });
      expect((await post(trusted.url, { query: listed })).body.data).toEqual({ organization: { name: 'Septeo' } });
      const other = await post(trusted.url, { query: '{ organizations(first: 1) { totalCount } }' });
      expect(other.status).toBe(403);
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await trusted.stop();
    }
  });
});

describe('observability', () => {
  it('exposes Prometheus metrics: operations by name and code, latency, round trips, sessions', async () => {
    await api.current.graphql('query OrgName { organization(key: "inria") { name } }');
    await api.current.graphql('query Broken { organization(key: "inria", slug: "inria") { name } }');
    const text = await (await fetch(`${api.current.url}/metrics`)).text();
    expect(text).toMatch(/^graphql_operations_total\{operation="OrgName",code="OK"\} 1$/m);
    expect(text).toMatch(/^graphql_operations_total\{operation="Broken",code="BAD_USER_INPUT"\} 1$/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="OrgName"\} 1$/m);
    expect(text).toMatch(/^neo4j_round_trips_total [1-9]\d*$/m);
    expect(text).toMatch(/^neo4j_sessions_open 0$/m);
    // The graph's structure in memory, read at start: its version is the data version, with its reads and size.
    await api.current.metrics.structureNow({ db: api.current.db });
    const version = (await api.current.graphql('{ organizations(first: 1) { totalCount } }')).extensions?.cache as { dataVersion: number };
    const after = await (await fetch(`${api.current.url}/metrics`)).text();
    expect(after).toMatch(new RegExp(`^graph_structure_version ${version.dataVersion}$`, 'm'));
    expect(after).toMatch(/^graph_structure_reads_total [1-9]\d*$/m);
    expect(after).toMatch(/^graph_structure_relationships [1-9]\d*$/m);
  });

  it('gives every answer a request id, the one the client sent when it is safe', async () => {
    const response = await api.current.graphql('{ organization(key: "inria") { name } }', {}, { 'x-request-id': 'client-trace-42' });
    expect(response.headers.get('x-request-id')).toBe('client-trace-42');
    // A clean answer keeps it in the header only, so that two identical requests get identical bodies.
    expect(response.extensions?.requestId).toBeUndefined();
    const failed = await api.current.graphql('{ partners(organization: "nobody") { totalCount } }', {}, { 'x-request-id': 'client-trace-43' });
    expect(failed.extensions?.requestId).toBe('client-trace-43');
    const unsafe = await api.current.graphql('{ organization(key: "inria") { name } }', {}, { 'x-request-id': 'bad id with spaces' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a short load on loopback', () => {
  it('ends with every request answered and no unexpected error', async () => {
    const queries = [
      '{ partners(organization: "chu-montpellier", first: 5) { totalCount } }',
      '{ search(text: "montpellier") { totalCount } }',
      '{ organizations(first: 20, orderBy: DEGREE) { nodes { name projects(first: 5) { totalCount } } } }',
      '{ shortestPath(from: "julie-josse", to: "yann-lecun", maxHops: 6) { length } }',
      '{ egoNetwork(center: "inria", depth: 2) { nodes { degree } } }',
      '{ centrality(first: 5) { rank } }',
    ];
    const clients = 16;
    const perClient = 15;
    const codes: string[] = [];
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < perClient; i += 1) {
          const response = await api.current.graphql(queries[(client + i) % queries.length]!);
          codes.push(response.status === 200 && !response.errors ? 'OK' : String(response.errors?.[0]?.extensions?.code ?? response.status));
        }
      }),
    );
    expect(codes).toHaveLength(clients * perClient);
    expect(codes.filter((code) => code !== 'OK')).toEqual([]);
  });
});
