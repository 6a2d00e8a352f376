// The enrollment operations every surface calls (API routes, learner forms,
// CLI, demo). Events go to the workflow as signals, submissions as updates the
// workflow validates; problems come back as domain errors (src/domain/errors.ts)
// with a message naming what is wrong: NotFound, Conflict (out of order or
// finished), ClaimRefused / Refused (the credit or payment rules), Invalid
// (malformed for this activity).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { competenceAttempts, creditClaims, emailOutbox } from '../db/schema/index.js';
import type { ClaimProblem } from '../domain/credits.js';
import { ClaimRefused, Conflict, Invalid } from '../domain/errors.js';
import {
  stateQuery,
  submitClaim as submitClaimUpdate,
  submitCompetence as submitCompetenceUpdate,
  submitEvaluation as submitEvaluationUpdate,
  submitFollowUp as submitFollowUpUpdate,
  type ClaimResult,
  type ClaimSubmission,
  type CompetenceResult,
  type CompetenceSubmission,
  type EnrollmentState,
  type EvaluationSubmission,
  type FollowUpSubmission,
} from '../../workflows/messages.js';
import { REFUSAL } from '../../workflows/submission-checks.js';
import { closedError, findEnrollment, type EnrollmentRow } from './lookup.js';

export { saveActivity } from './activities.js';
export { enroll } from './enroll.js';
export { recordAttendance, recordPayment, withdraw } from './events.js';

// ---- submissions (updates) -------------------------------------------------------

/** Runs an update; the workflow's refusals become Conflict / Invalid / ClaimRefused. */
async function submit<R>(
  ctx: AppContext,
  enrollmentId: string,
  run: (workflowId: string) => Promise<R>,
): Promise<R> {
  const row = await findEnrollment(ctx, enrollmentId);
  if (row.stage === 'closed') throw closedError(row);
  try {
    return await run(row.workflowId);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const failure = err.cause;
      const details = failure.details?.[0];
      switch (failure.type) {
        case REFUSAL.outOfOrder:
          throw new Conflict(failure.message);
        case REFUSAL.invalid:
          throw new Invalid(failure.message, details);
        case REFUSAL.claimRefused:
          throw new ClaimRefused(`claim refused: ${failure.message}`, (details ?? []) as ClaimProblem[]);
      }
    }
    if (err instanceof WorkflowNotFoundError) throw closedError(await findEnrollment(ctx, enrollmentId));
    throw err;
  }
}

export function submitCompetence(
  ctx: AppContext,
  enrollmentId: string,
  submission: CompetenceSubmission,
): Promise<CompetenceResult> {
  return submit(ctx, enrollmentId, (id) =>
    ctx.temporal.workflow.getHandle(id).executeUpdate(submitCompetenceUpdate, { args: [submission] }),
  );
}

export function submitEvaluation(
  ctx: AppContext,
  enrollmentId: string,
  submission: EvaluationSubmission,
): Promise<void> {
  return submit(ctx, enrollmentId, (id) =>
    ctx.temporal.workflow.getHandle(id).executeUpdate(submitEvaluationUpdate, { args: [submission] }),
  );
}

export function submitClaim(
  ctx: AppContext,
  enrollmentId: string,
  submission: ClaimSubmission,
): Promise<ClaimResult> {
  return submit(ctx, enrollmentId, (id) =>
    ctx.temporal.workflow.getHandle(id).executeUpdate(submitClaimUpdate, { args: [submission] }),
  );
}

export function submitFollowUp(
  ctx: AppContext,
  enrollmentId: string,
  submission: FollowUpSubmission,
): Promise<void> {
  return submit(ctx, enrollmentId, (id) =>
    ctx.temporal.workflow.getHandle(id).executeUpdate(submitFollowUpUpdate, { args: [submission] }),
  );
}

// ---- reading ---------------------------------------------------------------------

/** Milestones with their timestamp columns, in lifecycle order. */
const MILESTONES = [
  ['enrolled', 'enrolledAt'],
  ['paid', 'paidAt'],
  ['attendance_completed', 'attendanceCompletedAt'],
  ['competence_passed', 'competencePassedAt'],
  ['evaluated', 'evaluatedAt'],
  ['claimed', 'claimedAt'],
  ['certified', 'certifiedAt'],
  ['follow_up_sent', 'followUpSentAt'],
  ['follow_up_answered', 'followUpAnsweredAt'],
  ['closed', 'closedAt'],
] as const satisfies readonly (readonly [string, keyof EnrollmentRow])[];

export function stagesOf(row: EnrollmentRow): { stage: string; at: Date }[] {
  return MILESTONES.flatMap(([stage, column]) => {
    const at = row[column] as Date | null;
    return at ? [{ stage, at }] : [];
  });
}

/** The state as PostgreSQL has it: for a workflow that cannot be queried (long gone from Temporal). */
async function stateFromDatabase(ctx: AppContext, row: EnrollmentRow): Promise<EnrollmentState> {
  const [[attempts], claims, [reminders]] = await Promise.all([
    ctx.db
      .select({ n: count(), passed: sql<boolean>`bool_or(${competenceAttempts.passed})` })
      .from(competenceAttempts)
      .where(eq(competenceAttempts.enrollmentId, row.id)),
    ctx.db
      .select({ creditType: creditClaims.creditType, credits: creditClaims.credits })
      .from(creditClaims)
      .where(eq(creditClaims.enrollmentId, row.id)),
    ctx.db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.enrollmentId, row.id), eq(emailOutbox.kind, 'follow_up_reminder'))),
  ]);
  return {
    stage: row.stage,
    outcome: row.outcome,
    followUpStatus: row.followUpStatus,
    paid: row.paidAt !== null,
    minutesAttended: row.minutesAttended,
    competenceAttempts: Number(attempts?.n ?? 0),
    competencePassed: Boolean(attempts?.passed),
    evaluated: row.evaluatedAt !== null,
    claims: claims.map((c) => ({ creditType: c.creditType, credits: Number(c.credits) })),
    followUpRemindersSent: Number(reminders?.n ?? 0),
    timestamps: Object.fromEntries(stagesOf(row).map((s) => [s.stage, s.at.toISOString()])),
  };
}

export async function getEnrollment(
  ctx: AppContext,
  enrollmentId: string,
): Promise<{
  enrollment: EnrollmentRow;
  activityId: string;
  learnerId: string;
  state: EnrollmentState;
  stages: { stage: string; at: Date }[];
}> {
  const row = await findEnrollment(ctx, enrollmentId);
  let state: EnrollmentState;
  try {
    state = await ctx.temporal.workflow.getHandle(row.workflowId).query(stateQuery);
  } catch {
    // Gone from Temporal (retention) or no worker to answer: PostgreSQL has every stage.
    state = await stateFromDatabase(ctx, row);
  }
  return {
    enrollment: row,
    activityId: row.activityId,
    learnerId: row.learnerId,
    state,
    stages: stagesOf(row),
  };
}
