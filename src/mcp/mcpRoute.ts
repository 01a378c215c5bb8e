import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ApolloServer } from '@apollo/server';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

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
function refuse(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code, message }, id: null });
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
  runnerOf: (request: FastifyRequest, reply: FastifyReply) => RunOperation,
  schemaSdl: string,
  options: { curation: boolean; allowedOrigins: string[] },
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return async (request, reply) => {
    if (request.method !== 'POST') return refuse(reply.header('allow', 'POST'), 405, -32000, 'This MCP endpoint is stateless: POST JSON-RPC messages to it.');
    if (Array.isArray(request.body)) return refuse(reply, 400, -32600, 'JSON-RPC batches are not accepted: send one message per request.');
    const server = createMcpServer(runnerOf(request, reply), schemaSdl, PACKAGE_VERSION, options);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, enableDnsRebindingProtection: true, allowedOrigins: options.allowedOrigins });
    // The transport writes the answer on the raw response: the headers set so far (request id,
    // CORS, rate limit) go onto it first.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      // Fastify's error handler no longer answers a hijacked reply: the same JSON-RPC error shape.
      if (!reply.raw.headersSent) {
        reply.raw.statusCode = 500;
        reply.raw.setHeader('content-type', 'application/json; charset=utf-8');
        reply.raw.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error.' }, id: null }));
      }
      throw error;
    }
    return reply;
  };
}
