import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import type { Database } from '../../src/database/database.js';
import { retryingRead } from '../../src/database/runQuery.js';

const runner = { db: {} as Database };
const transient = () => new Neo4jError('database briefly unavailable', 'Neo.TransientError.General.DatabaseUnavailable', '', '');

describe('a read after a transient error', () => {
  it('is tried again until it succeeds', async () => {
    let attempts = 0;
    const answer = await retryingRead(runner, async () => {
      attempts += 1;
      if (attempts < 3) throw transient();
      return 'rows';
    });
    expect(answer).toBe('rows');
    expect(attempts).toBe(3);
  });

  it('is not tried again after an error that would happen again (a syntax error, a timeout)', async () => {
    let attempts = 0;
    const failing = retryingRead(runner, async () => {
      attempts += 1;
      throw new Neo4jError('bad query', 'Neo.ClientError.Statement.SyntaxError', '', '');
    });
    await expect(failing).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
    expect(attempts).toBe(1);
  });

  it('stops when the request is aborted', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const failing = retryingRead({ ...runner, signal: controller.signal }, async () => {
      attempts += 1;
      controller.abort();
      throw transient();
    });
    await expect(failing).rejects.toBeInstanceOf(Neo4jError);
    expect(attempts).toBe(1);
  });
});
