// One workflow per ledger row (id report:<regulator>:<enrollmentId>), started
// by the dispatcher once the certificate is issued: it submits, has transient
// failures retried with backoff, waits on a rejection, a held record or a batch
// file for a person (the learner's correction, staff's retry, confirmation or
// upload), and keeps a deadline timer: past it, the submission is late.
import { ActivityFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReportingActivities } from '../activities/reporting/index.js';
import { Deadline } from './enrollment/deadline.js';
import { submissionChanged, type ReportingPlan, type ReportingResult } from './reporting-messages.js';

/** After the deadline, a submission other than CPE Monitor's may still go through; staff have this long. */
const AFTER_DEADLINE_MS = 365 * 86_400_000;
/** Without a deadline (PARS), how long a submission waits for a person before the workflow closes. */
const WITHOUT_DEADLINE_MS = 2 * 365 * 86_400_000;

export async function regulatorSubmissionWorkflow(plan: ReportingPlan): Promise<ReportingResult> {
  let changes = 0;
  setHandler(submissionChanged, () => {
    changes++;
  });
  const dueAt = plan.dueAt ? Date.parse(plan.dueAt) : null;
  const deadline = dueAt !== null ? new Deadline(dueAt) : undefined;
  const closesAt = (dueAt ?? Date.now()) + (dueAt !== null ? AFTER_DEADLINE_MS : WITHOUT_DEADLINE_MS);
  const refusedWhenLate = plan.regulator === 'cpe_monitor';

  const { markSubmissionLate } = proxyActivities<ReportingActivities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
  const lateNow = async (): Promise<boolean> =>
    (await markSubmissionLate({ submissionId: plan.submissionId })) === 'late';

  let seen = 0;
  let lateMarked = false;
  for (;;) {
    seen = changes;
    // Retried until the regulator answers, but not past the deadline (a record held up then is late).
    const until = deadline && !deadline.passed ? deadline.at : closesAt;
    const { submitToRegulator } = proxyActivities<ReportingActivities>({
      startToCloseTimeout: plan.requestTimeoutMs + 15_000,
      heartbeatTimeout: '5s',
      scheduleToCloseTimeout: Math.max(until - Date.now(), 1000),
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: plan.retryMaxInterval },
    });
    let outcome: Awaited<ReturnType<typeof submitToRegulator>> | 'gave_up';
    try {
      outcome = await submitToRegulator({ submissionId: plan.submissionId });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      outcome = 'gave_up';
    }
    if (outcome === 'accepted') return 'accepted';
    if (outcome === 'late' && refusedWhenLate) return 'late';
    // Rejected, held, in a batch file, unconfirmed or given up on: a person acts, or the deadline passes.
    for (;;) {
      const waitUntil = deadline && !deadline.passed ? deadline.at : closesAt;
      await condition(
        () => changes > seen || (!!deadline && deadline.passed && !lateMarked),
        Math.max(waitUntil - Date.now(), 1),
      );
      if (changes > seen) break;
      if (deadline?.passed && !lateMarked) {
        lateMarked = true;
        if (!(await lateNow())) return 'accepted';
        if (refusedWhenLate) return 'late';
        continue;
      }
      if (Date.now() >= closesAt) return lateMarked ? 'late' : 'closed';
    }
  }
}
