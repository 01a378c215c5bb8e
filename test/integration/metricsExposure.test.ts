import { describe, expect, it } from 'vitest';

import { MAX_OPERATION_LABELS } from '../../src/http/metrics.js';
import { startTestApi, useTestApi } from '../helpers/testApi.js';

const api = useTestApi({ RATE_LIMIT_PER_MINUTE: '0' });

async function metricsText(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
}

describe('/metrics under made-up operation names', () => {
  it('keeps a bounded set of operation labels: long names and names past the bound count as "other"', async () => {
    const longName = (index: number) => `Op${index}_${'x'.repeat(5_000)}`;
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 30 }, (_, index) => api.current.graphql(`query ${longName(batch * 30 + index)} { __typename }`)),
      );
    }
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 30 }, (_, index) => api.current.graphql(`query Short${batch * 30 + index} { __typename }`)));
    }
    const { status, text } = await metricsText(api.current.url);
    expect(status).toBe(200);
    expect(text).not.toContain('x'.repeat(100));
    const operations = new Set([...text.matchAll(/^graphql_operations_total\{operation="([^"]*)"/gm)].map((match) => match[1]));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    expect(operations.has('other')).toBe(true);
    expect(text).toMatch(/^graphql_operations_total\{operation="other",code="OK"\} \d+$/m);
    // 600 requests with 300 long names: the text stays the size of a bounded label set.
    expect(text.length).toBeLessThan(500_000);
  });
});

describe('who may read /metrics', () => {
  it('with METRICS_TOKEN set, answers only a request that carries it', async () => {
    const guarded = await startTestApi({ METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      expect((await metricsText(guarded.url)).status).toBe(401);
      expect((await metricsText(guarded.url, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
      const allowed = await metricsText(guarded.url, { authorization: 'Bearer scrape-token-0123456789' });
      expect(allowed.status).toBe(200);
      expect(allowed.text).toMatch(/^neo4j_sessions_open \d+$/m);
    } finally {
      await guarded.stop();
    }
  });
});
