// Production API process (`npm run api`): the HTTP API against an existing
// Temporal, PostgreSQL and SMTP server. Stateless, so it scales by replicas.
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
import { apiUrl, startApi } from './run-api.js';
import { requireServers } from './require-servers.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  installTemporalLogging(config);
  const { databaseUrl, smtpUrl } = requireServers(config, 'api');
  const database = await openDatabase(databaseUrl);
  const temporal = await connectTemporal(config).catch(async (err: StartupError) => {
    await database.close();
    throw err;
  });
  const mailer = createMailer(smtpUrl, config.MAIL_FROM);
  const ctx = buildAppContext({ config, db: database.db, temporal: temporal.client, mailer });
  const app = await startApi(ctx);
  console.log(`api: listening at ${apiUrl(ctx)} (OpenAPI at ${apiUrl(ctx)}/openapi.json)`);

  onShutdownSignal(async () => {
    await app.close();
    await temporal.close();
    mailer.close();
    await database.close();
  });
}

runEntry(main);
