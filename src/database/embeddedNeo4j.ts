import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { projectRoot } from './projectRoot.js';

/**
 * The embedded default database: a Neo4j Community DBMS whose jars Maven resolves from
 * Maven Central (neo4j-embedded/pom.xml), run by a small Java launcher as a child process.
 * The child stops on SIGTERM and also when our end of its stdin closes, so even a crash of
 * this process leaves no Java behind.
 */
const mavenProject = join(projectRoot, 'neo4j-embedded');
const launcherJar = join(mavenProject, 'target', 'neo4j-embedded-1.0.0.jar');
const libraryFolder = join(mavenProject, 'target', 'lib');

export interface EmbeddedOptions {
  dataDirectory: string;
  port: number;
  heap: string;
  pageCacheMiB: number;
  password?: string;
  log?: (line: string) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  /** The Java process (tests pause it to play a hung database). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export function isEmbeddedBuilt(): boolean {
  return existsSync(launcherJar) && existsSync(libraryFolder);
}

/**
 * Runs the Maven build when the launcher is missing. Maven's own output is quiet (-q), so a
 * progress line is printed every ten seconds: a first build downloads about 200 jars.
 */
export async function buildEmbeddedNeo4j(log: (line: string) => void = console.log): Promise<void> {
  if (isEmbeddedBuilt()) return;
  log('Building the embedded Neo4j (first run only: Maven downloads Neo4j 5.26 from Maven Central)...');
  const started = Date.now();
  const child = spawn('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: mavenProject, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ticker = setInterval(() => log(`  still building the embedded Neo4j... ${Math.round((Date.now() - started) / 1000)} s`), 10_000);
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.on('error', (error) => reject(new Error(`Cannot run Maven (mvn): ${error.message}. Install Maven 3 and Java 17.`)));
    child.on('exit', resolveExit);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) throw new Error(`The Maven build of neo4j-embedded failed (exit ${code}):\n${output.slice(-4000)}`);
  log(`Embedded Neo4j built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** Starts the DBMS and resolves once Bolt answers; rejects with the launcher's output if it dies. */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  await buildEmbeddedNeo4j(options.log);
  const javaCheck = spawnSync('java', ['-version']);
  if (javaCheck.error) throw new Error('Cannot run java: install Java 17 to use the embedded Neo4j, or set NEO4J_URI.');
  mkdirSync(options.dataDirectory, { recursive: true });
  const classPath = `${launcherJar}:${join(libraryFolder, '*')}`;
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      '-XX:+UseG1GC',
      '-cp',
      classPath,
      'org.montpellierai.embedded.EmbeddedNeo4j',
      options.dataDirectory,
      String(options.port),
      String(options.pageCacheMiB),
      '--exit-with-parent',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NEO4J_EMBEDDED_PASSWORD: options.password ?? '' },
    },
  );
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));

  const uri = await new Promise<string>((resolveReady, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      const match = /^READY (bolt:\/\/\S+)/.exec(line);
      if (match) resolveReady(match[1]!);
    });
    child.on('error', reject);
    void exited.then((code) =>
      reject(new Error(`The embedded Neo4j stopped during start-up (exit ${code}):\n${recent.join('\n')}`)),
    );
  });
  const announcement = join(options.dataDirectory, RUNNING_FILE);
  writeFileSync(announcement, `${JSON.stringify({ uri, pid: child.pid })}\n`);
  const forget = () => rmSync(announcement, { force: true });
  void exited.then(forget);
  return {
    uri,
    pid: child.pid,
    stop: async () => {
      forget();
      await stopChild(child, exited);
    },
  };
}

/** Where a running embedded Neo4j says, in its data folder, where it listens (removed when it stops). */
const RUNNING_FILE = 'bolt.json';

/** The embedded Neo4j running on a data folder, as it announced itself, if its process is alive. */
export function readRunningEmbedded(dataDirectory: string): { uri: string; pid: number } | null {
  try {
    const running = JSON.parse(readFileSync(join(dataDirectory, RUNNING_FILE), 'utf8')) as { uri?: unknown; pid?: unknown };
    if (typeof running.uri !== 'string' || !/^bolt:\/\/(?:127\.0\.0\.1|localhost):\d+$/.test(running.uri) || typeof running.pid !== 'number') return null;
    process.kill(running.pid, 0);
    return { uri: running.uri, pid: running.pid };
  } catch {
    return null;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
