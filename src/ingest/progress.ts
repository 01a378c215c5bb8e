/**
 * The progress line every import prints while it works (to stderr, at most once a second):
 * what it does, how many records so far, records per second, elapsed time and, when the
 * total is known (bytes of a file, rows of a batch), the estimated time left.
 */
export interface Progress {
  /** Counts `records` more; `done`/`total` (any unit, e.g. bytes) give the ETA when known. */
  tick(records: number, done?: number, total?: number): void;
  /** Prints the last line of this step. */
  finish(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(1)} s`;
}

export function progress(step: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), intervalMs = 1_000): Progress {
  const started = Date.now();
  let records = 0;
  let last = 0;
  let fraction: number | undefined;
  const line = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? records / elapsed : 0;
    const eta = fraction !== undefined && fraction > 0 && fraction < 1 ? `, about ${duration((elapsed / fraction) * (1 - fraction))} left` : '';
    return `${step}: ${records.toLocaleString('en')} records, ${Math.round(rate).toLocaleString('en')}/s, ${duration(elapsed)}${eta}`;
  };
  return {
    tick(count, done, total) {
      records += count;
      if (done !== undefined && total) fraction = done / total;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        write(line());
      }
    },
    finish() {
      fraction = undefined;
      write(`${line()}, done`);
    },
  };
}
