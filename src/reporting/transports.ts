// How each regulator is reached: its web service (endpoint and credentials) or
// file only (staff upload the batch files). The environment sets it; staff may
// set it at run time (PUT /reporting/transports/:regulator), which wins.
import { eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { reportingTransports } from '../db/schema/index.js';
import type { Regulator } from '../domain/reporting.js';

export type ReportingConfig = Pick<
  Config,
  | 'CPE_MONITOR_URL'
  | 'CPE_MONITOR_USERNAME'
  | 'CPE_MONITOR_PASSWORD'
  | 'CE_BROKER_URL'
  | 'CE_BROKER_PROVIDER_ID'
  | 'CE_BROKER_UPLOAD_KEY'
  | 'PARS_URL'
  | 'PARS_PROVIDER_ID'
  | 'PARS_USERNAME'
  | 'PARS_PASSWORD'
  | 'REPORTING_ALERT_TO'
  | 'REPORTING_REQUEST_TIMEOUT'
  | 'REPORTING_RETRY_MAX_INTERVAL'
  | 'MAIL_FROM'
>;

export interface Transport {
  regulator: Regulator;
  /** Null: file only. */
  url: string | null;
  username: string;
  secret: string;
  /** CE Broker provider tracking number, ACCME provider ID (CPE Monitor's comes from the UAN). */
  providerId: string;
  source: 'environment' | 'staff';
}

function fromEnvironment(config: ReportingConfig, regulator: Regulator): Transport {
  const base = { regulator, source: 'environment' as const };
  switch (regulator) {
    case 'cpe_monitor':
      return {
        ...base,
        url: config.CPE_MONITOR_URL ?? null,
        username: config.CPE_MONITOR_USERNAME ?? '',
        secret: config.CPE_MONITOR_PASSWORD ?? '',
        providerId: '',
      };
    case 'ce_broker':
      return {
        ...base,
        url: config.CE_BROKER_URL ?? null,
        username: '',
        secret: config.CE_BROKER_UPLOAD_KEY ?? '',
        providerId: config.CE_BROKER_PROVIDER_ID ?? '',
      };
    case 'pars':
      return {
        ...base,
        url: config.PARS_URL ?? null,
        username: config.PARS_USERNAME ?? '',
        secret: config.PARS_PASSWORD ?? '',
        providerId: config.PARS_PROVIDER_ID ?? '',
      };
  }
}

export async function transportFor(
  db: Database,
  config: ReportingConfig,
  regulator: Regulator,
): Promise<Transport> {
  const env = fromEnvironment(config, regulator);
  const [row] = await db
    .select()
    .from(reportingTransports)
    .where(eq(reportingTransports.regulator, regulator));
  if (!row) return env;
  return {
    regulator,
    url: row.url,
    username: row.username ?? env.username,
    secret: row.secret ?? env.secret,
    providerId: row.providerId ?? env.providerId,
    source: 'staff',
  };
}

export interface TransportInput {
  url: string | null;
  username?: string | null;
  secret?: string | null;
  providerId?: string | null;
}

/** Staff's setting for a regulator, over the environment's. */
export async function setTransport(db: Database, regulator: Regulator, t: TransportInput): Promise<void> {
  const values = {
    url: t.url,
    username: t.username ?? null,
    secret: t.secret ?? null,
    providerId: t.providerId ?? null,
    updatedAt: new Date(),
  };
  await db
    .insert(reportingTransports)
    .values({ regulator, ...values })
    .onConflictDoUpdate({ target: reportingTransports.regulator, set: values });
}

/** Staff's address for alerts: REPORTING_ALERT_TO, else the address mail is sent from. */
export function staffAddress(config: Pick<Config, 'REPORTING_ALERT_TO' | 'MAIL_FROM'>): string {
  if (config.REPORTING_ALERT_TO) return config.REPORTING_ALERT_TO;
  return /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
}
