// The enrollment workflow's activities, one proxy per retry policy.
import { proxyActivities } from '@temporalio/workflow';
import type { EnrollmentActivities } from '../../activities/enrollment/index.js';

/** Errors an activity raises when retrying cannot help: the workflow answers them instead. */
export const PERMANENT_ERRORS = ['EnrollmentNotFound', 'DatabaseDataError'];

// Facts in PostgreSQL (and the emails that go with them, through the outbox in
// the same transaction): retried until the database is back, because a 90-day
// workflow must not fail over a short outage. A step is one short transaction:
// a worker killed during one is noticed, and the step retried, within seconds.
export const records = proxyActivities<Omit<EnrollmentActivities, 'acceptClaim'>>({
  startToCloseTimeout: '5s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: PERMANENT_ERRORS,
  },
});

// Issuing certificates renders a PDF per credit type: longer than a plain write,
// and it heartbeats per certificate, so a killed worker's issue is retried in seconds.
export const certification = proxyActivities<Pick<EnrollmentActivities, 'acceptClaim'>>({
  startToCloseTimeout: '1m',
  heartbeatTimeout: '5s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: PERMANENT_ERRORS,
  },
});
