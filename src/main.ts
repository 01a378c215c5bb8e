import { ConfigError, readConfig } from './config.js';
import { DatabaseStartError, openDatabase } from './database/database.js';
import { migrate } from './database/migrations.js';
import { ensureAdminKey } from './domains/curation/apiKeyAdmin.js';
import { createLogger, surviveUnexpectedErrors } from './logger.js';
import { ImportRejectedError } from './ingest/graphWriter.js';
import { seedIfEmpty } from './ingest/defaultGraph.js';
import { createServer } from './server.js';

/** Reads the configuration, opens the database, migrates, seeds an empty graph, listens. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);
  surviveUnexpectedErrors(logger);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const db = await openDatabase(config, say);
  const runner = { db };
  const running: { server?: ReturnType<typeof createServer> } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests, closing the database');
    await running.server?.stop().catch((error: unknown) => logger.error({ err: error }, 'error while draining'));
    await db.close().catch((error: unknown) => logger.error({ err: error }, 'error while closing the database'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await migrate(runner);
  if (config.ADMIN_API_KEY) {
    const { key, ignored } = await ensureAdminKey(runner, config.ADMIN_API_KEY);
    if (ignored) logger.warn({ keyId: key.id, revokedAt: key.revokedAt }, `ADMIN_API_KEY names the key "${key.id}", revoked at ${key.revokedAt}: it stays revoked and is ignored; give the variable a new id (<new id>.<secret>) for a new admin key`);
  }
  if (config.SEED_ON_START) {
    const report = await seedIfEmpty(runner);
    if (report) {
      const ror = report.ror && { release: report.ror.release, kept: report.ror.kept, records: report.ror.records };
      const rnsr = report.rnsr && { release: report.rnsr.release, kept: report.rnsr.kept, structures: report.rnsr.structures, bodies: report.rnsr.bodies };
      logger.info({ seeds: report.seeds, ror, rnsr }, 'the database was empty: loaded the default graph (the seed graph and the area\'s extract)');
    }
  }
  const server = createServer({ config, db, logger });
  running.server = server;
  await server.start();
  await new Promise<void>((resolve) => server.httpServer.listen(config.PORT, config.HOST, resolve));
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port }, 'listening');
  say(`API ready at http://localhost:${port}/graphql`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseStartError || error instanceof ImportRejectedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
