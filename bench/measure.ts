import autocannon from 'autocannon';

/** Latency and throughput of one GraphQL operation over HTTP on loopback. */
export interface GraphqlRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Extra headers; `accept-encoding` is `identity` unless given (fetch would ask for gzip by itself). */
  headers?: Record<string, string>;
}

const headersOf = (request: GraphqlRequest) => ({ 'content-type': 'application/json', 'accept-encoding': 'identity', ...request.headers });

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

export function percentiles(milliseconds: number[]): Latency {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  return { p50: at(50), p95: at(95), p99: at(99), samples: sorted.length };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** One request; fails on any error so that a broken benchmark is not reported as fast. */
export async function send(request: GraphqlRequest): Promise<{ body: { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> } }> {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: headersOf(request),
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }>; extensions?: Record<string, unknown> };
  if (response.status !== 200 || body.errors) throw new Error(`benchmark request failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return { body };
}

/**
 * One request timed from its start to its answer's last byte (decompressed, when it asked for a
 * compressed answer); the answer is checked (status 200, JSON without `errors`) after the clock stops, so that the client's own parsing of a large
 * answer is not counted as the server's time. Returns milliseconds.
 */
export async function timeRequest(request: GraphqlRequest): Promise<number> {
  const started = performance.now();
  const response = await fetch(request.url, {
    method: 'POST',
    headers: headersOf(request),
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const bytes = await response.arrayBuffer();
  const milliseconds = performance.now() - started;
  const body = JSON.parse(Buffer.from(bytes).toString('utf8')) as { errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`benchmark request failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return milliseconds;
}

/**
 * Sequential timings (concurrency 1) of any async work: a warm-up (the JVM of Neo4j and V8
 * compile hot paths), then up to `samples` runs, stopping early when `budgetSeconds` is spent
 * (at least 10 runs), so that slow operations at large sizes keep the run bounded.
 */
export async function timeSequential(work: () => Promise<unknown>, samples: number, budgetSeconds: number): Promise<Latency> {
  return timeMeasured(async () => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  }, samples, budgetSeconds);
}

/** The same, for requests timed to their last byte (timeRequest). */
export function timeRequests(request: GraphqlRequest, samples: number, budgetSeconds: number): Promise<Latency> {
  return timeMeasured(() => timeRequest(request), samples, budgetSeconds);
}

/**
 * Two or more kinds of work timed in turn (one of each, then again), each with its own warm-up:
 * this machine's speed drifts by tens of percent between minutes, so two latencies that are to
 * be compared (a cold answer and a miss of the cache) are taken from the same minutes.
 */
export async function timeInTurn<Works extends Array<() => Promise<number>>>(works: [...Works], samples: number, budgetSeconds: number): Promise<{ [K in keyof Works]: Latency }> {
  for (const work of works) for (let i = 0; i < 5; i += 1) await work();
  const timings: number[][] = works.map(() => []);
  const ends = performance.now() + budgetSeconds * works.length * 1000;
  while (timings[0]!.length < samples && (timings[0]!.length < 10 || performance.now() < ends)) {
    for (const [index, work] of works.entries()) timings[index]!.push(await work());
  }
  return timings.map(percentiles) as { [K in keyof Works]: Latency };
}

/** Sequential runs of work that measures itself (returns its milliseconds), with the warm-up and bounds above. */
async function timeMeasured(work: () => Promise<number>, samples: number, budgetSeconds: number): Promise<Latency> {
  const warmUpEnds = performance.now() + Math.min(5_000, budgetSeconds * 250);
  for (let i = 0; i < Math.max(5, samples / 4) && performance.now() < warmUpEnds; i += 1) await work();
  const timings: number[] = [];
  const ends = performance.now() + budgetSeconds * 1000;
  while (timings.length < samples && (timings.length < 10 || performance.now() < ends)) {
    timings.push(await work());
  }
  return percentiles(timings);
}

export interface Throughput {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

/** Requests per second and p99 at a fixed concurrency for a bounded time (autocannon). */
export async function throughput(request: GraphqlRequest, connections: number, seconds: number): Promise<Throughput> {
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: headersOf(request),
    body: JSON.stringify({ query: request.query, variables: request.variables }),
    connections,
    duration: seconds,
  });
  return {
    connections,
    seconds,
    requestsPerSecond: round(result.requests.average),
    p99: round(result.latency.p99),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
