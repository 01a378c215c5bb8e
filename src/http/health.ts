import type { FastifyInstance } from 'fastify';

import { pingDatabase, type Database } from '../database/database.js';

/**
 * /healthz: the process is up (no database work, for liveness probes).
 * /readyz: Neo4j answers a trivial query within two seconds (for load balancers); 503 when
 * it does not, with the reason.
 */
export function healthRoutes(db: Database, isStopping: () => boolean): (fastify: FastifyInstance) => void {
  return (fastify) => {
    fastify.get('/healthz', async () => ({ status: 'ok' }));
    fastify.get('/readyz', async (_request, reply) => {
      if (isStopping()) return reply.code(503).send({ status: 'stopping' });
      try {
        await pingDatabase(db);
        return { status: 'ready', database: 'up' };
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable', database: 'down', reason: (error as Error).message.split('\n')[0] });
      }
    });
  };
}
