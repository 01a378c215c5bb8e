import type { Database } from '../database/database.js';
import { runQuery } from '../database/runQuery.js';
import { graphVersion } from '../network/network.cypher.js';
import { FreshValue, type Reader } from './freshValue.js';

/** The data version as stored in Neo4j (GraphMeta.version; 0 before any write). */
export function versionReader(db: Database): Reader<number> {
  return async (signal) => {
    const [row] = await runQuery({ db, signal }, graphVersion);
    return (row?.version as number) ?? 0;
  };
}

/**
 * The data version as this instance knows it, read at most once every `ttlMs`
 * (RESPONSE_CACHE_VERSION_TTL_MS; 0: every cached read waits for a read begun after it came) and
 * ahead of time while requests keep coming (freshValue.ts). A write made through this instance forgets
 * it at once, so the instance never serves an answer older than its own writes; a write made
 * elsewhere (another instance, an import) is seen within `ttlMs`.
 */
export class DataVersionClock {
  private readonly version: FreshValue<number>;

  constructor(
    ttlMs: number,
    private readonly read: Reader<number>,
    aheadTimeoutMs: number,
  ) {
    this.version = new FreshValue(ttlMs, aheadTimeoutMs);
  }

  /** The version read within the bound, or read now; the signal stops a read this call starts. */
  current(signal?: AbortSignal): Promise<number> {
    return this.version.current(this.read, signal);
  }

  /** The version read within the bound, without waiting (null when there is none); past half of it, read again in the background. */
  fresh(): number | null {
    return this.version.fresh(this.read);
  }

  forget(): void {
    this.version.forget();
  }
}
