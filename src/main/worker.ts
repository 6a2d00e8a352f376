// Production worker process (`npm run worker`): runs the workflows and
// activities against an existing Temporal, PostgreSQL and SMTP server.
// Run as many replicas as the load needs.
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createMailer } from '../mail/mailer.js';
import {
  StartupError,
  buildAppContext,
  installTemporalLogging,
  connectTemporal,
  onShutdownSignal,
  runEntry,
} from './wiring.js';
import { startWorker } from './run-worker.js';
import { requireServers } from './require-servers.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  installTemporalLogging(config);
  const { databaseUrl, smtpUrl } = requireServers(config, 'worker');
  const database = await openDatabase(databaseUrl);
  const temporal = await connectTemporal(config).catch(async (err: StartupError) => {
    await database.close();
    throw err;
  });
  const mailer = createMailer(smtpUrl, config.MAIL_FROM);
  const ctx = buildAppContext({ config, db: database.db, temporal: temporal.client, mailer });
  const worker = await startWorker(ctx, temporal.connection);
  console.log(`worker: polling task queue ${config.TEMPORAL_TASK_QUEUE} at ${config.TEMPORAL_ADDRESS}`);

  onShutdownSignal(async () => {
    await worker.stop();
    await temporal.close();
    mailer.close();
    await database.close();
  });
}

runEntry(main);
