// Steps 3-4: a competence attempt (graded, with its result email) and the
// evaluation. Each acts on a stored submission: checked again against what
// PostgreSQL holds now, then recorded with the stage it leads to, or refused.
import { log } from '@temporalio/activity';
import { competenceAttempts, enrollments, evaluations } from '../../src/db/schema/index.js';
import { gradeCompetence } from '../../src/domain/grading.js';
import type {
  CompetenceResult,
  CompetenceSubmission,
  EvaluationSubmission,
} from '../../src/domain/submission-types.js';
import { stillAt, type Refusal } from '../../src/enrollment/submission-checks.js';
import { queueEmail } from '../../src/outbox/outbox.js';
import { evaluationRow } from '../../src/db/fact-rows.js';
import type { StepDeps } from './index.js';
import { closeEnrollmentRow, recordSubmission, refuseSubmissionRow } from './step.js';
import { recordedOrNot, settleOnce, type SubmissionRef } from './settle-once.js';

export function createSubmissionSteps(deps: StepDeps) {
  const { db, emails } = deps;
  return {
    /** Grades an attempt; the last failed attempt closes the enrollment as failed_competence. */
    gradeCompetenceAttempt(ref: SubmissionRef): Promise<{ passed: boolean; closed: boolean }> {
      return settleOnce(deps, ref, {
        settled(submission) {
          const result = submission.result as unknown as CompetenceResult | null;
          return {
            passed: !!result?.passed,
            closed: !!result && !result.passed && result.attemptsLeft === 0,
          };
        },
        refused: { passed: false, closed: false },
        async record(tx, submission, state) {
          const { competence } = state.policy;
          const { answers } = submission.payload as unknown as CompetenceSubmission;
          const grade = gradeCompetence(competence.items, answers, competence.passMark);
          const attemptNo = state.attempts + 1;
          const attemptsLeft = grade.passed ? 0 : competence.maxAttempts - attemptNo;
          const at = new Date();
          const attempt = { enrollmentId: ref.enrollmentId, attemptNo, answers, ...grade, submittedAt: at };
          const closed = !grade.passed && attemptsLeft <= 0;
          await tx
            .insert(competenceAttempts)
            .values(attempt)
            .onConflictDoNothing({ target: [competenceAttempts.enrollmentId, competenceAttempts.attemptNo] });
          if (grade.passed)
            await tx
              .update(enrollments)
              .set({ competencePassedAt: at, stage: 'evaluation' })
              .where(stillAt(ref.enrollmentId, 'competence'));
          await queueEmail(tx, await emails.competenceResult(state, { id: '', ...attempt }));
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
          log.info('competence attempt graded', {
            enrollmentId: ref.enrollmentId,
            attemptNo,
            passed: grade.passed,
          });
          return { passed: grade.passed, closed };
        },
      });
    },

    /** Records the evaluation and the commitment to change; the claim comes next. */
    acceptEvaluation(ref: SubmissionRef): Promise<{ recorded: boolean }> {
      return settleOnce(deps, ref, {
        ...recordedOrNot,
        async record(tx, submission) {
          const evaluation = submission.payload as unknown as EvaluationSubmission;
          const at = new Date();
          await tx
            .insert(evaluations)
            .values(evaluationRow(ref.enrollmentId, evaluation, at))
            .onConflictDoNothing({ target: evaluations.enrollmentId });
          await tx
            .update(enrollments)
            .set({ evaluatedAt: at, stage: 'claim' })
            .where(stillAt(ref.enrollmentId, 'evaluation'));
          await recordSubmission(tx, submission.id, { recorded: true });
          return { recorded: true };
        },
      });
    },

    /** A submission the workflow cannot take at its stage. */
    async refuseSubmission(input: { submissionId: string; type: Refusal['type']; message: string }) {
      await refuseSubmissionRow(db, input.submissionId, { type: input.type, message: input.message });
      log.info('submission refused', { submissionId: input.submissionId, type: input.type });
    },
  };
}
