import { destination, pino, type Logger } from 'pino';

/** Structured JSON logs on stdout; each request logs through a child carrying its request id. */
/** The process's logger: JSON lines on standard output, or on standard error with `toStderr` (when standard output carries a protocol). */
export function createLogger(level: string, toStderr = false): Logger {
  return pino({ level, base: { service: 'montpellier-ai-graph' } }, toStderr ? destination(2) : undefined);
}

export type { Logger };

/**
 * An error nobody handled (a rejected promise, an exception thrown from a callback) is logged as
 * a JSON line and the process goes on: one request must never end the server for everyone.
 * Every request path handles its own errors; this is the net under the ones we missed, and its
 * log line is a defect to fix.
 */
export function surviveUnexpectedErrors(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection (a defect: please report it)'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception (a defect: please report it)'));
}
