// The reporting workflow as a careless change would leave it: the deadline is
// checked (markSubmissionLate) before the first submission, without patched().
// Replaying a recorded reporting history against this must fail with a
// determinism violation (replay.test.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { ReportingActivities } from '../../activities/reporting/index.js';
import { Deadline } from '../../workflows/enrollment/deadline.js';
import type { ReportingPlan, ReportingResult } from '../../workflows/reporting-messages.js';

const ledger = proxyActivities<ReportingActivities>({ startToCloseTimeout: '30s' });

export async function regulatorSubmissionWorkflow(plan: ReportingPlan): Promise<ReportingResult> {
  if (plan.dueAt) new Deadline(Date.parse(plan.dueAt));
  await ledger.markSubmissionLate({ submissionId: plan.submissionId });
  return (await ledger.submitToRegulator({ submissionId: plan.submissionId })) === 'accepted'
    ? 'accepted'
    : 'late';
}
