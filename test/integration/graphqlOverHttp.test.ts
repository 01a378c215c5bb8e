import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

/**
 * graphql-http's audit of the GraphQL-over-HTTP specification against the running API: every
 * MUST and every SHOULD holds (with `Accept: application/json`, request errors are 200 with
 * the errors in the body; with `application/graphql-response+json`, 4xx).
 */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

describe('GraphQL over HTTP', () => {
  it('passes every MUST and every SHOULD of the audit', async () => {
    const results = await auditServer({ url: `${api.current.url}/graphql` });
    // MAYs are optional (GET without a preflight header is refused on purpose: CSRF prevention).
    const failed = results.filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY')).map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    const count = (level: string) => results.filter((result) => result.name.startsWith(level));
    expect(failed).toEqual([]);
    expect(count('MUST').length).toBeGreaterThanOrEqual(13);
    expect(count('SHOULD').length).toBeGreaterThanOrEqual(23);
  });

  it('keeps 400 for request errors when the client accepts application/graphql-response+json', async () => {
    for (const query of ['{ organization(', '{ nothingHere }']) {
      const response = await fetch(`${api.current.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(400);
    }
  });

  it('answers 200 once execution began (an argument out of bounds makes the data null), and 200 for every client request error under application/json', async () => {
    const post = (query: string, accept: string) =>
      fetch(`${api.current.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const outOfBounds = await post('{ organizations(first: 101) { totalCount } }', accept);
      expect(outOfBounds.status, accept).toBe(200);
      const body = (await outOfBounds.json()) as { data: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(body.data).toBeNull();
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
    // Request errors (no data at all): the document, the variables, a limit.
    const requestErrors = ['{ organization(', '{ nothingHere }', '{ organization(key: 1) { name } }', '{ organizations(first: 100) { nodes { relationships(first: 100) { nodes { relationships(first: 100) { nodes { key } } } } } } }'];
    for (const query of requestErrors) {
      expect((await post(query, 'application/json')).status, query).toBe(200);
      expect((await post(query, 'application/graphql-response+json')).status, query).toBe(400);
    }
  });
});
