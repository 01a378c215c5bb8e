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

/** A count of bytes as a person reads it: `12.4 MB`. */
function bytes(count: number): string {
  if (count < 1_000) return `${Math.round(count)} B`;
  if (count < 1_000_000) return `${(count / 1_000).toFixed(1)} kB`;
  return `${(count / 1_000_000).toFixed(1)} MB`;
}

/** With `unit` `bytes` (a download), counts and rates read as bytes (`12.4 MB, 3.1 MB/s`). */
export function progress(step: string, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), intervalMs = 1_000, unit: 'records' | 'bytes' = 'records'): Progress {
  const started = Date.now();
  let records = 0;
  let last = 0;
  let fraction: number | undefined;
  const line = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? records / elapsed : 0;
    const eta = fraction !== undefined && fraction > 0 && fraction < 1 ? `, about ${duration((elapsed / fraction) * (1 - fraction))} left` : '';
    const counted = unit === 'bytes' ? `${bytes(records)}, ${bytes(rate)}/s` : `${records.toLocaleString('en')} records, ${Math.round(rate).toLocaleString('en')}/s`;
    return `${step}: ${counted}, ${duration(elapsed)}${eta}`;
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
