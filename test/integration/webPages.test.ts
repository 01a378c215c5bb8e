import { describe, expect, it } from 'vitest';

import { useTestApi } from '../helpers/testApi.js';

/** The pages and paths around the API, as a browser and a script meet them (the web pages are built by `npm test`'s first step). */
const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.current.url}${path}`, { headers, redirect: 'manual' });

describe('the web pages', () => {
  it('sends the home page to the explorer, which is served at /explore and /explore/ under its content policy', async () => {
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/explore');
    for (const path of ['/explore', '/explore/', '/explore?lang=fr&node=inria']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('/explore/app.js');
    }
    const script = await get('/explore/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(script.headers.get('cache-control')).toContain('max-age=300');
    expect((await get('/explore/nothing-here.js')).status).toBe(404);
  });

  it('sends a browser opening /graphql to GraphiQL, and answers a script that sends no operation with a GraphQL error', async () => {
    const browser = await get('/graphql', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/graphiql');
    expect((await get('/graphiql')).status).toBe(200);
    const script = await get('/graphql', { accept: 'application/json', 'apollo-require-preflight': 'true' });
    expect(script.status).toBe(400);
    const body = (await script.json()) as { errors: Array<{ message: string }>; extensions: { requestId: string } };
    expect(body.errors[0]!.message).toMatch(/query/i);
    expect(body.extensions.requestId).toBe(script.headers.get('x-request-id'));
  });
});

describe('paths nothing answers', () => {
  it('answers every unknown path, page or API, with a JSON 404 carrying the request id', async () => {
    for (const path of ['/nothing', '/export/nothing', '/graphql/extra']) {
      const answer = await get(path, { 'x-request-id': 'probe-404' });
      expect(answer.status, path).toBe(404);
      const body = (await answer.json()) as { errors: Array<{ extensions: { code: string } }>; extensions: { requestId: string } };
      expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
      expect(body.extensions.requestId).toBe('probe-404');
    }
  });

  it('refuses a method a route does not take with a JSON answer, never an HTML page', async () => {
    const answer = await fetch(`${api.current.url}/healthz`, { method: 'DELETE' });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
