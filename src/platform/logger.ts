// One logger for every process: pino, JSON lines in production and pretty
// lines under `npm start`. Fastify logs through it, Temporal's runtime logs are
// forwarded to it (./temporal/logging.ts), and code that runs in an activity
// logs through the activity's context logger, which Temporal routes here with
// the workflow id, run id and activity type on each line.
//
// Secrets never reach a line: learner link tokens (?t=) and report tokens
// (?token=) are cut from logged URLs, and authorization, cookie and
// set-cookie headers are redacted wherever they appear.
import { Context } from '@temporalio/activity';
import type { LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config.js';

export type { Logger };

const SECRET_QUERY = /([?&](?:t|token)=)[^&#]*/gi;

/** The URL with the values of ?t= and ?token= replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie'];

/** A request as logged: what Fastify logs by default, with the URL's secrets cut. */
function requestSerializer(req: {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export interface LoggerSetup {
  /** Human-readable lines (npm start) instead of JSON. */
  pretty?: boolean;
  /** Where lines go (tests read them); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, setup: LoggerSetup = {}): Logger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    serializers: { req: requestSerializer, err: pino.stdSerializers.err },
    redact: {
      paths: SECRET_HEADERS.flatMap((h) => [
        `headers["${h}"]`,
        `req.headers["${h}"]`,
        `res.headers["${h}"]`,
        `request.headers["${h}"]`,
      ]),
      censor: '[redacted]',
    },
  };
  const stream =
    setup.destination ??
    (setup.pretty
      ? pretty({ translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true })
      : undefined);
  return stream ? pino(options, stream) : pino(options);
}

// ---- the logger of the code running now --------------------------------------

let processLogger: Logger = pino({ level: 'silent' });

/** Set once by each process entry; until then (and in tests) lines outside activities are dropped. */
export function useProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/** The process logger with Temporal's message-first shape. */
function asTemporalLogger(logger: Logger): TemporalLogger {
  const write =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string, meta?: LogMetadata) =>
      logger[level](meta ?? {}, message);
  return {
    log: (level, message, meta) => write(level.toLowerCase() as 'info')(message, meta),
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/**
 * Where shared code (the outbox, services) logs: inside an activity, the
 * activity's context logger, so the line carries the workflow id, run id and
 * activity type; elsewhere the process logger.
 */
export function currentLog(): TemporalLogger {
  try {
    return Context.current().log;
  } catch {
    return asTemporalLogger(processLogger);
  }
}
