// What the three process entries (all, worker, api) share: start-up errors,
// connecting to Temporal, the logger, the AppContext, shutdown on signals.
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createConnection } from 'node:net';
import type { Config } from '../config.js';
import { systemClock, type AppContext } from '../context.js';
import type { Database } from '../db/client.js';
import type { Mailer } from '../platform/mail/mailer.js';
import type { MailCapture } from '../platform/mail/capture.js';
import { createLogger, useProcessLogger, type Logger } from '../platform/logger.js';
import { installTemporalLogging } from '../platform/temporal/logging.js';
import { boundedTemporalClient } from '../platform/temporal/client.js';

import { StartupError } from './entry.js';
import { storedCertificatePdf } from '../certificates/pdf-store.js';

export { StartupError, runEntry } from './entry.js';

function splitAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/** Whether anything accepts TCP connections at host:port (cheap probe before starting a dev server). */
export function somethingListens(address: string, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = splitAddress(address);
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The process's one logger, also given to Temporal and to code that logs
 * outside a request or an activity. `local` is npm start: pretty lines, and
 * the SDK's info chatter kept out of the banner.
 */
export function startLogging(config: Config, local = false): Logger {
  const logger = createLogger(config, { pretty: local });
  useProcessLogger(logger);
  installTemporalLogging(logger, local);
  return logger;
}

export interface TemporalConnection {
  /** The worker's connection. */
  connection: NativeConnection;
  /** What the API calls: each call bounded (src/platform/temporal/client.ts). */
  client: Client;
  close(): Promise<void>;
}

/** The worker's native connection (reached now, or a one-line start-up error) and the bounded client. */
export async function connectTemporal(config: Config, timeoutMs = 15_000): Promise<TemporalConnection> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let connection: NativeConnection;
  try {
    connection = await Promise.race([
      NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
      timeout,
    ]);
    await Promise.race([
      connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({})),
      timeout,
    ]);
  } catch (err) {
    throw new StartupError(
      `temporal: cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (${(err as Error).message.split('\n')[0]})`,
    );
  } finally {
    clearTimeout(timer);
  }
  const bounded = boundedTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  return {
    connection,
    client: bounded.client,
    close: async () => {
      await bounded.close();
      await connection.close();
    },
  };
}

export function buildAppContext(parts: {
  config: Config;
  db: Database;
  temporal: Client;
  mailer: Mailer;
  capture?: MailCapture;
}): AppContext {
  return { ...parts, clock: systemClock, certificatePdf: storedCertificatePdf(parts.db, parts.config) };
}

/** Calls `stop` once on the first SIGINT/SIGTERM; a second signal exits at once. */
export function onShutdownSignal(logger: Logger, stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'signal again: exiting without waiting');
      process.exit(130);
    }
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
