/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by the assertions themselves */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/database/projectRoot.js';
import { TOOLS } from '../../src/mcp/mcpTools.js';
import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok } from '../helpers/curation.js';
import { startTestApi, testEnvironment, useTestApi, type TestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

/** One question per tool, about the seed graph. */
const QUESTIONS: Record<string, Record<string, unknown>> = {
  search_entities: { text: 'Inria' },
  get_entity: { key: 'university-of-montpellier', first: 10 },
  find_partners: { organization: 'university-of-montpellier', first: 5 },
  common_partners: { first: 'inria', second: 'university-of-montpellier' },
  get_consortium: { project: 'premedical' },
  suggest_candidate_partners: { organizations: ['inria', 'university-of-montpellier'], first: 5 },
  find_path: { from: 'inria', to: 'chu-montpellier' },
  ego_network: { center: 'inria', limit: 20 },
  co_publications: { organization: 'inria' },
  list_sources: {},
};

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'montpellier-ai-graph-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

/** Every citation anywhere in an answer. */
function citations(value: unknown): Array<{ locator: string; source: { title: string } }> {
  if (Array.isArray(value)) return value.flatMap(citations);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = Array.isArray(record.sources) ? (record.sources as Array<{ locator: string; source: { title: string } }>) : [];
  return [...own, ...Object.entries(record).filter(([key]) => key !== 'sources').flatMap(([, inner]) => citations(inner))];
}

describe('the MCP endpoint', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(api.current.url);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the read tools, each described with a JSON Schema of its input, and the schema and guide resources', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(QUESTIONS).sort());
    for (const tool of tools) {
      expect(tool.description!.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const search = tools.find((tool) => tool.name === 'search_entities')!;
    expect(search.inputSchema.required).toEqual(['text']);
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual(['graph://guide.md', 'graph://schema.graphql']);
    const sdl = await client.readResource({ uri: 'graph://schema.graphql' });
    expect((sdl.contents[0] as { text: string }).text).toContain('type Organization implements Entity & Node');
  });

  it('answers every tool exactly as the same operation over /graphql, with a summary and the sources of its facts', async () => {
    for (const definition of TOOLS) {
      const args = QUESTIONS[definition.name]!;
      const result = (await client.callTool({ name: definition.name, arguments: args })) as any;
      expect(result.isError, definition.name).toBeFalsy();
      const graphql = await api.current.graphql(definition.query, definition.variables ? definition.variables(args) : args);
      expect(graphql.errors, definition.name).toBeUndefined();
      expect(result.structuredContent, definition.name).toEqual({ data: graphql.data, citations: expect.any(Array) });
      expect(result.content[0].type).toBe('text');
      expect(result.content[0].text.length, definition.name).toBeGreaterThan(10);
    }
    const entity = (await client.callTool({ name: 'get_entity', arguments: QUESTIONS.get_entity! })) as any;
    const cited = citations(entity.structuredContent.data);
    expect(cited.length).toBeGreaterThan(5);
    for (const citation of cited) expect(citation.locator.length > 0 && citation.source.title.length > 0).toBe(true);
    // `organizations`, as the API names them; `first`/`second` still answer the same.
    const both = (await client.callTool({ name: 'common_partners', arguments: { organizations: ['inria', 'university-of-montpellier'] } })) as any;
    const former = (await client.callTool({ name: 'common_partners', arguments: QUESTIONS.common_partners! })) as any;
    expect(both.structuredContent).toEqual(former.structuredContent);
    const partners = (await client.callTool({ name: 'find_partners', arguments: QUESTIONS.find_partners! })) as any;
    expect(partners.content[0].text).toMatch(/partner\(s\), strongest first:\n- .+ \(.+\): strength \d+ \(.+\) (\[\d+\])+/);
  });

  it('cites in the text: each fact with numbered sources, listed with title, locator and address, the same as the structured citations', async () => {
    // Every tool declares its output schema; the SDK client checks each answer against it.
    const { tools } = await client.listTools();
    for (const tool of tools) {
      expect(tool.outputSchema?.required, tool.name).toEqual(['citations']);
      expect(Object.keys(tool.outputSchema?.properties ?? {}).sort(), tool.name).toEqual(['citations', 'data', 'errors']);
    }
    const entity = (await client.callTool({ name: 'get_entity', arguments: QUESTIONS.get_entity! })) as any;
    const text: string = entity.content[0].text;
    const listed = entity.structuredContent.citations as Array<{ n: number; key: string; title: string; locator: string; url: string | null }>;
    // Every source of the answer, once per source and locator.
    const distinct = new Set(citations(entity.structuredContent.data).map((citation: any) => `${citation.source.key}#${citation.locator}`));
    expect(listed.length).toBe(distinct.size);
    expect(listed.map((citation) => citation.n)).toEqual(listed.map((_citation, index) => index + 1));
    // The relationship lines carry their marks, and the list below says what each mark is.
    expect(text).toMatch(/^- [A-Z_]+ [→←] .+ (\[\d+\])+$/m);
    for (const citation of listed.slice(0, 40)) {
      const line = text.split('\n').find((item) => item.startsWith(`[${citation.n}] `));
      expect(line, `[${citation.n}]`).toContain(citation.title);
      expect(line).toContain(citation.locator);
      if (citation.url) expect(line).toContain(citation.url);
    }
    // A mark in a summary line points to a source of that very relationship.
    const firstLine = text.split('\n').find((line) => /^- [A-Z_]+ [→←] /.test(line))!;
    const edge = entity.structuredContent.data.entity.relationships.edges[0];
    const mark = Number(/\[(\d+)\]/.exec(firstLine)![1]);
    expect(edge.relationship.sources.map((source: any) => `${source.source.key}#${source.locator}`)).toContain(`${listed[mark - 1]!.key}#${listed[mark - 1]!.locator}`);
  });

  it('gives the API\'s typed errors, and changes nothing', async () => {
    const unknown = (await client.callTool({ name: 'find_partners', arguments: { organization: 'no-such-organisation' } })) as any;
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(unknown.content[0].text).toMatch(/^NOT_FOUND: `organization`: no Organization has the id, key or slug "no-such-organisation"/);
    const badDay = (await client.callTool({ name: 'find_partners', arguments: { organization: 'inria', asOf: '2024-13-45' } })) as any;
    const sameOverGraphql = await api.current.graphql(TOOLS.find(tool => tool.name === 'find_partners')!.query, { organization: 'inria', asOf: '2024-13-45' });
    expect(badDay.isError).toBe(true);
    expect(badDay.structuredContent.errors.map((error: any) => [error.message, error.extensions.code])).toEqual(
      sameOverGraphql.errors!.map((error) => [error.message, error.extensions!.code]),
    );
    // An unknown kind is refused as the API refuses it, not answered "No candidates found".
    const unknownKind = (await client.callTool({ name: 'suggest_candidate_partners', arguments: { organizations: ['inria', 'cnrs'], kinds: ['spaceship'] } })) as any;
    expect(unknownKind.isError).toBe(true);
    expect(unknownKind.content[0].text).toMatch(/^BAD_USER_INPUT: `kinds`: "spaceship" is not a kind of organization \(allowed: /);
    const missing = await client.callTool({ name: 'get_entity', arguments: { key: 'no-such-entity' } });
    expect((missing as any).content[0].text).toBe('No entity has this key.');
  });

  it('refuses a request over the node budget the same way /graphql does', async () => {
    const small: TestApi = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', MAX_NODES_PER_REQUEST: '300' });
    const limited = await connect(small.url);
    try {
      const definition = TOOLS.find((tool) => tool.name === 'get_entity')!;
      const result = (await limited.callTool({ name: 'get_entity', arguments: { key: 'inria', first: 100 } })) as any;
      const graphql = await small.graphql(definition.query, { key: 'inria', first: 100 });
      expect(result.isError).toBe(true);
      expect(graphql.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
      expect(result.structuredContent.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', found: graphql.errors![0]!.extensions!.found, max: 300 });
    } finally {
      await limited.close();
      await small.stop();
    }
  });

  it('answers GET with 405: the endpoint is stateless', async () => {
    const response = await fetch(`${api.current.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('the MCP curation tools', () => {
  it('are offered only with MCP_CURATION=true, refuse a caller without a key, and record an edit made with one in the history', async () => {
    const curating: TestApi = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0', MCP_CURATION: 'true', ADMIN_API_KEY: ADMIN_TOKEN });
    const anonymous = await connect(curating.url);
    const curator = new Client({ name: 'montpellier-ai-graph-tests', version: '1.0.0' });
    await curator.connect(new StreamableHTTPClientTransport(new URL(`${curating.url}/mcp`), { requestInit: { headers: as(ADMIN_TOKEN) } }));
    try {
      const { tools } = await anonymous.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['update_entity', 'add_relationships', 'decide_match']));
      expect(tools.find((tool) => tool.name === 'update_entity')!.annotations?.readOnlyHint).toBe(false);
      ok(await curating.graphql('mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }', {
        input: { type: 'ORGANIZATION', key: 'cur-mcp-lab', fields: { name: 'MCP Test Lab', kind: 'research-unit' }, sources: [{ source: 'mm-ai-association-en', locator: 'line 1' }] },
      }, as(ADMIN_TOKEN)));
      const edit = { entity: 'cur-mcp-lab', expectedVersion: 1, set: { city: 'Montpellier' }, sources: [{ source: 'mm-ai-association-en', locator: 'line 1' }], note: 'Seen in the article.' };
      const refused = (await anonymous.callTool({ name: 'update_entity', arguments: { input: edit } })) as any;
      expect(refused.isError).toBe(true);
      expect(refused.structuredContent.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const done = (await curator.callTool({ name: 'update_entity', arguments: { input: edit } })) as any;
      expect(done.isError).toBeFalsy();
      expect(done.structuredContent.data.updateEntity.entity).toMatchObject({ key: 'cur-mcp-lab', version: 2 });
      const history = await curating.graphql<any>('{ history(of: "cur-mcp-lab") { edges { node { action note author } } } }');
      expect(history.data.history.edges.map((edge: any) => edge.node.action)).toEqual(['CREATED', 'UPDATED']);
      expect(history.data.history.edges[1].node.note).toBe('Seen in the article.');
      const stale = (await curator.callTool({ name: 'update_entity', arguments: { input: edit } })) as any;
      expect(stale.structuredContent.errors[0].extensions.code).toBe('CONFLICT');
    } finally {
      await anonymous.close();
      await curator.close();
      await curating.stop();
    }
  });
});

describe('the MCP stdio command', () => {
  it('serves the same tools on standard input and output to an assistant that starts it', async () => {
    const client = new Client({ name: 'montpellier-ai-graph-tests', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/cli/mcp.ts'],
      cwd: projectRoot,
      env: { ...testEnvironment(), PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(QUESTIONS).sort());
      const found = (await client.callTool({ name: 'search_entities', arguments: { text: 'Inria' } })) as any;
      expect(found.isError).toBeFalsy();
      expect(found.structuredContent.data.search.edges.map((edge: any) => edge.node.key)).toContain('inria');
    } finally {
      await client.close();
    }
  });
});
