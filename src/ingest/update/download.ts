import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import type { z } from 'zod';

import { progress as printedProgress, type Progress } from '../progress.js';

/**
 * How `npm run update` talks to the open-data services: a download manager with a cache.
 *
 * - Files (a CORDIS export, the research directory) go to the cache folder with what the server
 *   said of them (ETag, Last-Modified, when fetched); the next run asks again with
 *   If-None-Match / If-Modified-Since, and a 304 is "unchanged": nothing downloaded, nothing to import.
 * - A download that stops (Ctrl-C, a lost connection) leaves `<name>.part`; the next attempt
 *   asks for the rest (`Range`, with `If-Range` so a file changed since starts over).
 * - A 429 or 503 waits what `Retry-After` says (seconds or a date, at most `maxDelayMs`), other
 *   failures (5xx, a network error) back off exponentially with jitter; after `attempts` the
 *   service is reported down. Other 4xx are not retried.
 * - A JSON answer is checked against the service's documented shape: a bad payload is refused
 *   naming its URL, before anything is written.
 * A file is complete in the cache only once renamed from its `.part`: nothing half-written is
 * ever read as whole.
 */
export class ServiceError extends Error {
  constructor(
    readonly service: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DownloaderOptions {
  cacheDir: string;
  /** Sent with every request (the services ask clients to say who they are). */
  userAgent: string;
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Progress of a download (bytes) or of paged reads (records); default: printed lines on stderr. */
  progressOf?: (step: string, unit: 'records' | 'bytes') => Progress | undefined;
}

export interface CachedFile {
  file: string;
  /** False when the server said the cached copy is current (304). */
  changed: boolean;
  bytes: number;
  /** When the server last sent it (an ISO instant), and what it said of its date. */
  fetchedAt: string;
  lastModified: string | null;
}

interface CacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
  bytes: number;
  /** The validator of an unfinished `.part`, so that resuming it asks for the same version. */
  partial?: { etag: string | null; lastModified: string | null };
}

/** What a server asked to wait, in ms (`Retry-After` in seconds or as an HTTP date); null when it did not say. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class Downloader {
  readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** Requests made, by service, for the report (what the update cost each service). */
  readonly requests = new Map<string, number>();
  /** Time spent waiting on each service (requests, bodies, back-off), in ms: the report's share of the network. */
  readonly waitingMs = new Map<string, number>();

  private waited(service: string, since: number): void {
    this.waitingMs.set(service, (this.waitingMs.get(service) ?? 0) + (performance.now() - since));
  }

  get cacheDir(): string {
    return this.options.cacheDir;
  }

  constructor(private readonly options: DownloaderOptions) {
    this.attempts = options.attempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 120_000;
  }

  private progressOf(step: string, unit: 'records' | 'bytes'): Progress | undefined {
    return this.options.progressOf ? this.options.progressOf(step, unit) : printedProgress(step, undefined, 1_000, unit);
  }

  /**
   * One request with retries: `send` makes it; a 429/503 waits Retry-After, a 5xx or a network
   * error backs off; a 2xx, 206, 304 or 416 is returned to the caller, another 4xx is a ServiceError.
   */
  private async request(service: string, url: string, init: RequestInit): Promise<Response> {
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.attempts; attempt += 1) {
      this.requests.set(service, (this.requests.get(service) ?? 0) + 1);
      let response: Response;
      try {
        response = await fetch(url, { ...init, headers: { 'user-agent': this.options.userAgent, ...(init.headers as Record<string, string>) } });
      } catch (error) {
        const cause = (error as { cause?: Error & { code?: string } }).cause;
        lastProblem = `${(error as Error).message}${cause ? ` (${cause.message})` : ''}`;
        // An unknown host is not a passing failure: offline, or a wrong address. Said at once.
        if (cause?.code === 'ENOTFOUND') throw new ServiceError(service, `${url} is not reachable: ${cause.message} (offline, or a wrong address).`);
        await sleep(this.backoff(attempt));
        continue;
      }
      if (response.ok || response.status === 304 || response.status === 416) return response;
      await response.body?.cancel();
      lastProblem = `HTTP ${response.status}`;
      if (response.status === 429 || response.status === 503) {
        const asked = retryAfterMs(response.headers.get('retry-after'));
        if (asked !== null && asked > this.maxDelayMs) break;
        await sleep(asked ?? this.backoff(attempt));
        continue;
      }
      if (response.status >= 500) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw new ServiceError(service, `${url} answered ${lastProblem}.`);
    }
    throw new ServiceError(service, `${url} is not reachable (${lastProblem}) after ${this.attempts} attempts.`);
  }

  private backoff(attempt: number): number {
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return delay / 2 + Math.random() * (delay / 2);
  }

  /** The JSON at `url`, checked against `schema`; a bad payload is a ServiceError naming the URL. */
  async json<T>(service: string, url: string, schema: z.ZodType<T>): Promise<T> {
    const since = performance.now();
    let body: unknown;
    try {
      const response = await this.request(service, url, { headers: { accept: 'application/json' } });
      try {
        body = await response.json();
      } catch {
        throw new ServiceError(service, `${url} did not answer JSON.`);
      }
    } finally {
      this.waited(service, since);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ServiceError(service, `${url} answered a payload of an unexpected shape (${issue.path.join('.') || 'the answer'}: ${issue.message}); nothing was written.`);
    }
    return parsed.data;
  }

  /**
   * The file at `url` in the cache as `name`: asked again only if changed (conditional request),
   * resumed where an earlier attempt stopped, complete or not there at all.
   */
  async file(service: string, name: string, url: string): Promise<CachedFile> {
    const since = performance.now();
    try {
      return await this.fileOnce(service, name, url);
    } finally {
      this.waited(service, since);
    }
  }

  private async fileOnce(service: string, name: string, url: string): Promise<CachedFile> {
    const folder = this.options.cacheDir;
    await mkdir(folder, { recursive: true });
    const target = join(folder, name);
    const part = `${target}.part`;
    const metaFile = `${target}.json`;
    const readMeta = async () => (existsSync(metaFile) ? (JSON.parse(await readFile(metaFile, 'utf8')) as CacheEntry) : null);

    for (let round = 1; round <= this.attempts; round += 1) {
      const meta = await readMeta();
      const complete = meta !== null && meta.url === url && meta.bytes > 0 && existsSync(target);
      const had = existsSync(part) && meta?.url === url && meta.partial ? (await stat(part)).size : 0;
      const headers: Record<string, string> = {};
      if (had > 0) {
        headers.range = `bytes=${had}-`;
        const validator = meta!.partial!.etag ?? meta!.partial!.lastModified;
        if (validator) headers['if-range'] = validator;
      } else if (complete) {
        if (meta.etag) headers['if-none-match'] = meta.etag;
        if (meta.lastModified) headers['if-modified-since'] = meta.lastModified;
      }
      const response = await this.request(service, url, { headers });
      if (response.status === 304 && complete) {
        return { file: target, changed: false, bytes: meta.bytes, fetchedAt: meta.fetchedAt, lastModified: meta.lastModified };
      }
      if (response.status === 304) throw new ServiceError(service, `${url} answered 304 to a request that asked for the whole file.`);
      if (response.status === 416) {
        // The part is no longer a prefix of what the server has: start over.
        await rm(part, { force: true });
        continue;
      }
      const resumed = response.status === 206 && had > 0;
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      const length = Number(response.headers.get('content-length') ?? NaN);
      const total = resumed ? had + length : length;
      const entry: CacheEntry = { url, etag, lastModified, fetchedAt: new Date().toISOString(), bytes: 0, partial: { etag, lastModified } };
      await writeFile(metaFile, JSON.stringify(complete ? { ...meta, partial: entry.partial } : entry, null, 2));
      const shown = this.progressOf(`Downloading ${name}${resumed ? ` (resumed after ${had} bytes)` : ''}`, 'bytes');
      let written = resumed ? had : 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          shown?.tick(chunk.length, written, Number.isFinite(total) ? total : undefined);
          callback(null, chunk);
        },
      });
      try {
        if (!response.body) throw new Error('no body');
        await pipeline(Readable.fromWeb(response.body as WebReadableStream), counter, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
      } catch {
        // The connection dropped: keep the part, ask for the rest.
        shown?.finish();
        await sleep(this.backoff(round));
        continue;
      }
      shown?.finish();
      if (Number.isFinite(total) && written !== total) {
        await sleep(this.backoff(round));
        continue;
      }
      await rename(part, target);
      const done: CacheEntry = { url, etag, lastModified, fetchedAt: entry.fetchedAt, bytes: written };
      await writeFile(metaFile, JSON.stringify(done, null, 2));
      return { file: target, changed: true, bytes: written, fetchedAt: done.fetchedAt, lastModified };
    }
    throw new ServiceError(service, `${url}: the download did not complete after ${this.attempts} attempts; what arrived is kept to resume from.`);
  }

  /** Writes a JSON answer assembled from pages (the ROR records of the area) to the cache, whole or not at all. */
  async store(name: string, content: string): Promise<{ file: string; changed: boolean }> {
    await mkdir(this.options.cacheDir, { recursive: true });
    const target = join(this.options.cacheDir, name);
    const before = existsSync(target) ? await readFile(target, 'utf8') : null;
    if (before === content) return { file: target, changed: false };
    await writeFile(`${target}.part`, content);
    await rename(`${target}.part`, target);
    return { file: target, changed: true };
  }
}
