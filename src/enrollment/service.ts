// The enrollment operations every surface calls (API routes, learner forms,
// CLI, demo). Events go to the workflow as signals; submissions are stored and
// signalled by id (./submissions.ts), or for enrollments started before v2 sent
// as updates (./legacy-updates.ts). State is read from PostgreSQL, which the
// workflow's steps keep current. Problems come back as domain errors
// (src/domain/errors.ts) with a message naming what is wrong: NotFound,
// Conflict (out of order or finished), ClaimRefused / Refused (the credit or
// payment rules), Invalid (malformed for this activity).
import { and, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { competenceAttempts, creditClaims, emailOutbox } from '../db/schema/index.js';
import type { EnrollmentState } from '../../workflows/messages.js';
import type {
  ClaimResult,
  ClaimSubmission,
  CompetenceResult,
  CompetenceSubmission,
  EvaluationSubmission,
  FollowUpSubmission,
} from '../domain/submission-types.js';
import { closedError, findEnrollment, type EnrollmentRow } from './lookup.js';
import { loadSubmissionState, refusalOf, type SubmissionPayload } from './submission-checks.js';
import { hashOf, refusalError, submitToWorkflow } from './submissions.js';
import { submitAsUpdate } from './legacy-updates.js';

export { saveActivity } from './activities.js';
export { enroll } from './enroll.js';
export { recordAttendance, recordPayment, withdraw } from './events.js';

// ---- submissions -----------------------------------------------------------------

/** Options a caller may send with a submission. */
export interface SubmitOptions {
  /** The caller's Idempotency-Key: the same key again answers the first result. */
  idempotencyKey?: string;
}

async function submit(
  ctx: AppContext,
  enrollmentId: string,
  submission: SubmissionPayload,
  options: SubmitOptions,
): Promise<unknown> {
  const row = await findEnrollment(ctx, enrollmentId);
  if (row.stage === 'closed') throw closedError(row);
  if (row.workflowVersion === 1) {
    // v1 runs check claims against flags fixed when they started: who may claim what is checked here.
    if (submission.kind === 'claim') {
      const state = await loadSubmissionState(ctx.db, row.id);
      const refusal = state && refusalOf(state, submission);
      if (refusal?.type === 'ClaimRefused') throw refusalError(refusal);
    }
    const attempt = submission.kind === 'competence' ? (submission.payload.attemptNo ?? '') : '';
    const updateId = options.idempotencyKey ?? `${submission.kind}:${attempt}:${hashOf(submission.payload)}`;
    return submitAsUpdate(ctx, row, submission, updateId);
  }
  return submitToWorkflow(ctx, row, submission, options.idempotencyKey);
}

export async function submitCompetence(
  ctx: AppContext,
  enrollmentId: string,
  payload: CompetenceSubmission,
  options: SubmitOptions = {},
): Promise<CompetenceResult> {
  return (await submit(ctx, enrollmentId, { kind: 'competence', payload }, options)) as CompetenceResult;
}

export async function submitEvaluation(
  ctx: AppContext,
  enrollmentId: string,
  payload: EvaluationSubmission,
  options: SubmitOptions = {},
): Promise<void> {
  await submit(ctx, enrollmentId, { kind: 'evaluation', payload }, options);
}

export async function submitClaim(
  ctx: AppContext,
  enrollmentId: string,
  payload: ClaimSubmission,
  options: SubmitOptions = {},
): Promise<ClaimResult> {
  const result = (await submit(ctx, enrollmentId, { kind: 'claim', payload }, options)) as ClaimResult;
  return { claims: result.claims };
}

export async function submitFollowUp(
  ctx: AppContext,
  enrollmentId: string,
  payload: FollowUpSubmission,
  options: SubmitOptions = {},
): Promise<void> {
  await submit(ctx, enrollmentId, { kind: 'follow_up', payload }, options);
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

/** The state as PostgreSQL has it: the workflow's steps write every change there. */
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
  const state = await stateFromDatabase(ctx, row);
  return {
    enrollment: row,
    activityId: row.activityId,
    learnerId: row.learnerId,
    state,
    stages: stagesOf(row),
  };
}
