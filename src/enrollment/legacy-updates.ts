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
import { refusalError, SUBMISSION_WAIT_MS } from './submissions.js';
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
    // As long as a v2 submission waits for its step; past that (or Temporal down) a 503, and
    // the same request again carries the same update id, so it finds the update, not a second one.
    return await ctx.temporal.withDeadline(Date.now() + SUBMISSION_WAIT_MS, () =>
      sendUpdate(handle, submission, updateId),
    );
  } catch (err) {
    throw answerOf(err);
  }
}

function sendUpdate(
  handle: ReturnType<AppContext['temporal']['workflow']['getHandle']>,
  submission: SubmissionPayload,
  updateId: string,
): Promise<unknown> {
  switch (submission.kind) {
    case 'competence': {
      const { answers } = submission.payload;
      return handle.executeUpdate(submitCompetence, { args: [{ answers }], updateId });
    }
    case 'evaluation':
      return handle.executeUpdate(submitEvaluation, { args: [submission.payload], updateId });
    case 'claim':
      return handle.executeUpdate(submitClaim, { args: [submission.payload], updateId });
    case 'follow_up':
      return handle.executeUpdate(submitFollowUp, { args: [submission.payload], updateId });
  }
}

/** A refusal the v1 workflow raised, as the domain names it; anything else as it came. */
function answerOf(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const details = failure.details?.[0] as never;
    switch (failure.type) {
      case REFUSAL.outOfOrder:
        return refusalError({ type: 'SubmissionOutOfOrder', message: failure.message });
      case REFUSAL.invalid:
        return refusalError({ type: 'SubmissionInvalid', message: failure.message, details });
      case REFUSAL.claimRefused:
        return refusalError({ type: 'ClaimRefused', message: failure.message, details });
    }
  }
  if (err instanceof WorkflowNotFoundError) return new Conflict('the enrollment is closed');
  return err;
}
