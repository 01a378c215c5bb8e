import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

import type { Database } from '../database/database.js';
import { credentialDigest, credentialOf } from '../domains/curation/apiKeys.js';
import { authenticate } from '../domains/curation/authorization.js';
import { ErrorCode } from '../errors.js';
import { sendErrors } from './errorResponse.js';

/**
 * Per-client budget of points over a fixed window (after GitHub's and Shopify's): a client is
 * its API key (`Authorization: Bearer` or `x-api-key`) when it sends a valid one, else its
 * address (a made-up token on each request would otherwise be a fresh allowance each time).
 * A request counts one point on arrival; a GraphQL operation then counts what it costs
 * (limits/nodeBudget.ts: one per hundred nodes it may return, at least one), known before it runs, and
 * is refused when that is more than the budget left. A 304 answered from the response cache
 * (nothing ran) counts nothing. Over the budget, the answer is 429 with a RATE_LIMITED error
 * and Retry-After; every answer carries x-ratelimit-limit/-remaining/-used/-reset. A client also has at most `maxInFlight` requests in
 * flight at once (in this instance): past that, 429 at once, so that one client's slow
 * questions (ego networks, maps) cannot hold every database connection while others wait. The store is pluggable so that several API instances
 * can share one (e.g. Redis); the default keeps counts in this process's memory.
 */
export interface RateLimitStore {
  /** Counts `points` (one when not given; negative to give back) for `key` in the current window; returns the total and when the window ends (ms epoch). */
  hit(key: string, windowMs: number, points?: number): Promise<{ count: number; resetAt: number }>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number, points = 1) {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count = Math.max(0, window.count + points);
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

/** A caller's budget after this request, as the x-ratelimit-* headers give it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the window ends (ISO 8601). */
  resetAt: string;
  /** What this request counted for, in points. */
  cost: number;
  /**
   * Counts this request as `points` in all (instead of the one point of its arrival), and
   * updates the state and the headers; a later call replaces the count. Refuses, changing
   * nothing, when the points beyond the first are more than the budget left.
   */
  charge(points: number): Promise<{ accepted: boolean }>;
}

export function rateLimit(options: {
  limit: number;
  windowMs: number;
  store: RateLimitStore;
  isApiKey: (credential: string) => Promise<boolean>;
  /** Requests a client may have in flight at once; 0 for no bound. */
  maxInFlight?: number;
  onReject?: () => void;
}): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const inFlight = new Map<string, number>();
  const maxInFlight = options.maxInFlight ?? 0;
  // An onRequest hook: it counts before the body is read. A thrown error goes to the error handler.
  return async (request, reply) => {
    if (options.limit <= 0 || request.method === 'OPTIONS') return;
    const credential = credentialOf(request.headers);
    const key = credential && (await options.isApiKey(credential)) ? `key:${credentialDigest(credential)}` : `ip:${request.ip || 'unknown'}`;
    const { count, resetAt } = await options.store.hit(key, options.windowMs);
    const state: RateLimitState = {
      limit: options.limit,
      remaining: 0,
      resetAt: new Date(resetAt).toISOString(),
      cost: 1,
      charge: async (points) => {
        const more = points - state.cost;
        if (more > 0 && more > state.remaining) return { accepted: false };
        if (more !== 0) show((await options.store.hit(key, options.windowMs, more)).count);
        state.cost = points;
        return { accepted: true };
      },
    };
    const show = (used: number) => {
      state.remaining = Math.max(0, options.limit - used);
      if (reply.sent || reply.raw.headersSent) return;
      reply.raw.setHeader('x-ratelimit-limit', String(options.limit));
      reply.raw.setHeader('x-ratelimit-remaining', String(state.remaining));
      reply.raw.setHeader('x-ratelimit-used', String(Math.min(used, options.limit)));
      reply.raw.setHeader('x-ratelimit-reset', String(Math.ceil(resetAt / 1000)));
    };
    show(count);
    // For Query.rateLimit, the response cache and the operation's cost: the same budget as the headers say.
    request.rateLimit = state;
    if (count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      options.onReject?.();
      reply.raw.setHeader('retry-after', String(retryAfter));
      await sendErrors(reply, 429, [
        {
          message: `Rate limit of ${options.limit} points per ${options.windowMs / 1000} s used up; retry after ${retryAfter} s.`,
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfter },
        },
      ]);
      return;
    }
    const running = inFlight.get(key) ?? 0;
    if (maxInFlight > 0 && running >= maxInFlight) {
      options.onReject?.();
      reply.raw.setHeader('retry-after', '1');
      await sendErrors(reply, 429, [
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
      reply.raw.once('close', () => {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left <= 0) inFlight.delete(key);
        else inFlight.set(key, left);
      });
    }
  };
}
