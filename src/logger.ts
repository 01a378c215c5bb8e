import { destination, pino, type Logger } from 'pino';

/** Structured JSON logs on stdout; each request logs through a child carrying its request id. */
/** The process's logger: JSON lines on standard output, or on standard error with `toStderr` (when standard output carries a protocol). */
export function createLogger(level: string, toStderr = false): Logger {
  return pino({ level, base: { service: 'montpellier-ai-graph' } }, toStderr ? destination(2) : undefined);
}

export type { Logger };
