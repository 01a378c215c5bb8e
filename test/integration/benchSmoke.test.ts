import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { runScript } from '../helpers/runProcess.js';

/** Smoke only: the quick benchmark runs to the end and writes a well-formed result. No timing is asserted. */
const out = mkdtempSync(join(tmpdir(), 'mtp-ai-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('exits 0 and writes a JSON result and a Markdown table for every operation', async () => {
    const bench = runScript('bench/run.ts', ['--quick', '--out', out], {});
    const code = await bench.exited;
    expect(code, bench.output().slice(-3000)).toBe(0);
    const files = readdirSync(out);
    const json = files.find((file) => file.endsWith('.json'))!;
    expect(existsSync(join(out, json.replace(/\.json$/, '.md')))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, json), 'utf8')) as {
      quick: boolean;
      machine: { cores: number; node: string };
      sizes: Array<{ organizations: number; import: { relationshipsPerSecond: number }; operations: Array<{ name: string; roundTrips: number; api: { p50: number; p99: number; samples: number }; load: { errors: number } }>; peer: { ratioApiToPeerP50: number }; withoutDatabase: { api: { samples: number }; bareApollo: { samples: number } } }>;
    };
    expect(report.quick).toBe(true);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.sizes).toHaveLength(1);
    const [size] = report.sizes;
    expect(size!.organizations).toBe(1000);
    expect(size!.import.relationshipsPerSecond).toBeGreaterThan(0);
    expect(size!.operations.map((operation) => operation.name)).toHaveLength(8);
    for (const operation of size!.operations) {
      expect(operation.roundTrips, operation.name).toBeGreaterThan(0);
      expect(operation.api.samples).toBeGreaterThan(0);
      expect(operation.api.p99).toBeGreaterThanOrEqual(operation.api.p50);
      expect(operation.load.errors, operation.name).toBeGreaterThanOrEqual(0);
    }
    expect(size!.peer.ratioApiToPeerP50).toBeGreaterThan(0);
    expect(size!.withoutDatabase.api.samples).toBeGreaterThan(0);
    expect(size!.withoutDatabase.bareApollo.samples).toBeGreaterThan(0);
  }, 600_000);
});
