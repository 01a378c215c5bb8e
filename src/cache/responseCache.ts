import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';

import { LRUCache } from 'lru-cache';

import type { Database } from '../database/database.js';
import { runQuery } from '../database/runQuery.js';
import { credentialDigest } from '../domains/curation/apiKeys.js';
import { graphVersion } from '../network/network.cypher.js';

/**
 * Whole answers of read operations, kept by the data version they were computed at. Every
 * write and import bumps the graph's data version (GraphMeta.version), so an answer stored
 * under version V is exactly right for as long as the version is V: there is nothing to
 * invalidate, a new version simply makes new keys (old entries age out of the LRU).
 *
 * The key: the document's hash and operation name, the variables (canonical JSON), the
 * caller's role (anonymous, CURATOR, ADMIN: no entry is shared between roles) and the data
 * version. Bounded by the size in bytes of the stored answers.
 */
export interface CacheStats {
  hits: number;
  /** Hits answered before Apollo (cachedAnswerRoute.ts). */
  early: number;
  misses: number;
  evictions: number;
  bytes: number;
  entries: number;
}

/**
 * A stored answer as a hit sends it: the whole body (`{"data":...,"extensions":{...}}`, UTF-8
 * bytes), since every part of it, the HIT status and the data version included, is fixed by the
 * key; and, for an answer of COMPRESSED_FROM_BYTES or more, the same bytes gzip-compressed, once,
 * after it was stored.
 */
export interface CachedAnswer {
  body: Buffer;
  gzipped?: Buffer;
  /** The operation's name as the document gives it (for the metrics of a hit). */
  operationName: string | null;
}

/**
 * Answers from this size are also kept gzip-compressed, for the clients that accept it (browsers,
 * fetch, curl --compressed): a large answer of the graph (a map, a nested read) is mostly repeated
 * keys and names, and shrinks eight to forty times. Below it, an answer fits in a packet or two.
 */
export const COMPRESSED_FROM_BYTES = 4 * 1024;

/** The body of a hit: the stored data with the extensions every hit of this key carries. */
export function hitBody(data: unknown, cost: unknown, version: number): Buffer {
  return Buffer.from(JSON.stringify({ data, extensions: { roundTrips: 0, cost, cache: { status: 'HIT', dataVersion: version } } }));
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedAnswer> | null;
  readonly stats = { hits: 0, early: 0, misses: 0, evictions: 0 };

  constructor(maxMiB: number) {
    this.entries =
      maxMiB > 0
        ? new LRUCache<string, CachedAnswer>({
            maxSize: Math.floor(maxMiB * 1024 * 1024),
            sizeCalculation: (value, key) => value.body.length + (value.gzipped?.length ?? 0) + key.length + 128,
            dispose: (_value, _key, reason) => {
              if (reason === 'evict') this.stats.evictions += 1;
            },
          })
        : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /** The stored answer (a hit), or undefined (a miss); both are counted. */
  get(key: string): CachedAnswer | undefined {
    const found = this.entries?.get(key);
    if (found === undefined) this.stats.misses += 1;
    else this.stats.hits += 1;
    return found;
  }

  /** For the HTTP fast path: the stored answer, counted as an early hit; an absent one is not counted (the request goes on to Apollo, which looks again). */
  findEarly(key: string): CachedAnswer | undefined {
    const found = this.entries?.get(key);
    if (found !== undefined) {
      this.stats.hits += 1;
      this.stats.early += 1;
    }
    return found;
  }

  /** Stores an answer; a large one is compressed in the background (zlib's thread pool) and kept beside it, if it is still held then. */
  set(key: string, answer: CachedAnswer): void {
    if (!this.entries) return;
    this.entries.set(key, answer);
    if (answer.body.length < COMPRESSED_FROM_BYTES) return;
    gzip(answer.body, (error, gzipped) => {
      // The entry may have been evicted, or replaced, meanwhile; a failed compression leaves the plain answer.
      if (!error && this.entries?.peek(key) === answer) this.entries.set(key, { ...answer, gzipped }, { noUpdateTTL: true });
    });
  }

  snapshot(): CacheStats {
    return { ...this.stats, bytes: this.entries?.calculatedSize ?? 0, entries: this.entries?.size ?? 0 };
  }
}

/** JSON with object keys sorted, so that the same variables always make the same key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function cacheKey(parts: { queryHash: string; operationName: string | null; variables: unknown; role: string; version: number }): string {
  return createHash('sha256')
    .update(canonicalJson([parts.queryHash, parts.operationName, parts.variables ?? {}, parts.role, parts.version]))
    .digest('base64url');
}

/**
 * The ETag of an answer: a digest of its key (operation, variables, role, data version); its
 * gzip-compressed bytes are another representation, with `-gzip` before the closing quote.
 */
export function etagOf(key: string, coding: 'identity' | 'gzip' = 'identity'): string {
  return `"${key.slice(0, 32)}${coding === 'gzip' ? '-gzip' : ''}"`;
}

/** Whether an If-None-Match header names this answer's ETag, in either coding (a list, weak or not, or `*`): the client holds the answer. */
export function namesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '').replace(/-gzip"$/, '"');
    return trimmed === '*' || trimmed === etag;
  });
}

/** Reads the graph's data version from Neo4j; the signal stops the read. */
export type VersionReader = (signal?: AbortSignal) => Promise<number>;

/** The data version as stored in Neo4j (GraphMeta.version; 0 before any write). */
export function versionReader(db: Database): VersionReader {
  return async (signal) => {
    const [row] = await runQuery({ db, signal }, graphVersion);
    return (row?.version as number) ?? 0;
  };
}

/**
 * The data version as this instance knows it. Read from Neo4j at most once every `ttlMs`
 * (0: for every cached read, each its own read), one read at a time; a write made through this instance
 * forgets it at once, so the instance never serves an answer older than its own writes, and
 * a write made elsewhere (another instance, an import) is seen within `ttlMs`. A version is
 * dated from the moment its read began, never from when the answer came back.
 *
 * Reads ahead: a version past half its bound, asked for by the HTTP fast path, is read again in
 * the background while it still serves. Without that, every request arriving between the end of
 * the bound and the end of the next read would go through Apollo (a stored answer parsed and
 * written again); under load, with an answer of hundreds of kilobytes, that cost 90 % of the
 * throughput (bench/results/large-answers.md).
 */
export class DataVersionClock {
  private known: { version: number; at: number } | null = null;
  /** Bumped by every forget(): a read begun before a write through this instance never dates a version after it. */
  private generation = 0;
  private reading: { generation: number; version: Promise<number> } | null = null;

  /** `aheadTimeoutMs` bounds a background read (the request deadline, REQUEST_TIMEOUT_MS). */
  constructor(
    private readonly ttlMs: number,
    private readonly read: VersionReader,
    private readonly aheadTimeoutMs: number,
  ) {}

  /** The version read within the bound, or read now (joining a read begun since the last write through this instance); the signal stops a read this call starts. */
  async current(signal?: AbortSignal): Promise<number> {
    if (this.known && Date.now() - this.known.at < this.ttlMs) return this.known.version;
    return this.readOnce(signal);
  }

  /**
   * The version read within the last `ttlMs`, without waiting: null when there is none (0 never
   * has one). Past half the bound, or with none, a read starts in the background for the requests
   * that follow.
   */
  fresh(): number | null {
    if (this.ttlMs === 0) return null;
    const age = this.known ? Date.now() - this.known.at : Infinity;
    if (age >= this.ttlMs / 2 && this.reading?.generation !== this.generation) {
      // Its failure is not this request's: a request that needs the version reads it through Apollo and answers with the error.
      this.readOnce(AbortSignal.timeout(this.aheadTimeoutMs)).catch(() => undefined);
    }
    return this.known && age < this.ttlMs ? this.known.version : null;
  }

  forget(): void {
    this.known = null;
    this.generation += 1;
  }

  private readOnce(signal?: AbortSignal): Promise<number> {
    // With a bound of 0 every answer has a read of its own: one begun before a request came may miss a write made just before it.
    if (this.ttlMs > 0 && this.reading?.generation === this.generation) return this.reading.version;
    const reading = { generation: this.generation, version: Promise.resolve(0) };
    this.reading = reading;
    reading.version = (async () => {
      try {
        const at = Date.now();
        const version = await this.read(signal);
        if (reading.generation === this.generation) this.known = { version, at };
        return version;
      } finally {
        if (this.reading === reading) this.reading = null;
      }
    })();
    return reading.version;
  }
}

/**
 * The role of each API key as this instance last found it, for the HTTP fast path: a keyed
 * request is answered before Apollo only when its key's role was read within `ttlMs` (the
 * staleness bound of the data version, RESPONSE_CACHE_VERSION_TTL_MS), so a key revoked through
 * another instance stops being served as its role within that bound, as a write made there is
 * seen within it; a write through this instance (a revocation included) forgets every role at
 * once. A credential that is no valid key is remembered as ANONYMOUS, the role the API reads it
 * with. Keys are digests, never the credentials themselves.
 */
export class KnownRoles {
  private readonly roles = new LRUCache<string, { role: string; at: number }>({ max: 10_000 });

  constructor(private readonly ttlMs: number) {}

  remember(credential: string, role: string): void {
    if (this.ttlMs > 0) this.roles.set(credentialDigest(credential), { role, at: Date.now() });
  }

  /** The role read within the bound, or null. */
  fresh(credential: string): string | null {
    const known = this.roles.get(credentialDigest(credential));
    return known && Date.now() - known.at < this.ttlMs ? known.role : null;
  }

  forget(): void {
    this.roles.clear();
  }
}
