import { describe, expect, it } from 'vitest';

import { readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { testEnvironment } from '../helpers/testApi.js';

describe('graceful shutdown under load', () => {
  it('lets in-flight requests finish, refuses new ones, and never answers half-way', async () => {
    const config = readConfig(testEnvironment({ RATE_LIMIT_PER_MINUTE: '0' }));
    const db = await openDatabase(config);
    const server = createServer({ config, db, logger: createLogger('silent') });
    await server.start();
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    const address = server.httpServer.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    const ask = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ egoNetwork(center: "montpellier-metropole", depth: 3, limit: 500) { nodes { entity { name } } edges { type } } }' }),
      });

    let arrived = 0;
    const allArrived = new Promise<void>((resolve) =>
      server.httpServer.on('request', () => {
        arrived += 1;
        if (arrived === 12) resolve();
      }),
    );
    const inFlight = Array.from({ length: 12 }, ask);
    await allArrived;
    const stopped = server.stop();
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      const body = (await answer.json()) as { data: { egoNetwork: { nodes: unknown[] } }; errors?: unknown };
      expect(JSON.stringify(body.errors)).toBeUndefined();
      expect(answer.status).toBe(200);
      expect(body.data.egoNetwork.nodes.length).toBeGreaterThan(20);
    }
    await stopped;
    await expect(ask()).rejects.toThrow();
    await db.close();
  });
});
