// v1 activities: what enrollments started before v2 (workflows/legacy/) call.
// Names and signatures are fixed by their histories; keep them until no v1 run is open.
import type { ActivityDeps } from '../index.js';
import { createRecordActivities } from './records.js';
import { createCertificateActivities } from './certificates.js';
import { createEmailActivities } from './emails.js';

export function createLegacyActivities(deps: ActivityDeps) {
  return {
    ...createRecordActivities(deps),
    ...createCertificateActivities(deps),
    ...createEmailActivities(deps),
  };
}

export type LegacyActivities = ReturnType<typeof createLegacyActivities>;
export type { EnrollmentContext } from './records.js';
