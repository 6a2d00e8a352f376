// The worker and the API as separate processes cannot share the embedded
// PGlite or npm start's in-process mail capture: they need real servers.
import type { Config } from '../config.js';
import { StartupError } from './entry.js';

export interface Servers {
  databaseUrl: string;
  smtpUrl: string;
}

export function requireServers(config: Config, role: 'worker' | 'api'): Servers {
  if (!config.DATABASE_URL) {
    throw new StartupError(
      `config: DATABASE_URL is required for the ${role} process (the embedded database is for npm start only)`,
    );
  }
  if (!config.SMTP_URL) {
    throw new StartupError(
      `config: SMTP_URL is required for the ${role} process (the local mail capture is for npm start only)`,
    );
  }
  return { databaseUrl: config.DATABASE_URL, smtpUrl: config.SMTP_URL };
}
