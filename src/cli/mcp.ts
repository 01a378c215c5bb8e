import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { printSchema } from 'graphql';

import { createApollo } from '../apollo.js';
import { ConfigError, readConfig } from '../config.js';
import { createContext } from '../context.js';
import { DatabaseStartError, openDatabase } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { createLogger, surviveUnexpectedErrors } from '../logger.js';
import { createMcpServer } from '../mcp/mcpServer.js';
import { operationRunner, PACKAGE_VERSION } from '../mcp/mcpRoute.js';
import { MetricsCache } from '../network/metricsCache.js';
import { createSchema } from '../schema.js';
import { seedIfEmpty } from '../ingest/defaultGraph.js';

/**
 * `npm run mcp`: the MCP server on standard input and output, for desktop assistants that start
 * a local process. The same database settings as `npm start` (NEO4J_URI, or the embedded Neo4j
 * and its data directory, which one process at a time may open), the same tools, limits and
 * errors as /mcp. `MCP_API_KEY` (optional) is the key its operations run with. Standard output
 * carries the protocol only: messages and logs go to standard error.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, true);
  surviveUnexpectedErrors(logger);
  const db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`), { useRunning: true });
  await migrate({ db });
  if (config.SEED_ON_START) await seedIfEmpty({ db });
  const schema = createSchema();
  const apollo = createApollo(schema, config, logger);
  await apollo.start();
  const metrics = new MetricsCache();
  let calls = 0;
  const contextOf = () => {
    calls += 1;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline passed')), config.REQUEST_TIMEOUT_MS).unref();
    const requestId = `mcp-stdio-${calls}`;
    return createContext({ db, logger: logger.child({ requestId }), requestId, metrics, signal: controller.signal, credential: process.env.MCP_API_KEY || null });
  };
  const server = createMcpServer(operationRunner(apollo, contextOf), printSchema(schema), PACKAGE_VERSION, { curation: config.MCP_CURATION });
  const stop = async () => {
    await server.close().catch(() => undefined);
    await apollo.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  const transport = new StdioServerTransport();
  // A line that is not JSON, or not a JSON-RPC message, gets the error answer JSON-RPC gives it
  // (id null, as its request's id cannot be read), not silence: the SDK only reports it here.
  transport.onerror = (error) => {
    const notJson = error instanceof SyntaxError;
    if (!notJson && error.name !== 'ZodError') return;
    const message = notJson ? 'Parse error: the line is not JSON.' : 'Invalid request: the line is not a JSON-RPC 2.0 message.';
    void transport.send({ jsonrpc: '2.0', id: null, error: { code: notJson ? -32700 : -32600, message } } as unknown as JSONRPCMessage);
  };
  await server.connect(transport);
  process.stderr.write('MCP server ready on standard input/output\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof DatabaseStartError ? error.message : `MCP start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`);
  process.exit(1);
});
