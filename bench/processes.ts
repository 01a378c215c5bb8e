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

/** An import command run as users run it (its own Node process, its own heap bound), with its time and peak resident memory. */
export async function runImportProcess(
  script: string,
  args: string[],
  environment: Record<string, string>,
  nodeArguments: string[],
): Promise<{ seconds: number; peakMiB: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArguments, '--import', 'tsx', join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...environment, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // VmHWM is the highest resident size so far: the last reading before the exit is the peak but for its last moments.
  let peakKiB = 0;
  const sampler = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
    } catch {
      // the process has just exited
    }
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`);
  return { seconds: Math.round((performance.now() - started) / 100) / 10, peakMiB: Math.round(peakKiB / 1024), output };
}
