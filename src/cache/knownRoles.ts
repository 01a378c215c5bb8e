import { LRUCache } from 'lru-cache';

import { credentialDigest } from '../domains/curation/apiKeys.js';
import { FreshValue } from './freshValue.js';

/** Reads the role the API gives a credential (ANONYMOUS for one that is no valid key); the signal stops the read. */
export type RoleReader = (credential: string, signal?: AbortSignal) => Promise<string>;

/**
 * The role of each API key as this instance knows it, for the HTTP fast path: read within `ttlMs`
 * (the staleness bound of the data version, RESPONSE_CACHE_VERSION_TTL_MS) by Apollo's path or by
 * the fast path itself, and ahead of time while the key's requests keep coming (freshValue.ts).
 * A key revoked through another instance stops being served as its role within that bound, as a
 * write made there is seen within it; a write through this instance (a revocation included)
 * forgets every role at once. A credential that is no valid key is known as ANONYMOUS, the role
 * the API reads it with. Kept by digest: a credential is held only while its role is read.
 */
export class KnownRoles {
  private readonly roles = new LRUCache<string, FreshValue<string>>({ max: 10_000 });

  constructor(
    private readonly ttlMs: number,
    private readonly read: RoleReader,
    private readonly aheadTimeoutMs: number,
  ) {}

  /** A role read by Apollo's path. */
  remember(credential: string, role: string): void {
    this.of(credential).remember(role);
  }

  /** The role read within the bound, without waiting (null when there is none); past half of it, read again in the background. */
  fresh(credential: string): string | null {
    return this.of(credential).fresh((signal) => this.read(credential, signal));
  }

  /** The role read within the bound, or read now; the signal stops a read this call starts. */
  current(credential: string, signal?: AbortSignal): Promise<string> {
    return this.of(credential).current((readSignal) => this.read(credential, readSignal), signal);
  }

  forget(): void {
    this.roles.clear();
  }

  private of(credential: string): FreshValue<string> {
    const digest = credentialDigest(credential);
    let role = this.roles.get(digest);
    if (!role) {
      role = new FreshValue<string>(this.ttlMs, this.aheadTimeoutMs);
      this.roles.set(digest, role);
    }
    return role;
  }
}
