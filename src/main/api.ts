// Production API process (`npm run api`): the HTTP API against an existing
// Temporal, PostgreSQL and SMTP server. Stateless, so it scales by replicas.
import { loadConfig } from '../config.js';
import { runEntry } from './entry.js';
import { requireServers } from './require-servers.js';

runEntry(async () => {
  // Config first, before the heavy modules load: a missing setting is reported at once.
  const config = loadConfig(process.env);
  const servers = requireServers(config, 'api');
  const { runApiProcess } = await import('./processes.js');
  await runApiProcess(config, servers);
});
