// The reporting workflow's side effects: a submission step (send the record,
// or leave it for the batch file, and write down the answer) and marking a
// submission late when its deadline passes unaccepted.
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { ActivityDeps } from '../index.js';
import { loadSubmission } from '../../src/reporting/ledger.js';
import { markLate, submitStep, type StepOutcome } from '../../src/reporting/submit.js';
import type { SubmissionStatus } from '../../src/domain/reporting.js';

export type SubmitOutcome = Exclude<StepOutcome, { transient: string }>;

export function createReportingActivities(deps: ActivityDeps) {
  return {
    /** Sends (or files) the record once; a regulator that is down or slow is retried by Temporal with backoff. */
    async submitToRegulator(input: { submissionId: string }): Promise<SubmitOutcome> {
      const outcome = await submitStep(
        {
          db: deps.db,
          clock: deps.clock,
          config: deps.config,
          heartbeat: () => Context.current().heartbeat(),
        },
        input.submissionId,
      );
      if (typeof outcome === 'object') {
        log.warn('regulator unavailable, retrying', {
          submissionId: input.submissionId,
          error: outcome.transient,
        });
        throw ApplicationFailure.retryable(outcome.transient, 'RegulatorUnavailable');
      }
      log.info('submission step', { submissionId: input.submissionId, outcome });
      return outcome;
    },

    /** At the deadline: late unless accepted meanwhile. Returns the status it leaves. */
    async markSubmissionLate(input: { submissionId: string }): Promise<SubmissionStatus> {
      const row = await loadSubmission(deps.db, input.submissionId);
      if (!row)
        throw ApplicationFailure.nonRetryable(`no submission ${input.submissionId}`, 'SubmissionNotFound');
      if (row.status === 'accepted') return 'accepted';
      await markLate(deps.db, row, deps.clock.now());
      log.warn('submission late', { submissionId: input.submissionId, regulator: row.regulator });
      return 'late';
    },
  };
}

export type ReportingActivities = ReturnType<typeof createReportingActivities>;
