// The bodies of the production processes (src/main/worker.ts, src/main/api.ts):
// both against an existing Temporal, PostgreSQL and SMTP server.
import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createMailer } from '../platform/mail/mailer.js';
import { buildAppContext, connectTemporal, onShutdownSignal, startLogging } from './wiring.js';
import type { Servers } from './require-servers.js';
import { startMailDelivery } from './mail-delivery.js';
import { isLoopbackUrl } from '../platform/secret-strength.js';

async function openParts(config: Config, servers: Servers) {
  const logger = startLogging(config);
  const database = await openDatabase(servers.databaseUrl, undefined, config.DATABASE_POOL_SIZE);
  const temporal = await connectTemporal(config).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const mailer = createMailer(servers.smtpUrl, config.MAIL_FROM);
  const ctx = buildAppContext({ config, db: database.db, temporal: temporal.client, mailer });
  const close = async () => {
    await temporal.close();
    mailer.close();
    await database.close();
  };
  return { ctx, database, connection: temporal.connection, logger, close };
}

/** Delivers queued mail here when this process type is the one configured to (OUTBOX_SENDER). */
function deliverMailIf(role: Config['OUTBOX_SENDER'], parts: Awaited<ReturnType<typeof openParts>>) {
  const { ctx, database } = parts;
  if (ctx.config.OUTBOX_SENDER !== role) return undefined;
  return startMailDelivery({
    config: ctx.config,
    database,
    mailer: ctx.mailer,
    certificatePdf: ctx.certificatePdf,
  });
}

export async function runWorkerProcess(config: Config, servers: Servers): Promise<void> {
  // Only what this process runs is loaded: a worker holds no HTTP server, routes or pages in memory.
  const { startWorker } = await import('./run-worker.js');
  const parts = await openParts(config, servers);
  const worker = await startWorker(parts.ctx, parts.connection, parts.logger);
  const sender = deliverMailIf('worker', parts);
  // The readiness line operators and tests wait for, on stdout whatever LOG_LEVEL says.
  console.log(`worker: polling task queue ${config.TEMPORAL_TASK_QUEUE} at ${config.TEMPORAL_ADDRESS}`);
  onShutdownSignal(parts.logger, async () => {
    await worker.stop();
    await sender?.stop();
    await parts.close();
  });
}

export async function runApiProcess(config: Config, servers: Servers): Promise<void> {
  const { apiUrl, startApi } = await import('./run-api.js');
  const parts = await openParts(config, servers);
  const app = await startApi(parts.ctx, parts.logger);
  const sender = deliverMailIf('api', parts);
  console.log(`api: listening at ${apiUrl(parts.ctx)} (OpenAPI at ${apiUrl(parts.ctx)}/openapi.json)`);
  if (process.env.NODE_ENV === 'production' && isLoopbackUrl(config.PUBLIC_URL))
    parts.logger.warn(
      `PUBLIC_URL=${config.PUBLIC_URL} is loopback: learners' links and certificate verification will not reach this server; set PUBLIC_URL`,
    );
  onShutdownSignal(parts.logger, async () => {
    await app.close();
    await sender?.stop();
    await parts.close();
  });
}
