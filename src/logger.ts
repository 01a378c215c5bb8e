import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout; each request logs through a child carrying its request id. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'montpellier-ai-graph' } });
}

export type { Logger };
