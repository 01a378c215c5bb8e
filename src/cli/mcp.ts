import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { printSchema } from 'graphql';

import { createApollo } from '../apollo.js';
import { ConfigError, readConfig } from '../config.js';
import { createContext } from '../context.js';
import { DatabaseStartError, openDatabase } from '../database/database.js';
import { migrate } from '../database/migrations.js';
import { createLogger } from '../logger.js';
import { createMcpServer } from '../mcp/mcpServer.js';
import { operationRunner, PACKAGE_VERSION } from '../mcp/mcpRoute.js';
import { MetricsCache } from '../network/metricsCache.js';
import { createSchema } from '../schema.js';
import { seedIfEmpty } from '../seed/seedIfEmpty.js';

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
  const db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
  await migrate({ db });
  if (config.SEED_ON_START) await seedIfEmpty({ db });
  const schema = createSchema();
  const apollo = createApollo(schema, config);
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
  await server.connect(new StdioServerTransport());
  process.stderr.write('MCP server ready on standard input/output\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof DatabaseStartError ? error.message : `MCP start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`);
  process.exit(1);
});
