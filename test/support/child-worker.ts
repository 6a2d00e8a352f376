// A worker in its own process, for tests that kill one mid-activity. It shares
// the test's task queue, PostgreSQL database and SMTP capture through env:
// TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, DATABASE_URL, SMTP_URL, PUBLIC_URL,
// LINK_SECRET and WORKFLOW_BUNDLE (the prebuilt bundle of the test run).
// Prints "worker ready" once it polls.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createMailer } from '../../src/platform/mail/mailer.js';
import { systemClock } from '../../src/context.js';
import { runWorker } from '../../src/main/temporal-worker.js';
import { temporalConnectionSettings } from '../../src/platform/temporal/connection.js';
import { payloadDataConverter } from '../../src/platform/temporal/payload-codec.js';

const config = loadConfig();
if (!config.DATABASE_URL || !config.SMTP_URL)
  throw new Error('child worker: DATABASE_URL and SMTP_URL are required');
const bundle = process.env.WORKFLOW_BUNDLE;

const database = await openDatabase(config.DATABASE_URL, undefined, 4);
const mailer = createMailer(config.SMTP_URL, 'CE Outcomes <ce@test.local>');
const connection = await NativeConnection.connect(temporalConnectionSettings(config));
const worker = await runWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  deps: { db: database.db, mailer, clock: systemClock, config },
  ...(bundle ? { workflowBundle: { codePath: bundle } } : {}),
  deliverMail: config.OUTBOX_SENDER === 'worker',
  dataConverter: payloadDataConverter(config),
});
console.log('worker ready');
process.on('SIGTERM', () => void worker.stop());
await worker.running;
await worker.stop();
mailer.close();
await connection.close();
await database.close();
