/**
 * The process logger: JSON lines on stdout (pino), at `LOG_LEVEL`.
 */
import { pino } from 'pino';

/** Creates the structured logger every part of the process shares. */
export function createLogger(level: string) {
  return pino({ level, base: { service: 'modelgraph' } });
}

/** The logger type handed to jobs and the HTTP app. */
export type Logger = ReturnType<typeof createLogger>;
