// The body of `npm start` (see src/main/all.ts): every part, in order, and
// their shutdown in reverse.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createMailer } from '../platform/mail/mailer.js';
import { startMailCapture, type MailCapture } from '../platform/mail/capture.js';
import { startDevServer } from '../platform/temporal/dev-server.js';
import { findTemporalCli } from '../platform/temporal/cli.js';
import {
  StartupError,
  buildAppContext,
  connectTemporal,
  onShutdownSignal,
  somethingListens,
  startLogging,
} from './wiring.js';
import { startWorker } from './run-worker.js';
import { startMailDelivery } from './mail-delivery.js';
import { apiUrl, startApi } from './run-api.js';

const LOCAL_HOSTS = ['127.0.0.1', 'localhost'];

/**
 * Whether a dev server must be started (nothing answers at TEMPORAL_ADDRESS);
 * fails at once, before the slower parts start, when one cannot be.
 */
async function needDevServer(config: Config): Promise<boolean> {
  if (await somethingListens(config.TEMPORAL_ADDRESS)) return false;
  const [host] = config.TEMPORAL_ADDRESS.split(':');
  if (!LOCAL_HOSTS.includes(host)) {
    throw new StartupError(
      `temporal: nothing answers at ${config.TEMPORAL_ADDRESS} (a dev server starts only on 127.0.0.1)`,
    );
  }
  if (config.TEMPORAL_CLI_PATH && !existsSync(config.TEMPORAL_CLI_PATH)) {
    throw new StartupError(
      `temporal: nothing answers at ${config.TEMPORAL_ADDRESS} and TEMPORAL_CLI_PATH=${config.TEMPORAL_CLI_PATH} does not exist (unset it or run: node scripts/install-temporal.mjs)`,
    );
  }
  return true;
}

/** A dev server at TEMPORAL_ADDRESS, its state in DATA_DIR/temporal.db so workflows survive a restart. */
async function startLocalTemporal(config: Config): Promise<TestWorkflowEnvironment> {
  const port = config.TEMPORAL_ADDRESS.split(':')[1];
  const cli = findTemporalCli();
  try {
    return await startDevServer({
      port: Number(port),
      uiPort: config.TEMPORAL_UI_PORT,
      dbFilename: resolve(config.DATA_DIR, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      // Encrypted payloads: the UI asks the app to decode them for the person looking.
      codecEndpoint: config.TEMPORAL_PAYLOAD_KEYS ? `${config.PUBLIC_URL}/codec` : undefined,
    });
  } catch (err) {
    // The SDK repeats its cause chain; the end says why (no network, not executable, …).
    const first = (err as Error).message.split('\n')[0];
    const why = first.length > 200 ? `…${first.slice(-160)}` : first;
    throw new StartupError(
      cli
        ? `temporal: the dev server (${cli}) did not start: ${why}`
        : `temporal: no Temporal CLI (TEMPORAL_CLI_PATH, .tools/bin/temporal, PATH) and its download failed: ${why} (run: node scripts/install-temporal.mjs)`,
    );
  }
}

export async function startAll(config: Config): Promise<void> {
  const logger = startLogging(config, true);
  mkdirSync(config.DATA_DIR, { recursive: true });

  // Everything opened so far, closed in reverse on Ctrl-C or on a failed start.
  const closers: { name: string; close: () => Promise<void> | void }[] = [];
  const closeAll = async () => {
    for (const { name, close } of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        logger.error({ err, part: name }, 'shutdown failed');
      }
    }
  };

  try {
    const startTemporal = await needDevServer(config);
    const database = await openDatabase(
      config.DATABASE_URL,
      resolve(config.DATA_DIR, 'pglite'),
      config.DATABASE_POOL_SIZE,
    );
    closers.push({ name: 'database', close: () => database.close() });

    const devServer = startTemporal ? await startLocalTemporal(config) : undefined;
    if (devServer) closers.push({ name: 'temporal dev server', close: () => devServer.teardown() });
    const temporal = await connectTemporal(config);
    closers.push({ name: 'temporal connection', close: () => temporal.close() });

    let capture: MailCapture | undefined;
    if (!config.SMTP_URL) {
      try {
        capture = await startMailCapture(config.MAIL_CAPTURE_PORT);
      } catch (err) {
        throw new StartupError(
          `mail: cannot start the local mail capture on port ${config.MAIL_CAPTURE_PORT} (${(err as Error).message}); set MAIL_CAPTURE_PORT or SMTP_URL`,
        );
      }
      const opened = capture;
      closers.push({ name: 'mail capture', close: () => opened.close() });
    }
    const mailer = createMailer(config.SMTP_URL ?? capture!.url, config.MAIL_FROM);
    closers.push({ name: 'mailer', close: () => mailer.close() });

    const ctx = buildAppContext({ config, db: database.db, temporal: temporal.client, mailer, capture });
    const worker = await startWorker(ctx, temporal.connection, logger);
    closers.push({ name: 'worker', close: () => worker.stop() });
    const app = await startApi(ctx, logger);
    closers.push({ name: 'api', close: () => app.close() });
    const sender = startMailDelivery({ config, database, mailer, certificatePdf: ctx.certificatePdf });
    closers.push({ name: 'mail delivery', close: () => sender.stop() });

    printBanner(config, apiUrl(ctx), { devServer: !!devServer, database: database.kind, capture });
  } catch (err) {
    await closeAll();
    throw err;
  }

  onShutdownSignal(logger, async (signal) => {
    console.log(`${signal}: stopping (workflows and data stay in ${config.DATA_DIR}) …`);
    await closeAll();
    console.log('stopped');
  });
}

function printBanner(
  config: Config,
  api: string,
  parts: { devServer: boolean; database: string; capture?: MailCapture },
): void {
  const defaults = loadConfig({});
  const token = (name: 'API_TOKEN' | 'STAFF_TOKEN' | 'COMMITTEE_TOKEN') =>
    config[name] === defaults[name] ? config[name] : '(set from the environment)';
  const temporalHost = config.TEMPORAL_ADDRESS.split(':')[0];
  const lines = [
    '',
    'ce-outcomes is running',
    `  API              ${api}`,
    `  OpenAPI          ${api}/openapi.json  (browse it at /docs)`,
    `  Health           ${api}/healthz`,
    `  Links base       ${config.PUBLIC_URL}  (learner links; certificates verify at ${config.PUBLIC_URL}/verify/<code>)`,
    parts.devServer
      ? `  Temporal UI      http://${temporalHost}:${config.TEMPORAL_UI_PORT}  (dev server at ${config.TEMPORAL_ADDRESS})`
      : `  Temporal         ${config.TEMPORAL_ADDRESS} (already running; not started here)`,
    parts.capture
      ? `  Captured mail    ${api}/mail  (SMTP capture on port ${parts.capture.port})`
      : `  Mail             sent through SMTP_URL`,
    `  Database         ${parts.database === 'pglite' ? `embedded PGlite in ${resolve(config.DATA_DIR, 'pglite')}` : 'PostgreSQL at DATABASE_URL'}`,
    `  Tokens           enrollment system: ${token('API_TOKEN')}`,
    `                   CE staff:          ${token('STAFF_TOKEN')}`,
    `                   committee:         ${token('COMMITTEE_TOKEN')}`,
    'Ctrl-C stops it; the next npm start carries on with the same workflows and data.',
    '',
  ];
  console.log(lines.join('\n'));
}
