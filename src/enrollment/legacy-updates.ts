// Submissions to enrollments started before v2 (workflow version 1), whose
// workflow takes them as updates. Each carries an update id derived from the
// submission, so a retried request finds the update already applied and gets
// its result instead of a second attempt.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppContext } from '../context.js';
import type { enrollments } from '../db/schema/index.js';
import { Conflict } from '../domain/errors.js';
import { submitClaim, submitCompetence, submitEvaluation, submitFollowUp } from '../../workflows/messages.js';
import { REFUSAL } from '../../workflows/legacy/submission-checks.js';
import { refusalError } from './submissions.js';
import type { SubmissionPayload } from './submission-checks.js';

type EnrollmentRow = typeof enrollments.$inferSelect;

export async function submitAsUpdate(
  ctx: AppContext,
  row: EnrollmentRow,
  submission: SubmissionPayload,
  updateId: string,
): Promise<unknown> {
  const handle = ctx.temporal.workflow.getHandle(row.workflowId);
  try {
    switch (submission.kind) {
      case 'competence': {
        const { answers } = submission.payload;
        return await handle.executeUpdate(submitCompetence, { args: [{ answers }], updateId });
      }
      case 'evaluation':
        return await handle.executeUpdate(submitEvaluation, { args: [submission.payload], updateId });
      case 'claim':
        return await handle.executeUpdate(submitClaim, { args: [submission.payload], updateId });
      case 'follow_up':
        return await handle.executeUpdate(submitFollowUp, { args: [submission.payload], updateId });
    }
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const failure = err.cause;
      const details = failure.details?.[0] as never;
      switch (failure.type) {
        case REFUSAL.outOfOrder:
          throw refusalError({ type: 'SubmissionOutOfOrder', message: failure.message });
        case REFUSAL.invalid:
          throw refusalError({ type: 'SubmissionInvalid', message: failure.message, details });
        case REFUSAL.claimRefused:
          throw refusalError({ type: 'ClaimRefused', message: failure.message, details });
      }
    }
    if (err instanceof WorkflowNotFoundError) throw new Conflict('the enrollment is closed');
    throw err;
  }
}
