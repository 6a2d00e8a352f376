// The enrollment workflow's steps (v2): one activity per step, each writing
// its facts and queueing its email in one transaction.
import type { ActivityDeps } from '../index.js';
import { createEmailComposer, type EmailComposer } from './emails.js';
import { createPurchaseAttendanceSteps } from './purchase-attendance.js';
import { createSubmissionSteps } from './submissions.js';
import { createClaimSteps } from './claim.js';
import { createFollowUpSteps } from './follow-up.js';
import { createEndingSteps } from './ending.js';

export interface StepDeps extends ActivityDeps {
  emails: EmailComposer;
}

export function createEnrollmentActivities(deps: ActivityDeps) {
  const steps: StepDeps = { ...deps, emails: createEmailComposer(deps) };
  return {
    ...createPurchaseAttendanceSteps(steps),
    ...createSubmissionSteps(steps),
    ...createClaimSteps(steps),
    ...createFollowUpSteps(steps),
    ...createEndingSteps(steps),
  };
}

export type EnrollmentActivities = ReturnType<typeof createEnrollmentActivities>;
