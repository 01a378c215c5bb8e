import { createHash } from 'node:crypto';
import { gzip } from 'node:zlib';

import { LRUCache } from 'lru-cache';

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
  /** The answer's validator (`answerEtag` of its data). */
  etag: string;
  /** What the operation counts against a caller's rate limit (limits/nodeBudget.ts). */
  points: number;
  /** The operation's name as the document gives it (for the metrics of a hit). */
  operationName: string | null;
}

/**
 * Answers from this size are also kept gzip-compressed, for the clients that accept it (browsers,
 * fetch, curl --compressed): a large answer of the graph (a map, a nested read) is mostly repeated
 * keys and names, and shrinks eight to forty times. Below it, an answer fits in a packet or two.
 */
export const COMPRESSED_FROM_BYTES = 4 * 1024;

/** The body of a hit: the stored data (as JSON text) with the extensions every hit of this key carries. */
export function hitBody(dataJson: string, cost: unknown, version: number): Buffer {
  return Buffer.from(`{"data":${dataJson},"extensions":${JSON.stringify({ roundTrips: 0, cost, cache: { status: 'HIT', dataVersion: version } })}}`);
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
 * The ETag of an answer: a weak validator (`W/"..."`), a digest of its data alone. It changes
 * when the answer does, and only then: another data version, an unrelated edit, a hit or a
 * miss, gzip or not leave it as it is while the data read the same, since what differs
 * between those bodies (`extensions`: cache status, round trips, cost) says how the answer
 * was made, not what it is: "weak" says exactly that (RFC 9110, 8.8.1).
 */
export function answerEtag(dataJson: string): string {
  return `W/"${createHash('sha256').update(dataJson).digest('base64url').slice(0, 32)}"`;
}

/**
 * Whether an If-None-Match header names this answer's ETag (a list; weak comparison, as
 * If-None-Match asks): the client holds the answer. `*` ("any current representation") counts
 * for a GET only: a POST carries its operation in its body, and `*` says nothing of which
 * answer the client holds.
 */
export function namesEtag(ifNoneMatch: string | null | undefined, etag: string, method: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === opaque || (trimmed === '*' && (method === 'GET' || method === 'HEAD'));
  });
}
