// Every side effect the workflows ask for, built over real dependencies so
// tests hand in loopback parts instead of mocks.
import type { Config } from '../src/config.js';
import type { Clock } from '../src/context.js';
import type { Database } from '../src/db/client.js';
import type { Mailer } from '../src/platform/mail/mailer.js';
import type { CertificatePdfSource } from '../src/outbox/outbox.js';
import { storedCertificatePdf } from '../src/certificates/pdf-store.js';
import { createLegacyActivities } from './legacy/index.js';
import { createEnrollmentActivities } from './enrollment/index.js';
import { createDigestActivities } from './digest/index.js';
import { createMaintenanceActivities } from './maintenance/index.js';
import { createReportingActivities } from './reporting/index.js';
import type { ReportingConfig } from '../src/reporting/transports.js';

export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  config: Pick<
    Config,
    | 'PUBLIC_URL'
    | 'MAIL_FROM'
    | 'LINK_SECRET'
    | 'OUTBOX_UNCONFIRMED_AFTER'
    | 'DATA_DIR'
    | 'WORKER_CACHED_WORKFLOWS'
    | 'DATABASE_POOL_SIZE'
  > &
    ReportingConfig;
  /** The stored PDF of a certificate (rendered and stored on first use when missing). */
  certificatePdf: CertificatePdfSource;
  /** Called after a step commits mail to the outbox: the sender in this process delivers it at once. */
  mailQueued?: () => void;
}

/** The dependencies, with certificate PDFs served from PostgreSQL. */
export function activityDeps(parts: Omit<ActivityDeps, 'certificatePdf'>): ActivityDeps {
  return { ...parts, certificatePdf: storedCertificatePdf(parts.db, parts.config) };
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createLegacyActivities(deps),
    ...createEnrollmentActivities(deps),
    ...createDigestActivities(deps),
    ...createMaintenanceActivities(deps),
    ...createReportingActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
