import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';

import { ADMIN_TOKEN } from '../helpers/curation.js';
import { startTestApi, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ MAX_NODES_PER_REQUEST: '5000', RATE_LIMIT_PER_MINUTE: '0' });

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: organization(key: "inria") { name }`).join(' ')} }`;
}

describe('limits checked before execution', () => {
  const bombs: Array<[string, string, string]> = [
    ['depth', `{ organization(key: "inria") { ${'relationships(first: 1) { edges { node { '.repeat(5)} name ${'} } }'.repeat(5)} } }`, 'depth'],
    ['aliases', aliases(21), 'aliases'],
    ['directives', `{ organization(key: "inria") { name ${'@include(if: true) '.repeat(21)} } }`, 'directives'],
    ['tokens', `{ organization(key: "inria") { ${'name '.repeat(3001)} } }`, 'tokens'],
    ['node budget', '{ organizations(first: 100) { nodes { relationships(first: 100) { edges { node { name } } } } } }', 'nodes'],
  ];

  it.each(bombs)('refuses a %s bomb with QUERY_TOO_COMPLEX, naming the limit, before any database work', async (_name, query, limit) => {
    const response = await api.current.graphql(query);
    expect(response.data).toBeUndefined();
    const error = response.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
    if (error.extensions!.found !== undefined) expect(error.extensions!.found as number).toBeGreaterThan(error.extensions!.max as number);
    expect(error.message).toContain(String(error.extensions!.max));
    expect(response.extensions?.roundTrips ?? 0).toBe(0);
  });

  it('reports the node count and budget of an accepted operation, and its cost figure and limit', async () => {
    const response = await api.current.graphql('{ organizations(first: 10) { nodes { projects(first: 5) { edges { node { name } } } } } }');
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cost).toEqual({ nodes: 60, points: 1, budget: 5000, complexity: expect.any(Number), maxComplexity: 300_000 });
    // The figure is the executed operation's, the one the cost limit compares with its limit.
    const two = 'query Small { organization(key: "inria") { name } } query Big { organizations(first: 100) { nodes { name projects(first: 100) { nodes { name } } } } }';
    const figureOf = async (operationName: string) => {
      const answer = await fetch(`${api.current.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: two, operationName }) });
      return ((await answer.json()) as { extensions: { cost: { complexity: number } } }).extensions.cost.complexity;
    };
    const [small, big] = [await figureOf('Small'), await figureOf('Big')];
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small * 100);
    expect(await figureOf('Small')).toBe(small);
    // Over the limit, the refusal's figure is measured the same way.
    const over = await api.current.graphql('{ organizations(first: 100) { nodes { projects(first: 100) { nodes { relationships(first: 100) { nodes { name } } } } } } }');
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('counts page sizes given as variables, and defaults when absent', async () => {
    const query = 'query($n: Int) { organizations(first: $n) { nodes { name } } }';
    expect((await api.current.graphql(query, { n: 7 })).extensions?.cost).toMatchObject({ nodes: 7, budget: 5000 });
    expect((await api.current.graphql(query, {})).extensions?.cost).toMatchObject({ nodes: 20, budget: 5000 });
  });

});

describe('the HTTP protocol', () => {
  it('serves queries over GET and refuses mutations or CSRF-prone GETs', async () => {
    const query = encodeURIComponent('{ organization(key: "cines") { name } }');
    const ok = await fetch(`${api.current.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { organization: { name: string } } }).data.organization.name).toContain('National Informatics');
    const csrf = await fetch(`${api.current.url}/graphql?query=${query}`);
    expect(csrf.status).toBe(400);
  });

  it('answers application/graphql-response+json when asked, with 400 for a document that does not parse', async () => {
    const response = await fetch(`${api.current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ organization(key: "cines") { name }' }),
    });
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a body over the limit with a JSON error, not an HTML page', async () => {
    const response = await fetch(`${api.current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ search(text: "${'x'.repeat(200_000)}") { totalCount } }` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.message).toContain('larger than this API accepts');
  });

  it('allows only the configured CORS origins', async () => {
    const strict = await startTestApi({ CORS_ORIGINS: 'https://app.example.org' });
    try {
      const preflight = (origin: string) =>
        fetch(`${strict.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      expect((await preflight('https://app.example.org')).headers.get('access-control-allow-origin')).toBe('https://app.example.org');
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await strict.stop();
    }
  });

  it('lets a browser read the request id, the rate-limit headers and the ETag (to revalidate) on /graphql, /export and /mcp, refusals included', async () => {
    const limited = await startTestApi({ CORS_ORIGINS: 'https://app.example.org', RATE_LIMIT_PER_MINUTE: '4' });
    try {
      const origin = { origin: 'https://app.example.org' };
      const answers = [
        await fetch(`${limited.url}/graphql?query=%7B__typename%7D`, { headers: { ...origin, 'apollo-require-preflight': 'true' } }),
        await fetch(`${limited.url}/export/ego?center=inria&format=json`, { headers: origin }),
        await fetch(`${limited.url}/mcp`, { method: 'POST', headers: { ...origin, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) }),
        await fetch(`${limited.url}/export/ego?center=inria&format=json`, { headers: origin }),
        await fetch(`${limited.url}/graphql?query=%7B__typename%7D`, { headers: { ...origin, 'apollo-require-preflight': 'true' } }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
      for (const answer of answers) {
        expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
        const exposed = answer.headers.get('access-control-expose-headers')!.split(',');
        expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'etag']));
      }
    } finally {
      await limited.stop();
    }
  });
});

describe('rate limits', () => {
  it('refuses a client over its limit with RATE_LIMITED and Retry-After, counting valid API keys apart and made-up ones with the address', async () => {
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '3', ADMIN_API_KEY: ADMIN_TOKEN });
    try {
      const ask = (key?: string) => limited.graphql('{ organization(key: "cines") { name } }', {}, key ? { 'x-api-key': key } : {});
      const answers = [await ask(), await ask(), await ask(), await ask()];
      expect(answers.slice(0, 3).every((answer) => answer.status === 200)).toBe(true);
      expect(answers[2]!.headers.get('x-ratelimit-remaining')).toBe('0');
      const refused = answers[3]!;
      expect(refused.status).toBe(429);
      expect(refused.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await ask(`made-up.${'x'.repeat(40)}`)).status).toBe(429);
      expect((await ask('another-client')).status).toBe(429);
      expect((await ask(ADMIN_TOKEN)).status).toBe(200);
      const metrics = await (await fetch(`${limited.url}/metrics`)).text();
      expect(metrics).toMatch(/^rate_limit_rejections_total 3$/m);
    } finally {
      await limited.stop();
    }
  });

  it('lets a client read its budget in the answer, as the headers give it, never from the cache', async () => {
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10' });
    try {
      const ask = () => limited.graphql<{ rateLimit: { limit: number; remaining: number; resetAt: string; cost: number } }>('{ rateLimit { limit remaining resetAt cost } }');
      const [first, second] = [await ask(), await ask()];
      for (const answer of [first, second]) {
        expect(answer.data!.rateLimit.remaining).toBe(Number(answer.headers.get('x-ratelimit-remaining')));
        expect(Math.ceil(Date.parse(answer.data!.rateLimit.resetAt) / 1000)).toBe(Number(answer.headers.get('x-ratelimit-reset')));
      }
      expect(first.data!.rateLimit).toMatchObject({ limit: 10, remaining: 9, cost: 1 });
      expect(second.data!.rateLimit.remaining).toBe(8);
      expect(second.extensions?.cache).toBeUndefined();
    } finally {
      await limited.stop();
    }
    expect((await api.current.graphql<{ rateLimit: unknown }>('{ rateLimit { limit } }')).data!.rateLimit).toBeNull();
  });

  it('counts an operation in points from what it may return, refuses one that costs more than is left, and counts a 304 from the cache as nothing', async () => {
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '40' });
    try {
      const remaining = (answer: { headers: Headers }) => Number(answer.headers.get('x-ratelimit-remaining'));
      const small = await limited.graphql('{ organization(key: "cines") { name } }');
      expect(small.extensions?.cost).toMatchObject({ nodes: 0, points: 1 });
      expect(remaining(small)).toBe(39);
      // Up to 500 nodes and their 500 relationships: ten points.
      const map = '{ ecosystemMap(limit: 500) { nodes { entity { key } } edges { key } } }';
      const large = await limited.graphql(map);
      expect(large.extensions?.cost).toMatchObject({ points: Math.ceil((large.extensions!.cost as { nodes: number }).nodes / 100) });
      const points = (large.extensions!.cost as { points: number }).points;
      expect(points).toBeGreaterThan(1);
      expect(remaining(large)).toBe(39 - points);
      expect(Number(large.headers.get('x-ratelimit-used'))).toBe(1 + points);
      // The same answer from the cache counts the same; revalidated (304), nothing.
      const again = await limited.graphql(map);
      expect(remaining(again)).toBe(39 - 2 * points);
      const revalidated = await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': large.headers.get('etag')! }, body: JSON.stringify({ query: map }) });
      expect(revalidated.status).toBe(304);
      expect(remaining(revalidated)).toBe(39 - 2 * points);
      // A map that costs more than is left is refused before it runs, saying what it costs; a small question still passes.
      let refused = await limited.graphql('{ ecosystemMap(limit: 2000) { nodes { entity { key } } } }');
      while (refused.status === 200) refused = await limited.graphql('{ ecosystemMap(limit: 2000) { nodes { entity { key } } } }');
      expect(refused.status).toBe(429);
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', points: expect.any(Number), retryAfter: expect.any(Number) });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.data ?? null).toBeNull();
      expect((await limited.graphql('{ organization(key: "cines") { name } }')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('introspection', () => {
  it('is on by default and can be switched off, and field suggestions follow it', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect((await api.current.graphql(introspection)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = '{ organization(key: "inria") { nam } }';
    // Open schema: the suggestion is given (anyone can read the names); closed: it is not, and no mask is left in the message.
    expect((await api.current.graphql(typo)).errors![0]!.message).toMatch(/Did you mean "name"/);
    const closed = await startTestApi({ INTROSPECTION: 'false' });
    try {
      expect((await closed.graphql(introspection)).errors?.[0]?.message).toMatch(/introspection/i);
      const hidden = (await closed.graphql(typo)).errors![0]!.message;
      expect(hidden).not.toMatch(/Did you mean|Suggestion hidden/);
      expect(hidden).toMatch(/^Cannot query field "nam" on type "Organization"/);
    } finally {
      await closed.stop();
    }
  });

  it('answers the full introspection query of IDEs and code generators, whatever the node budget', async () => {
    const response = await api.current.graphql<{ __schema: { types: Array<{ name: string }> } }>(getIntrospectionQuery({ descriptions: true }));
    expect(response.errors).toBeUndefined();
    expect(response.data!.__schema.types.map((type) => type.name)).toContain('Organization');
  });
});
