import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GraphQLFormattedError } from 'graphql';
import { z } from 'zod';

import { Citations, citationSchema } from './citations.js';
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
3. Quote the sources each answer carries: the text numbers them ([1], [2]...) and lists them
   (title, publisher, date, URL, licence, and the locator: the line of a document, or the record
   of a dataset); the structured content's \`citations\` holds the same list. Say "at least" where a figure's qualifier
   says so. \`list_sources\` lists every document and dataset with its licence.

Errors come back with the API's codes: NOT_FOUND (unknown key), BAD_USER_INPUT (a value out
of range, with the field), QUERY_TOO_COMPLEX (ask for less), RATE_LIMITED, TIMEOUT.
`;

/** The root field an operation asks for (each tool's operation asks for one). */
function rootFieldOf(query: string): string {
  return /\{\s*(\w+)/.exec(query.slice(query.indexOf('{')))?.[1] ?? 'data';
}

function errorText(errors: readonly GraphQLFormattedError[]): string {
  return errors.map((error) => `${(error.extensions?.code as string | undefined) ?? 'ERROR'}: ${error.message}`).join('\n');
}

export function createMcpServer(run: RunOperation, schemaSdl: string, version: string, options: { curation?: boolean } = {}): McpServer {
  const server = new McpServer({ name: 'montpellier-ai-graph', title: 'Montpellier AI ecosystem graph', version }, { instructions: GUIDE });
  const tools = [...TOOLS.map((tool) => ({ tool, readOnly: true })), ...(options.curation ? CURATION_TOOLS.map((tool) => ({ tool, readOnly: false })) : [])];
  for (const { tool, readOnly } of tools) {
    const annotations = { readOnlyHint: readOnly, destructiveHint: false, openWorldHint: false };
    const outputSchema = {
      data: z
        .object({ [rootFieldOf(tool.query)]: z.unknown() })
        .passthrough()
        .optional()
        .describe('The GraphQL operation\'s data, shaped as the schema says (resource graph://schema.graphql); absent or partial with errors.'),
      citations: z.array(citationSchema).describe('Every source of the answer, numbered as the text cites them ([1], [2]...); empty with errors.'),
      errors: z
        .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }).passthrough())
        .optional()
        .describe('The API\'s errors, with their codes (extensions.code), when the tool failed.'),
    };
    server.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: tool.input, outputSchema, annotations }, async (args) => {
      const variables = tool.variables ? tool.variables(args as Record<string, unknown>) : (args as Record<string, unknown>);
      const result = await run(tool.query, variables);
      if (result.errors?.length) {
        return { isError: true, content: [{ type: 'text' as const, text: errorText(result.errors) }], structuredContent: { ...(result.data ? { data: result.data } : {}), citations: [], errors: result.errors } };
      }
      const data = result.data ?? {};
      const citations = new Citations();
      const summary = tool.summarize(data, (sources) => citations.cite(sources)).replace(/ +$/gm, '');
      citations.all(data);
      const text = [summary, citations.text()].filter(Boolean).join('\n\n');
      return { content: [{ type: 'text' as const, text }], structuredContent: { data, citations: citations.list } };
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
