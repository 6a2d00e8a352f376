// Whether a submission can be taken now, from what PostgreSQL holds: the API
// checks before storing it (so the caller hears at once), and the workflow's
// step checks again before recording it (the state may have moved since).
import { and, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { competenceAttempts, emailOutbox, enrollments, type EnrollmentStage } from '../db/schema/index.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { followUpEmailKey } from '../outbox/scheduled.js';
import { checkAnswers } from '../domain/grading.js';
import { checkClaim, credentialFlags, minutesForClaim, type ClaimProblem } from '../domain/credits.js';
import type { Policy } from '../domain/policy.js';
import { evaluationProblems, followUpProblems } from '../domain/submission-rules.js';
import type {
  ClaimSubmission,
  CompetenceSubmission,
  EvaluationSubmission,
  FollowUpSubmission,
} from '../domain/submission-types.js';
import type { SubmissionKind } from '../../workflows/messages.js';

/** Why a submission is not taken. out_of_order → 409, invalid → 400, claim_refused → 422. */
export interface Refusal {
  type: 'SubmissionOutOfOrder' | 'SubmissionInvalid' | 'ClaimRefused';
  message: string;
  details?: string[] | ClaimProblem[];
}

export type SubmissionPayload =
  | { kind: 'competence'; payload: CompetenceSubmission }
  | { kind: 'evaluation'; payload: EvaluationSubmission }
  | { kind: 'claim'; payload: ClaimSubmission }
  | { kind: 'follow_up'; payload: FollowUpSubmission };

/** The stage each kind is taken at, and what it is called in a message. */
const TAKEN_AT: Record<SubmissionKind, [EnrollmentStage, string]> = {
  competence: ['competence', 'a competence answer'],
  evaluation: ['evaluation', 'the evaluation'],
  claim: ['claim', 'a credit claim'],
  follow_up: ['follow_up', 'a follow-up answer'],
};

export type SubmissionState = NonNullable<Awaited<ReturnType<typeof loadSubmissionState>>>;

/** What the checks need about one enrollment, in one round trip per table. */
export async function loadSubmissionState(db: Database, enrollmentId: string) {
  const parties = await findEnrollmentParties(db, enrollmentId);
  if (!parties) return undefined;
  const [attempts] = await db
    .select({ n: count(), passed: sql<boolean>`coalesce(bool_or(${competenceAttempts.passed}), false)` })
    .from(competenceAttempts)
    .where(eq(competenceAttempts.enrollmentId, enrollmentId));
  const policy: Policy = parties.enrollment.policy ?? parties.activity.policy;
  return {
    ...parties,
    policy,
    attempts: Number(attempts?.n ?? 0),
    passed: Boolean(attempts?.passed),
    followUpOut: parties.enrollment.stage === 'certified' && (await followUpLeft(db, enrollmentId)),
  };
}

/**
 * The follow-up queued ahead has gone out (or is on its way) though the
 * workflow has not yet opened the stage (it wakes a moment later, or its
 * worker is down): the learner's answer is taken, and recorded when it does.
 */
async function followUpLeft(db: Database, enrollmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ status: emailOutbox.status })
    .from(emailOutbox)
    .where(
      and(eq(emailOutbox.dedupeKey, followUpEmailKey(enrollmentId)), sql`${emailOutbox.nextAttemptAt} <= now()`),
    );
  return !!row && ['sending', 'sent', 'unconfirmed'].includes(row.status);
}

const outOfOrder = (message: string): Refusal => ({ type: 'SubmissionOutOfOrder', message });
const invalid = (problems: string[]): Refusal => ({
  type: 'SubmissionInvalid',
  message: problems.join('; '),
  details: problems,
});

/** Null when the submission can be taken; else why not. */
export function refusalOf(state: SubmissionState, submission: SubmissionPayload): Refusal | null {
  const { enrollment, policy } = state;
  const [stage, what] = TAKEN_AT[submission.kind];
  if (enrollment.stage === 'closed')
    return outOfOrder(`the enrollment is closed (${enrollment.outcome}); ${what} is not taken`);
  const followUpAhead = submission.kind === 'follow_up' && state.followUpOut;
  if (enrollment.stage !== stage && !followUpAhead)
    return outOfOrder(`the enrollment is at stage ${enrollment.stage}; ${what} is taken at stage ${stage}`);
  switch (submission.kind) {
    case 'competence': {
      const { maxAttempts, items } = policy.competence;
      if (state.passed) return outOfOrder('the competence check is already passed');
      if (state.attempts >= maxAttempts) return outOfOrder(`all ${maxAttempts} attempts are used`);
      const { attemptNo, answers } = submission.payload;
      if (attemptNo !== undefined && attemptNo !== state.attempts + 1)
        return outOfOrder(
          `attempt ${attemptNo} is already answered; this would be attempt ${state.attempts + 1}`,
        );
      const problems = checkAnswers(items, answers ?? {});
      return problems.length > 0 ? invalid(problems) : null;
    }
    case 'evaluation': {
      if (enrollment.evaluatedAt) return outOfOrder('the evaluation is already recorded');
      const problems = evaluationProblems(submission.payload, state.activity.learningObjectives.length);
      return problems.length > 0 ? invalid(problems) : null;
    }
    case 'claim': {
      if (enrollment.claimedAt) return outOfOrder('credit is already claimed');
      // The rules are pure functions of the policy, the minutes and the learner's credentials.
      const problems = checkClaim(
        submission.payload.claims ?? [],
        policy.credits,
        minutesForClaim(state.activity.format, enrollment.minutesAttended, true),
        credentialFlags(state.profile),
        state.activity,
      );
      if (problems.length === 0) return null;
      return {
        type: 'ClaimRefused',
        message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        details: problems,
      };
    }
    case 'follow_up': {
      if (enrollment.followUpStatus !== 'pending' && !followUpAhead)
        return outOfOrder('the follow-up is already answered');
      const problems = followUpProblems(submission.payload);
      return problems.length > 0 ? invalid(problems) : null;
    }
  }
}

/** The enrollment row is still at `stage` (the step's write is conditional on it). */
export const stillAt = (enrollmentId: string, stage: EnrollmentStage) =>
  and(eq(enrollments.id, enrollmentId), eq(enrollments.stage, stage));
