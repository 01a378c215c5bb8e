/** Reads a value from Neo4j; the signal stops the read. */
export type Reader<T> = (signal?: AbortSignal) => Promise<T>;

/**
 * A value read from the database and trusted for `ttlMs`: the data version, a key's role. Read at
 * most once every `ttlMs` (0: every use waits for a read begun after it came), one read at a
 * time; dated from the moment its read began, never from when the answer came back; forgotten at
 * once by a write through this instance, and a read begun before that write never dates a value
 * after it.
 *
 * Reads ahead: a value past half its bound, asked for without waiting (`fresh`), is read again in
 * the background while it still serves. Without that, every request arriving between the end of
 * the bound and the end of the next read would go through Apollo (a stored answer parsed and
 * written again); under load, with an answer of hundreds of kilobytes, that queue outlived the
 * bound itself and cost 90 % of the throughput (bench/results/large-answers.md).
 *
 * The reader is given with each call rather than kept: a key's role is read with the key's
 * credential, which is not to be held longer than its read.
 */
export class FreshValue<T> {
  private known: { value: T; at: number } | null = null;
  private generation = 0;
  private reading: { generation: number; value: Promise<T> } | null = null;
  /** With a bound of 0: the read that begins when the one under way ends, shared by the uses that came meanwhile. */
  private next: Promise<T> | null = null;

  /** `aheadTimeoutMs` bounds a background read (the request deadline, REQUEST_TIMEOUT_MS). */
  constructor(
    private readonly ttlMs: number,
    private readonly aheadTimeoutMs: number,
  ) {}

  /** The value read within the bound, or read now (joining a read begun since the last forget); the signal stops a read this call starts. */
  async current(read: Reader<T>, signal?: AbortSignal): Promise<T> {
    if (this.ttlMs === 0) return this.readBegunAfterNow(read, signal);
    if (this.known && Date.now() - this.known.at < this.ttlMs) return this.known.value;
    return this.readOnce(read, signal);
  }

  /**
   * The value read within the last `ttlMs`, without waiting: null when there is none (0 never has
   * one). Past half the bound, or with none, a read starts in the background for the uses that
   * follow (its failure is theirs to meet, when they read it themselves).
   */
  fresh(read: Reader<T>): T | null {
    if (this.ttlMs === 0) return null;
    const age = this.known ? Date.now() - this.known.at : Infinity;
    if (age >= this.ttlMs / 2 && this.reading?.generation !== this.generation) {
      this.readOnce(read, AbortSignal.timeout(this.aheadTimeoutMs)).catch(() => undefined);
    }
    return this.known && age < this.ttlMs ? this.known.value : null;
  }

  /** A value read elsewhere (by Apollo's path), dated now. */
  remember(value: T): void {
    if (this.ttlMs > 0) this.known = { value, at: Date.now() };
  }

  forget(): void {
    this.known = null;
    this.generation += 1;
  }

  /**
   * With a bound of 0, a use needs a read begun after it came: one begun before may miss a write
   * made just before it. The uses that come while a read is under way share the next one, which
   * begins when that read ends: exact, and one read at a time however many requests wait.
   */
  private readBegunAfterNow(read: Reader<T>, signal?: AbortSignal): Promise<T> {
    this.next ??= (async () => {
      await this.reading?.value.catch(() => undefined);
      this.next = null;
      return this.readOnce(read, signal);
    })();
    return this.next;
  }

  private readOnce(read: Reader<T>, signal?: AbortSignal): Promise<T> {
    if (this.ttlMs > 0 && this.reading?.generation === this.generation) return this.reading.value;
    const reading: { generation: number; value: Promise<T> } = { generation: this.generation, value: Promise.resolve(null as T) };
    this.reading = reading;
    reading.value = (async () => {
      try {
        const at = Date.now();
        const value = await read(signal);
        if (reading.generation === this.generation) this.known = { value, at };
        return value;
      } finally {
        if (this.reading === reading) this.reading = null;
      }
    })();
    return reading.value;
  }
}
