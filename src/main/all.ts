// `npm start`: the whole stack in one process on one machine. Starts a
// Temporal dev server (SQLite under DATA_DIR, so workflows survive a restart)
// unless one already answers, opens the database (embedded PGlite under
// DATA_DIR unless DATABASE_URL is set), a local mail capture unless SMTP_URL
// is set, then the worker and the API. Ctrl-C stops everything cleanly.
import { loadConfig } from '../config.js';
import { runEntry } from './entry.js';

runEntry(async () => {
  // Config first, before the heavy modules load: a typo is reported at once.
  const config = loadConfig(process.env);
  const { startAll } = await import('./start-all.js');
  await startAll(config);
});
