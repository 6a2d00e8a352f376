// Steps 3-4: a competence attempt (graded, with its result email) and the
// evaluation. Each acts on a stored submission: checked again against what
// PostgreSQL holds now, then recorded with the stage it leads to, or refused.
import { ApplicationFailure, log } from '@temporalio/activity';
import { competenceAttempts, enrollments, evaluations } from '../../src/db/schema/index.js';
import { gradeCompetence } from '../../src/domain/grading.js';
import type {
  CompetenceResult,
  CompetenceSubmission,
  EvaluationSubmission,
} from '../../src/domain/submission-types.js';
import {
  loadSubmissionState,
  refusalOf,
  stillAt,
  type Refusal,
  type SubmissionState,
} from '../../src/enrollment/submission-checks.js';
import { queueEmail } from '../../src/outbox/outbox.js';
import { evaluationRow } from '../../src/db/fact-rows.js';
import type { StepDeps } from './index.js';
import {
  closeEnrollmentRow,
  inTransaction,
  loadSubmission,
  recordSubmission,
  refuseSubmissionRow,
  type SubmissionRow,
} from './step.js';

type Ref = { enrollmentId: string; submissionId: string };

/** The submission and the state it is checked against; `settled` when an earlier try already acted on it. */
export async function openSubmission(
  deps: StepDeps,
  { enrollmentId, submissionId }: Ref,
): Promise<{ submission: SubmissionRow; state: SubmissionState; refusal: Refusal | null }> {
  const submission = await loadSubmission(deps.db, submissionId);
  const state = await loadSubmissionState(deps.db, enrollmentId);
  if (!state) throw ApplicationFailure.nonRetryable(`no enrollment ${enrollmentId}`, 'EnrollmentNotFound');
  const refusal =
    submission.status === 'pending'
      ? refusalOf(state, { kind: submission.kind, payload: submission.payload } as never)
      : null;
  return { submission, state, refusal };
}

export function createSubmissionSteps(deps: StepDeps) {
  const { db, emails } = deps;
  return {
    /** Grades an attempt; the last failed attempt closes the enrollment as failed_competence. */
    async gradeCompetenceAttempt(ref: Ref): Promise<{ passed: boolean; closed: boolean }> {
      const { submission, state, refusal } = await openSubmission(deps, ref);
      if (submission.status !== 'pending') {
        const result = submission.result as unknown as CompetenceResult | null;
        return { passed: !!result?.passed, closed: !!result && !result.passed && result.attemptsLeft === 0 };
      }
      if (refusal) {
        await refuseSubmissionRow(db, submission.id, refusal);
        return { passed: false, closed: false };
      }
      const { competence } = state.policy;
      const { answers } = submission.payload as unknown as CompetenceSubmission;
      const grade = gradeCompetence(competence.items, answers, competence.passMark);
      const attemptNo = state.attempts + 1;
      const attemptsLeft = grade.passed ? 0 : competence.maxAttempts - attemptNo;
      const at = new Date();
      const attempt = { enrollmentId: ref.enrollmentId, attemptNo, answers, ...grade, submittedAt: at };
      const email = await emails.competenceResult(state, { id: '', ...attempt });
      const closed = !grade.passed && attemptsLeft <= 0;
      await inTransaction(deps, async (tx) => {
        await tx
          .insert(competenceAttempts)
          .values(attempt)
          .onConflictDoNothing({ target: [competenceAttempts.enrollmentId, competenceAttempts.attemptNo] });
        if (grade.passed)
          await tx
            .update(enrollments)
            .set({ competencePassedAt: at, stage: 'evaluation' })
            .where(stillAt(ref.enrollmentId, 'competence'));
        await queueEmail(tx, email);
        const result: CompetenceResult = {
          attemptNo,
          score: grade.score,
          passed: grade.passed,
          attemptsLeft,
          itemResults: grade.itemResults,
        };
        await recordSubmission(tx, submission.id, { ...result });
        // Closing refuses whatever is still pending, so it comes after this submission is recorded.
        if (closed)
          await closeEnrollmentRow(tx, { enrollmentId: ref.enrollmentId, outcome: 'failed_competence' });
      });
      log.info('competence attempt graded', {
        enrollmentId: ref.enrollmentId,
        attemptNo,
        passed: grade.passed,
      });
      return { passed: grade.passed, closed };
    },

    /** Records the evaluation and the commitment to change; the claim comes next. */
    async acceptEvaluation(ref: Ref): Promise<{ recorded: boolean }> {
      const { submission, refusal } = await openSubmission(deps, ref);
      if (submission.status !== 'pending') return { recorded: submission.status === 'recorded' };
      if (refusal) {
        await refuseSubmissionRow(db, submission.id, refusal);
        return { recorded: false };
      }
      const evaluation = submission.payload as unknown as EvaluationSubmission;
      const at = new Date();
      await inTransaction(deps, async (tx) => {
        await tx
          .insert(evaluations)
          .values(evaluationRow(ref.enrollmentId, evaluation, at))
          .onConflictDoNothing({ target: evaluations.enrollmentId });
        await tx
          .update(enrollments)
          .set({ evaluatedAt: at, stage: 'claim' })
          .where(stillAt(ref.enrollmentId, 'evaluation'));
        await recordSubmission(tx, submission.id, { recorded: true });
      });
      return { recorded: true };
    },

    /** A submission the workflow cannot take at its stage. */
    async refuseSubmission(input: { submissionId: string; type: Refusal['type']; message: string }) {
      await refuseSubmissionRow(db, input.submissionId, { type: input.type, message: input.message });
      log.info('submission refused', { submissionId: input.submissionId, type: input.type });
    },
  };
}
