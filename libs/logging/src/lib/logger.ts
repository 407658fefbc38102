import { Writable } from 'node:stream';
import winston from 'winston';
import { currentCorrelationId } from './request-context';
import { LineWriterTransport, type LogWrites } from './line-writer.transport';
import { createRedactor, RedactorOptions } from './redaction';

export type Logger = winston.Logger;
export type LogLevel = 'error' | 'warn' | 'info' | 'http' | 'debug';

export interface LoggerOptions extends RedactorOptions {
  /** The app's name, on every line so aggregated logs can be filtered by service. */
  service: string;
  level?: LogLevel;
  /** Where JSON lines go; stdout by default. Tests pass a stream to read them back. */
  stream?: Writable;
  /** Set to true to silence output entirely (benchmarks). */
  silent?: boolean;
  /**
   * When lines are written: `per-turn` (one write per event-loop turn; warn and error at
   * once) or `per-line`. Default `per-turn` on stdout, `per-line` to a given `stream`
   * (tests read each line as it comes).
   */
  writes?: LogWrites;
}

/**
 * Creates the app's one logger: JSON lines with timestamp, level, service and the
 * request's correlation id, with secrets and configured personal-data fields redacted
 * before anything is written. Redaction sits inside the logger rather than at call
 * sites so a forgotten field cannot leak.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redact = createRedactor(options);
  const enrich = winston.format((info) => {
    const correlationId = info['correlationId'] ?? currentCorrelationId();
    const redacted = redact({ ...info }) as Record<string, unknown>;
    Object.assign(info, redacted, { service: options.service });
    if (correlationId) info['correlationId'] = correlationId;
    return info;
  });
  const transport = new LineWriterTransport(options.stream ?? process.stdout, options.writes ?? (options.stream ? 'per-line' : 'per-turn'));
  return winston.createLogger({
    level: options.level ?? 'info',
    silent: options.silent,
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      enrich(),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [transport],
  });
}

/** One access line per request; emitted by service-kit once the response finished. */
export interface AccessRecord {
  method: string;
  /** The route pattern (`/v1/customers/:id`), never the raw URL with ids in it. */
  route: string;
  status: number;
  durationMs: number;
}

/** Writes the access line at `info`, or at `warn`/`error` for 4xx/5xx so failures stand out when filtering by level. */
export function logAccess(logger: Logger, record: AccessRecord): void {
  const level = record.status >= 500 ? 'error' : record.status >= 400 ? 'warn' : 'info';
  logger.log(level, 'request completed', { ...record, durationMs: Math.round(record.durationMs * 100) / 100 });
}

/**
 * Resolves once everything logged so far is written; the last step of a graceful
 * shutdown, so the lines explaining why a process stopped are not lost.
 */
export function flushLogger(logger: Logger, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    logger.on('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    logger.end();
  });
}
