// A step that acts on a learner's submission (a competence attempt, the
// evaluation, the claim, the follow-up answer) settles it once, however many
// tries of the step run. Two can run at once: under load a try overruns its
// timeout while still going, and Temporal starts the retry beside it. So the
// step takes the submission's row lock first, and reads the enrollment's state
// under it: the second try waits, then finds the submission settled and
// answers what the first settled it to. Reading the status and the state at
// different moments once refused an evaluation the first try had just recorded,
// and stranded the enrollment at a stage the learner had left.
import { ApplicationFailure } from '@temporalio/activity';
import { eq } from 'drizzle-orm';
import { submissions } from '../../src/db/schema/index.js';
import {
  loadSubmissionState,
  refusalOf,
  type SubmissionPayload,
  type SubmissionState,
} from '../../src/enrollment/submission-checks.js';
import type { StepDeps } from './index.js';
import { inTransaction, refuseSubmissionRow, type SubmissionRow, type Tx } from './step.js';

export interface SubmissionRef {
  enrollmentId: string;
  submissionId: string;
}

export interface SubmissionStep<T> {
  /** The answer for a submission already settled (by an earlier or a concurrent try), read in the step's transaction. */
  settled(submission: SubmissionRow, state: SubmissionState, tx: Tx): T | Promise<T>;
  /** The answer when the submission is refused now (the state moved on since the API took it). */
  refused: T;
  /** Records the submission and everything that goes with it, in the step's transaction. */
  record(tx: Tx, submission: SubmissionRow, state: SubmissionState): Promise<T>;
}

/** The answers of a step that only records or not (the evaluation, the follow-up answer). */
export const recordedOrNot = {
  settled: (submission: SubmissionRow) => ({ recorded: submission.status === 'recorded' }),
  refused: { recorded: false },
};

const notFound = (what: string) => ApplicationFailure.nonRetryable(`no ${what}`, 'EnrollmentNotFound');

export function settleOnce<T>(deps: StepDeps, ref: SubmissionRef, step: SubmissionStep<T>): Promise<T> {
  return inTransaction(deps, async (tx) => {
    const [submission] = await tx
      .select()
      .from(submissions)
      .where(eq(submissions.id, ref.submissionId))
      .for('update');
    if (!submission) throw notFound(`submission ${ref.submissionId}`);
    const state = await loadSubmissionState(tx, ref.enrollmentId);
    if (!state) throw notFound(`enrollment ${ref.enrollmentId}`);
    if (submission.status !== 'pending') return step.settled(submission, state, tx);
    const refusal = refusalOf(state, {
      kind: submission.kind,
      payload: submission.payload,
    } as unknown as SubmissionPayload);
    if (refusal) {
      await refuseSubmissionRow(tx, submission.id, refusal);
      return step.refused;
    }
    return step.record(tx, submission, state);
  });
}
