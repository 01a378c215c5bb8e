import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DataVersionClock } from '../../src/cache/dataVersionClock.js';
import { KnownRoles } from '../../src/cache/knownRoles.js';

/** A version reader whose reads the test answers one by one, as Neo4j would, later. */
function controlledReader() {
  const reads: Array<{ resolve(version: number): void; reject(error: Error): void }> = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      reads.push({ resolve, reject });
    });
  return { read, reads };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DataVersionClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('knows no version until one is read, and starts that read itself', async () => {
    const { read, reads } = controlledReader();
    const clock = new DataVersionClock(100, read, 1_000);
    expect(clock.fresh()).toBeNull();
    expect(reads).toHaveLength(1);
    expect(clock.fresh()).toBeNull();
    expect(reads).toHaveLength(1); // one read at a time
    reads[0]!.resolve(7);
    await settle();
    expect(clock.fresh()).toBe(7);
  });

  it('reads ahead past half its bound while still serving, and never serves past the bound', async () => {
    const { read, reads } = controlledReader();
    const clock = new DataVersionClock(100, read, 1_000);
    const first = clock.current();
    reads[0]!.resolve(1);
    expect(await first).toBe(1);

    vi.advanceTimersByTime(40);
    expect(clock.fresh()).toBe(1);
    expect(reads).toHaveLength(1); // young: no read

    vi.advanceTimersByTime(20); // 60 ms old
    expect(clock.fresh()).toBe(1);
    expect(reads).toHaveLength(2); // read ahead, in the background
    expect(clock.fresh()).toBe(1);
    expect(reads).toHaveLength(2);

    vi.advanceTimersByTime(50); // 110 ms old, the read ahead not back yet
    expect(clock.fresh()).toBeNull();
    reads[1]!.resolve(2);
    await settle();
    // Dated from when the read began (60 ms), so 50 ms old now.
    expect(clock.fresh()).toBe(2);
    vi.advanceTimersByTime(50);
    expect(clock.fresh()).toBeNull();
  });

  it('does not date a version read before a write through this instance after it', async () => {
    const { read, reads } = controlledReader();
    const clock = new DataVersionClock(100, read, 1_000);
    const before = clock.current();
    clock.forget(); // a write while the read is under way
    const after = clock.current();
    expect(reads).toHaveLength(2); // the read after the write does not join the one before it
    reads[0]!.resolve(4);
    expect(await before).toBe(4);
    expect(clock.fresh()).toBeNull();
    reads[1]!.resolve(5);
    expect(await after).toBe(5);
    expect(clock.fresh()).toBe(5);
  });

  it('with a bound of 0, gives every answer a read begun after it came, shared by those that came meanwhile, and never reads ahead', async () => {
    const { read, reads } = controlledReader();
    const clock = new DataVersionClock(0, read, 1_000);
    expect(clock.fresh()).toBeNull();
    expect(reads).toHaveLength(0);
    const first = clock.current();
    const second = clock.current(); // came with the first, before any read began: they share one
    await settle();
    expect(reads).toHaveLength(1);
    const third = clock.current(); // came while that read was under way: it may not use it
    await settle();
    expect(reads).toHaveLength(1); // one read at a time: the next begins when this one ends
    reads[0]!.resolve(3);
    expect([await first, await second]).toEqual([3, 3]);
    await settle();
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(4);
    expect(await third).toBe(4);
    expect(clock.fresh()).toBeNull();
  });

  it('keeps a failed read ahead to itself and tries again on the next request', async () => {
    const { read, reads } = controlledReader();
    const clock = new DataVersionClock(100, read, 1_000);
    expect(clock.fresh()).toBeNull();
    reads[0]!.reject(new Error('Neo4j is away'));
    await settle();
    expect(clock.fresh()).toBeNull();
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(9);
    await settle();
    expect(clock.fresh()).toBe(9);
  });

  it('gives a read ahead a deadline of its own', async () => {
    const signals: AbortSignal[] = [];
    const clock = new DataVersionClock(
      100,
      (signal) => {
        signals.push(signal!);
        return new Promise<number>(() => undefined); // a hung database
      },
      20,
    );
    clock.fresh();
    expect(signals[0]!.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signals[0]!.aborted).toBe(true);
  });
});

describe('KnownRoles', () => {
  it('reads each key\'s role with that key, keeps it by key within the bound, and forgets them all on a write', async () => {
    const asked: string[] = [];
    const roles = new KnownRoles(
      60_000,
      async (credential) => {
        asked.push(credential);
        return credential === 'curator-token' ? 'CURATOR' : 'ANONYMOUS';
      },
      1_000,
    );
    expect(await roles.current('curator-token')).toBe('CURATOR');
    expect(await roles.current('not-a-key')).toBe('ANONYMOUS');
    expect(roles.fresh('curator-token')).toBe('CURATOR');
    expect(asked).toEqual(['curator-token', 'not-a-key']);
    roles.remember('admin-token', 'ADMIN'); // read by Apollo's path
    expect(roles.fresh('admin-token')).toBe('ADMIN');
    roles.forget();
    expect(roles.fresh('curator-token')).toBeNull(); // and a read starts
    await settle();
    expect(asked).toEqual(['curator-token', 'not-a-key', 'curator-token']);
    expect(roles.fresh('curator-token')).toBe('CURATOR');
  });
});
