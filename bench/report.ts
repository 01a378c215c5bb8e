import type { Latency, Throughput } from './measure.js';

export interface OperationResult {
  name: string;
  roundTrips: number;
  api: Latency;
  floor: Latency | null;
  ratioToFloorP50: number | null;
  load: Throughput;
  /** With the response cache on: repeated (hits), at 1 and at 32 connections, and always missing. */
  warm: { api: Latency; load: Throughput; miss: Latency; missCostOfCold: number };
}

export interface SizeResult {
  /** Which graph (generated, or the default graph); absent in reports written before it was said. */
  graph?: string;
  organizations: number;
  people: number;
  projects: number;
  relationships: number;
  import: { seconds: number; entitiesPerSecond: number; relationshipsPerSecond: number };
  operations: OperationResult[];
  /** Absent when the nested read was not measured (`--only`). */
  peer?: {
    nestedRead: Latency;
    apiNestedReadP50: number;
    ratioApiToPeerP50: number;
    load: Throughput;
    /** The peer asked for the related lists in the API's order (the same answer). */
    sorted: { nestedRead: Latency; ratioApiToPeerP50: number };
  };
  /**
   * What a request costs with no database work: `{ __typename }` sent to the API (HTTP,
   * Fastify, Apollo Server, limits, our plugins) and to the peer's bare Apollo Server.
   */
  withoutDatabase: { api: Latency; bareApollo: Latency; bareApolloLoad: Throughput };
  apiPeakMemoryMiB: number | null;
}

interface Report {
  date: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; neo4j: string };
  settings: { samples: number; budgetSeconds: number; loadSeconds: number; connections: number };
  sizes: SizeResult[];
}

/** The Markdown table of a benchmark report: ratios first, absolute times beside them. */
export function toMarkdown(report: Report): string {
  const lines = [
    `# Benchmark ${report.date.slice(0, 10)}${report.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB; Node ${report.machine.node}; Neo4j ${report.machine.neo4j}.`,
    `Latency: up to ${report.settings.samples} sequential requests (concurrency 1, at most ${report.settings.budgetSeconds} s each, at least 10) after a warm-up, each timed to the answer's last byte (the client's parsing not counted; a cold answer and a miss timed in turn). Load: ${report.settings.connections} connections for ${report.settings.loadSeconds} s (autocannon). Times in ms.`,
    '',
  ];
  for (const size of report.sizes) {
    lines.push(
      `## ${size.graph?.startsWith('The default graph') ? 'The default graph: ' : ''}${size.organizations.toLocaleString('en')} organisations, ${size.projects.toLocaleString('en')} projects, ${size.people.toLocaleString('en')} people, ${size.relationships.toLocaleString('en')} relationships`,
      '',
      ...(size.graph ? [`${size.graph}.`, ''] : []),
      `Import: ${size.import.seconds} s (${size.import.entitiesPerSecond.toLocaleString('en')} entities/s, ${size.import.relationshipsPerSecond.toLocaleString('en')} relationships/s). API peak memory: ${size.apiPeakMemoryMiB ?? '?'} MiB.`,
      '',
      '| operation | round trips | p50 | p95 | p99 | floor p50 | API / floor (p50) | req/s at 32 | p99 at 32 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const operation of size.operations) {
      lines.push(
        `| ${operation.name} | ${operation.roundTrips} | ${operation.api.p50} | ${operation.api.p95} | ${operation.api.p99} | ${operation.floor?.p50 ?? '–'} | ${operation.ratioToFloorP50 ?? '–'} | ${operation.load.requestsPerSecond} | ${operation.load.p99} |`,
      );
    }
    lines.push(
      '',
      ...(size.peer
        ? [`Peer (@neo4j/graphql), the same nested read: p50 ${size.peer.nestedRead.p50}, p99 ${size.peer.nestedRead.p99}, ${size.peer.load.requestsPerSecond} req/s at 32. **API / peer (p50): ${size.peer.ratioApiToPeerP50}** (below 1 means the API is faster).`]
        : []),
      ...(size.peer?.sorted
        ? [
            '',
            `The peer asked for the same answer (projects and participants ordered by name, as the API always gives them): p50 ${size.peer.sorted.nestedRead.p50}, p99 ${size.peer.sorted.nestedRead.p99}. **API / peer, same order (p50): ${size.peer.sorted.ratioApiToPeerP50}**.`,
          ]
        : []),
      ...(size.withoutDatabase
        ? [
            '',
            `A request with no database work (\`{ __typename }\`): API p50 ${size.withoutDatabase.api.p50}, p99 ${size.withoutDatabase.api.p99}; a bare Apollo Server (the peer's) p50 ${size.withoutDatabase.bareApollo.p50}. This is the part of every API time above that no query shape can remove.`,
          ]
        : []),
      '',
    );
    if (size.operations.some((operation) => operation.warm) && size.withoutDatabase?.bareApolloLoad) {
      const bare = size.withoutDatabase;
      lines.push(
        `Warm (the response cache on, the same operation repeated) beside a bare Apollo Server's \`{ __typename }\` (p50 ${bare.bareApollo.p50}, ${bare.bareApolloLoad!.requestsPerSecond} req/s at 32). Targets: warm p50 within 2× the bare p50; warm req/s at 32 at least half the bare one; a miss costing under 5 % more than cold.`,
        '',
        '| operation | cold p50 | warm p50 | warm / bare p50 | warm req/s at 32 | warm / bare req/s | miss p50 | miss vs cold |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      );
      for (const operation of size.operations) {
        if (!operation.warm) continue;
        const warm = operation.warm;
        lines.push(
          `| ${operation.name} | ${operation.api.p50} | ${warm.api.p50} | ${Math.round((warm.api.p50 / bare.bareApollo.p50) * 100) / 100} | ${warm.load.requestsPerSecond} | ${Math.round((warm.load.requestsPerSecond / bare.bareApolloLoad!.requestsPerSecond) * 100) / 100} | ${warm.miss.p50} | ${warm.missCostOfCold >= 0 ? '+' : ''}${Math.round(warm.missCostOfCold * 100)} % |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
