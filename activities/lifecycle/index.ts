// The enrollment workflow's activities: records in PostgreSQL, certificates, emails.
import type { ActivityDeps } from '../index.js';
import { createRecordActivities } from './records.js';
import { createCertificateActivities } from './certificates.js';
import { createEmailActivities } from './emails.js';

export function createLifecycleActivities(deps: ActivityDeps) {
  return {
    ...createRecordActivities(deps),
    ...createCertificateActivities(deps),
    ...createEmailActivities(deps),
  };
}

export type LifecycleActivities = ReturnType<typeof createLifecycleActivities>;
export type { EnrollmentContext } from './records.js';
