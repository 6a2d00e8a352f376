// Production worker process (`npm run worker`): runs the workflows and
// activities against an existing Temporal, PostgreSQL and SMTP server.
// Run as many replicas as the load needs; SIGTERM drains it.
import { loadConfig } from '../config.js';
import { runEntry } from './entry.js';
import { requireServers } from './require-servers.js';

runEntry(async () => {
  // Config first, before the heavy modules load: a missing setting is reported at once.
  const config = loadConfig(process.env);
  const servers = requireServers(config, 'worker');
  const { runWorkerProcess } = await import('./processes.js');
  await runWorkerProcess(config, servers);
});
