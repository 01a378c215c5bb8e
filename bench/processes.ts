import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../src/database/projectRoot.js';

/** A server process of the benchmark (the API or the peer), run like in production: its own Node process. */
export interface ServerProcess {
  child: ChildProcess;
  /** Highest resident memory of the process so far, in MiB (Linux VmHWM). */
  peakMemoryMiB(): number | null;
  stop(): Promise<void>;
}

export async function startServerProcess(script: string, environment: Record<string, string>, ready: RegExp, nodeArguments: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArguments, '--import', 'tsx', join(projectRoot, script)], {
    cwd: projectRoot,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const check = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    peakMemoryMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmHWM:\s+(\d+) kB/.exec(status);
        return match ? Math.round(Number(match[1]) / 1024) : null;
      } catch {
        return null;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
