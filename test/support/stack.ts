// The whole app on loopback for one test file: a worker on its own task queue
// of the shared dev server, a fresh database, a real SMTP capture, and the
// HTTP server on a random port.
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import { systemClock, type AppContext, type Clock } from '../../src/context.js';
import type { Database } from '../../src/db/client.js';
import { startMailCapture, type MailCapture } from '../../src/platform/mail/capture.js';
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.js';
import { buildServer } from '../../src/http/server.js';
import { runWorker, type RunningWorker } from '../../src/main/temporal-worker.js';
import { storedCertificatePdf } from '../../src/certificates/pdf-store.js';
import { temporalConnectionSettings } from '../../src/platform/temporal/connection.js';
import { payloadDataConverter } from '../../src/platform/temporal/payload-codec.js';
import { freshDatabase, type TestDatabase } from './db.js';

export interface TestStack {
  database: TestDatabase;
  db: Database;
  capture: MailCapture;
  mailer: Mailer;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  /** Absent when started with { worker: false } (a test that runs its own). */
  worker?: Worker;
  config: Config;
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  /** Bearer headers for each kind of caller. */
  auth: {
    enrollment: Record<string, string>;
    staff: Record<string, string>;
    committee: Record<string, string>;
  };
  close(): Promise<void>;
}

export interface StackOptions {
  worker?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
}

export async function startStack(opts: StackOptions = {}): Promise<TestStack> {
  const temporalAddress = inject('temporalAddress');
  const database = await freshDatabase();
  const capture = await startMailCapture();
  const mailer = createMailer(capture.url, 'CE Outcomes <ce@test.local>');
  const taskQueue = `test-${randomUUID()}`;
  const config = loadConfig({
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: capture.url,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  // As the app connects: TLS, a client certificate, an API key and payload encryption from config alone.
  const settings = temporalConnectionSettings(config);
  const dataConverter = payloadDataConverter(config);
  const connection = await Connection.connect(settings);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const clock = opts.clock ?? systemClock;
  const ctx: AppContext = {
    config,
    db: database.db,
    temporal: client,
    mailer,
    clock,
    capture,
    certificatePdf: storedCertificatePdf(database.db, config),
  };

  const app = await buildServer(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Links in emails must point at this server; activities read the same config object.
  config.PUBLIC_URL = baseUrl;

  let running: RunningWorker | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (opts.worker !== false) {
    nativeConnection = await NativeConnection.connect(settings);
    running = await runWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      deps: { db: database.db, mailer, clock, config },
      workflowBundle: { codePath: inject('workflowBundlePath') },
      deliverMail: true,
      dataConverter,
    });
  }
  const worker: Worker | undefined = running?.worker;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    database,
    db: database.db,
    capture,
    mailer,
    client,
    taskQueue,
    temporalAddress,
    worker,
    config,
    ctx,
    app,
    baseUrl,
    auth: {
      enrollment: bearer(config.API_TOKEN),
      staff: bearer(config.STAFF_TOKEN),
      committee: bearer(config.COMMITTEE_TOKEN),
    },
    async close() {
      await running?.stop();
      await nativeConnection?.close();
      await app.close();
      await connection.close();
      mailer.close();
      await capture.close();
      await database.close();
    },
  };
}
