import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, SOURCE } from '../helpers/curation.js';
import { startTestApi, useTestApi } from '../helpers/testApi.js';

/**
 * The README's error table, row by row, against what the server does: for each code, requests
 * that should meet it, their HTTP status (one the README gives for that code), the code, and
 * the request id at the top level of the body, equal to the x-request-id header.
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

function readmeTable(): Map<string, number[]> {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('## Limits'));
  const table = new Map<string, number[]>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(' | ');
    const statuses = [...cells.at(-1)!.matchAll(/\b\d{3}\b/g)].map((match) => Number(match[0]));
    for (const code of cells[0]!.matchAll(/`([A-Z_]+)`/g)) table.set(code[1]!, statuses);
  }
  return table;
}

interface Exchange {
  status: number;
  header: string | null;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }>; extensions?: { requestId?: string } };
}

async function call(path: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(`${api.current.url}${path}`, init);
  return { status: response.status, header: response.headers.get('x-request-id'), body: (await response.json()) as Exchange['body'] };
}

const post = (body: string, headers: Record<string, string> = {}) =>
  call('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const query = (text: string, headers: Record<string, string> = {}) => post(JSON.stringify({ query: text }), headers);

const scenarios: Array<[string, string, () => Promise<Exchange>]> = [
  ['BAD_USER_INPUT', 'an argument out of bounds', () => query('{ organizations(first: 500) { totalCount } }')],
  ['BAD_USER_INPUT', 'an invalid JSON body', () => post('{"query":')],
  ['BAD_USER_INPUT', 'a body that is not UTF-8', () => post('{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' })],
  ['BAD_USER_INPUT', 'an invalid export parameter', () => call('/export/map?limit=0x10')],
  ['NOT_FOUND', 'an unknown organisation in a question (that field null, the rest answered)', () => query('{ partners(organization: "nobody-at-all") { totalCount } }')],
  ['NOT_FOUND', 'an export of an unknown centre', () => call('/export/ego?center=nobody-at-all')],
  ['QUERY_TOO_COMPLEX', 'a depth bomb', () => query(`{ organization(key: "inria") { ${'partners(first: 1) { edges { node { '.repeat(8)} name ${'} } }'.repeat(8)} } }`)],
  ['QUERY_TOO_COMPLEX', 'a body over BODY_LIMIT', () => post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }))],
  ['UNAUTHENTICATED', 'a write without a key', () => query('mutation { revokeApiKey(input: { id: "anything" }) { id } }')],
  ['FORBIDDEN', 'a write the role does not allow', async () => {
    const created = await query('mutation { createApiKey(input: { name: "contract curator", role: CURATOR }) { token } }', as(ADMIN_TOKEN));
    const token = (created.body.data as { createApiKey: { token: string } }).createApiKey.token;
    return query('mutation { revokeApiKey(input: { id: "anything" }) { id } }', as(token));
  }],
  ['CONFLICT', 'revoking the last active ADMIN key', () => query(`mutation { revokeApiKey(input: { id: "${ADMIN_TOKEN.split('.')[0]}" }) { id } }`, as(ADMIN_TOKEN))],
  ['CONFLICT', 'an edit on a stale version', async () => {
    await query(
      `mutation { createEntity(input: { type: ORGANIZATION, key: "cur-contract", fields: { name: "Contract Example", kind: "startup" }, sources: [{ source: "${SOURCE[0]!.source}" }] }) { entity { key } } }`,
      as(ADMIN_TOKEN),
    );
    return query(
      `mutation { updateEntity(input: { entity: "cur-contract", expectedVersion: 99, set: { city: "Sète" }, sources: [{ source: "${SOURCE[0]!.source}" }] }) { entity { key } } }`,
      as(ADMIN_TOKEN),
    );
  }],
  ['BAD_REQUEST', 'a GET without a non-simple header (CSRF)', () => call('/graphql?query=%7B__typename%7D')],
  ['BAD_REQUEST', 'a batch', () => post('[{"query":"{ __typename }"}]')],
  ['BAD_REQUEST', 'no body', () => call('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' } })],
  ['BAD_REQUEST', 'an Accept with no JSON', () => query('{ __typename }', { accept: 'text/html' })],
  ['BAD_REQUEST', 'a persisted-query hash that is not the query\'s', () =>
    post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }))],
  ['BAD_REQUEST', 'a persisted-query version 2', () => post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }))],
  ['BAD_REQUEST', 'a null persisted-query hash', () => post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: null } } }))],
  ['BAD_REQUEST', 'a persisted query that is not an object', () => post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: 'x' } }))],
  ['GRAPHQL_PARSE_FAILED', 'a document that does not parse', () => query('{ organization(')],
  ['GRAPHQL_VALIDATION_FAILED', 'a field that does not exist', () => query('{ nothingHere }')],
  ['PERSISTED_QUERY_NOT_FOUND', 'a hash the server does not know', () => post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }))],
];

describe("the README's error table is what the server does", () => {
  const table = readmeTable();

  it('lists every code the scenarios meet', () => {
    for (const [code] of scenarios) expect(table.has(code), code).toBe(true);
  });

  it.each(scenarios)('%s: %s', async (code, _what, exchange) => {
    const { status, header, body } = await exchange();
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(table.get(code)).toContain(status);
    expect(body.extensions?.requestId).toBeTruthy();
    expect(body.extensions?.requestId).toBe(header);
  });

  it('answers 200 when the answer carries data, whatever its errors', async () => {
    const partial = await query('{ organization(key: "inria") { name relationships(first: 500) { totalCount } } }', {
      accept: 'application/graphql-response+json',
    });
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ organization: null });
    expect(partial.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('RATE_LIMITED: 429 with the request id, like every other refusal', async () => {
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1' });
    try {
      let response: Response | undefined;
      for (let attempt = 0; attempt < 3; attempt += 1) response = await fetch(`${limited.url}/graphql?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': 'true' } });
      const body = (await response!.json()) as Exchange['body'];
      expect(table.get('RATE_LIMITED')).toContain(response!.status);
      expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(body.extensions?.requestId).toBe(response!.headers.get('x-request-id'));
    } finally {
      await limited.stop();
    }
  });
});
