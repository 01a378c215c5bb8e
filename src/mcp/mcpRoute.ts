import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ApolloServer } from '@apollo/server';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type express from 'express';

import type { Context } from '../context.js';
import { projectRoot } from '../database/projectRoot.js';
import { invariant } from '../errors.js';
import { createMcpServer, type RunOperation } from './mcpServer.js';

/** The version the MCP server announces: the package's. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a tool's operation through Apollo (the same validation, limits, plugins and error masking as /graphql) in a fresh request context. */
export function operationRunner(apollo: ApolloServer<Context>, contextOf: () => Context): RunOperation {
  return async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: contextOf() });
    invariant(response.body.kind === 'single', 'an MCP tool operation is never incremental');
    return { data: response.body.singleResult.data as Record<string, unknown> | null | undefined, errors: response.body.singleResult.errors };
  };
}

/** A JSON-RPC error answer of the MCP endpoint. */
function refuse(response: express.Response, status: number, code: number, message: string): void {
  response.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/**
 * POST /mcp: the Streamable HTTP transport in its stateless form (a server and a transport per
 * request, JSON answers, no session to keep), so any instance behind a load balancer answers
 * any call. GET and DELETE (server-sent streams, session ends) have nothing to serve: 405.
 *
 * One message per request: a JSON-RPC batch (an array; MCP's 2025-06-18 revision dropped them)
 * is refused, so that every tool call is one request for the rate limit and the per-client
 * bound on requests in flight: a batch of 100 `ego_network` calls once counted as one request
 * and held the database's connections for fifteen seconds. A browser's request from an origin
 * not in `allowedOrigins` is refused (the SDK's check against DNS rebinding: a page of another
 * site whose name was pointed at this machine).
 */
export function mcpRoute(
  runnerOf: (request: express.Request, response: express.Response) => RunOperation,
  schemaSdl: string,
  options: { curation: boolean; allowedOrigins: string[] },
): express.RequestHandler {
  return async (request, response, next) => {
    if (request.method !== 'POST') {
      response.set('allow', 'POST');
      refuse(response, 405, -32000, 'This MCP endpoint is stateless: POST JSON-RPC messages to it.');
      return;
    }
    if (Array.isArray(request.body)) {
      refuse(response, 400, -32600, 'JSON-RPC batches are not accepted: send one message per request.');
      return;
    }
    try {
      const server = createMcpServer(runnerOf(request, response), schemaSdl, PACKAGE_VERSION, options);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, enableDnsRebindingProtection: true, allowedOrigins: options.allowedOrigins });
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response, request.body);
    } catch (error) {
      next(error);
    }
  };
}
