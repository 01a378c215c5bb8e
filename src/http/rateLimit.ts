import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';

import type { Database } from '../database/database.js';
import { credentialDigest, credentialOf } from '../domains/curation/apiKeys.js';
import { authenticate } from '../domains/curation/authorization.js';
import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/**
 * Per-client rate limit over a fixed window: a client is its API key (`Authorization: Bearer`
 * or `x-api-key`) when it sends a valid one, else its address (a made-up token on each
 * request would otherwise be a fresh allowance each time). Over the limit, the answer is 429
 * with a RATE_LIMITED error and Retry-After; every answer carries
 * x-ratelimit-limit/-remaining/-reset. A client also has at most `maxInFlight` requests in
 * flight at once (in this instance): past that, 429 at once, so that one client's slow
 * questions (ego networks, maps) cannot hold every database connection while others wait. The store is pluggable so that several API instances
 * can share one (e.g. Redis); the default keeps counts in this process's memory.
 */
export interface RateLimitStore {
  /** Counts one hit for `key` in the current window; returns the count and when the window ends (ms epoch). */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count += 1;
    return { ...window };
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Whether a credential is a usable API key, remembered for a minute per credential (the rate
 * limit asks on every request; a revoked key keeps its own allowance at most that long, while
 * what it may do is checked afresh by every write). The check waits at most two seconds: when
 * the database does not answer, the request counts with its address (and is not remembered).
 */
export function apiKeyChecker(db: Database): (credential: string) => Promise<boolean> {
  const known = new LRUCache<string, boolean>({ max: 10_000, ttl: 60_000 });
  return async (credential) => {
    const digest = credentialDigest(credential);
    const cached = known.get(digest);
    if (cached !== undefined) return cached;
    let valid: boolean;
    try {
      valid = (await authenticate(credential, { runner: { db, signal: AbortSignal.timeout(2_000) } })) !== null;
    } catch {
      return false;
    }
    known.set(digest, valid);
    return valid;
  };
}

/** A caller's request budget after this request, as the x-ratelimit-* headers give it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the window ends (ISO 8601). */
  resetAt: string;
  /** What this request counted for: every request counts one. */
  cost: number;
}

export function rateLimit(options: {
  limit: number;
  windowMs: number;
  store: RateLimitStore;
  isApiKey: (credential: string) => Promise<boolean>;
  /** Requests a client may have in flight at once; 0 for no bound. */
  maxInFlight?: number;
  onReject?: () => void;
}): RequestHandler {
  const inFlight = new Map<string, number>();
  const maxInFlight = options.maxInFlight ?? 0;
  return async (request, response, next) => {
    if (options.limit <= 0 || request.method === 'OPTIONS') {
      next();
      return;
    }
    try {
      const credential = credentialOf(request.headers);
      const key = credential && (await options.isApiKey(credential)) ? `key:${credentialDigest(credential)}` : `ip:${request.ip ?? 'unknown'}`;
      const { count, resetAt } = await options.store.hit(key, options.windowMs);
      const remaining = Math.max(0, options.limit - count);
      response.setHeader('x-ratelimit-limit', String(options.limit));
      response.setHeader('x-ratelimit-remaining', String(remaining));
      response.setHeader('x-ratelimit-reset', String(Math.ceil(resetAt / 1000)));
      // For Query.rateLimit: the same budget as the headers say.
      response.locals.rateLimit = { limit: options.limit, remaining, resetAt: new Date(resetAt).toISOString(), cost: 1 } satisfies RateLimitState;
      if (count > options.limit) {
        const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
        options.onReject?.();
        response.setHeader('retry-after', String(retryAfter));
        sendErrors(response, 429, [
          {
            message: `Rate limit of ${options.limit} requests per ${options.windowMs / 1000} s exceeded; retry after ${retryAfter} s.`,
            extensions: { code: ErrorCode.RATE_LIMITED, retryAfter },
          },
        ]);
        return;
      }
      const running = inFlight.get(key) ?? 0;
      if (maxInFlight > 0 && running >= maxInFlight) {
        options.onReject?.();
        response.setHeader('retry-after', '1');
        sendErrors(response, 429, [
          {
            message: `${running} requests of this client are already in flight (at most ${maxInFlight} at once); wait for their answers.`,
            extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: 1, maxInFlight },
          },
        ]);
        return;
      }
      if (maxInFlight > 0) {
        inFlight.set(key, running + 1);
        // The response's 'close' comes once, when the answer is sent or the client is gone.
        response.once('close', () => {
          const left = (inFlight.get(key) ?? 1) - 1;
          if (left <= 0) inFlight.delete(key);
          else inFlight.set(key, left);
        });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
