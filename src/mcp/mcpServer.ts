import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GraphQLFormattedError } from 'graphql';

import { CURATION_TOOLS, TOOLS } from './mcpTools.js';

/**
 * The graph as a Model Context Protocol server: the read tools of mcpTools.ts, and two
 * resources (the schema's SDL, and a guide to what the graph holds and how to ask). Every tool
 * runs its GraphQL operation through `run`, which the entry point binds to the API's Apollo
 * Server and to a request context (limits, deadline, credentials), so an assistant gets
 * exactly what /graphql gives, errors included.
 */
export type RunOperation = (query: string, variables: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

export const GUIDE = `# The Montpellier AI ecosystem graph

Organisations, people, projects, labels and events of the Montpellier AI ecosystem, and the
relationships between them (who takes part in, leads or funds what; who is a member of what;
who co-publishes with whom), each fact citing the document or dataset record that states it:
five press and council documents, EU projects (CORDIS), the research organisation registry
(ROR) and scholarly works (OpenAlex).

How to ask:
1. Find the key of an actor with \`search_entities\` (French or English names, accents ignored).
2. Look at it with \`get_entity\`, or ask a relationship question: \`find_partners\`,
   \`common_partners\`, \`get_consortium\`, \`suggest_candidate_partners\`, \`find_path\`,
   \`ego_network\`, \`co_publications\`.
3. Quote the sources each answer carries (title, publisher, date, URL, and the locator: the
   line of a document, or the record of a dataset). Say "at least" where a figure's qualifier
   says so. \`list_sources\` lists every document and dataset with its licence.

Errors come back with the API's codes: NOT_FOUND (unknown key), BAD_USER_INPUT (a value out
of range, with the field), QUERY_TOO_COMPLEX (ask for less), RATE_LIMITED, TIMEOUT.
`;

function errorText(errors: readonly GraphQLFormattedError[]): string {
  return errors.map((error) => `${(error.extensions?.code as string | undefined) ?? 'ERROR'}: ${error.message}`).join('\n');
}

export function createMcpServer(run: RunOperation, schemaSdl: string, version: string, options: { curation?: boolean } = {}): McpServer {
  const server = new McpServer({ name: 'montpellier-ai-graph', title: 'Montpellier AI ecosystem graph', version }, { instructions: GUIDE });
  const tools = [...TOOLS.map((tool) => ({ tool, readOnly: true })), ...(options.curation ? CURATION_TOOLS.map((tool) => ({ tool, readOnly: false })) : [])];
  for (const { tool, readOnly } of tools) {
    const annotations = { readOnlyHint: readOnly, destructiveHint: false, openWorldHint: false };
    server.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: tool.input, annotations }, async (args) => {
      const variables = tool.variables ? tool.variables(args as Record<string, unknown>) : (args as Record<string, unknown>);
      const result = await run(tool.query, variables);
      const structured = { ...(result.data ? { data: result.data } : {}), ...(result.errors?.length ? { errors: result.errors } : {}) };
      if (result.errors?.length) return { isError: true, content: [{ type: 'text' as const, text: errorText(result.errors) }], structuredContent: structured };
      return { content: [{ type: 'text' as const, text: tool.summarize(result.data ?? {}) }], structuredContent: structured };
    });
  }
  server.registerResource(
    'schema',
    'graph://schema.graphql',
    { title: 'GraphQL schema', description: 'The SDL of the API the tools call, every type and field described.', mimeType: 'application/graphql' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/graphql', text: schemaSdl }] }),
  );
  server.registerResource(
    'guide',
    'graph://guide.md',
    { title: 'What the graph holds and how to ask', description: 'The sources, the tools, how to cite, the error codes.', mimeType: 'text/markdown' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: GUIDE }] }),
  );
  return server;
}
