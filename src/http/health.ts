import type { Router } from 'express';
import express from 'express';

import { pingDatabase, type Database } from '../database/database.js';

/**
 * /healthz: the process is up (no database work, for liveness probes).
 * /readyz: Neo4j answers a trivial query within two seconds (for load balancers); 503 when
 * it does not, with the reason.
 */
export function healthRoutes(db: Database, isStopping: () => boolean): Router {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    if (isStopping()) {
      response.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      await pingDatabase(db);
      response.json({ status: 'ready', database: 'up' });
    } catch (error) {
      response.status(503).json({ status: 'unavailable', database: 'down', reason: (error as Error).message.split('\n')[0] });
    }
  });
  return router;
}
