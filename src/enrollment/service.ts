// The enrollment operations every surface calls (API routes, learner forms,
// CLI, demo). Events go to the workflow as signals, submissions as updates the
// workflow validates; problems come back as HttpError with a message naming
// what is wrong (404 unknown, 409 out of order or finished, 422 refused by the
// credit rules, 400 malformed for this activity).
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { and, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import {
  activities,
  competenceAttempts,
  creditClaims,
  emailOutbox,
  enrollments,
  learners,
  payments,
  type EnrollmentStage,
} from '../db/schema/index.js';
import type { ActivityInput } from '../domain/policy.js';
import { HttpError } from '../http/route.js';
import {
  enrollmentWorkflowId,
  paymentReceived,
  attendanceRecorded,
  withdrawn,
  stateQuery,
  submitClaim as submitClaimUpdate,
  submitCompetence as submitCompetenceUpdate,
  submitEvaluation as submitEvaluationUpdate,
  submitFollowUp as submitFollowUpUpdate,
  type AttendanceEvent,
  type ClaimResult,
  type ClaimSubmission,
  type CompetenceResult,
  type CompetenceSubmission,
  type EnrollmentState,
  type EvaluationSubmission,
  type FollowUpSubmission,
  type PaymentEvent,
  type WithdrawalEvent,
} from '../../workflows/messages.js';
import { REFUSAL } from '../../workflows/submission-checks.js';
import type { enrollmentWorkflow } from '../../workflows/enrollment.js';
import type { LearnerInput } from './schemas.js';

type EnrollmentRow = typeof enrollments.$inferSelect;

// ---- activities ----------------------------------------------------------------

/** Creates or replaces an activity. Running enrollments keep the policy they started with. */
export async function saveActivity(
  ctx: AppContext,
  activityId: string,
  input: ActivityInput,
): Promise<{ created: boolean }> {
  const values = {
    title: input.title,
    programId: input.programId,
    providerName: input.providerName,
    format: input.format,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    location: input.location ?? null,
    learningObjectives: input.learningObjectives,
    priceCents: input.priceCents,
    currency: input.currency,
    policy: input.policy,
  };
  const inserted = await ctx.db
    .insert(activities)
    .values({ id: activityId, ...values })
    .onConflictDoNothing({ target: activities.id })
    .returning({ id: activities.id });
  if (inserted.length > 0) return { created: true };
  await ctx.db
    .update(activities)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(activities.id, activityId));
  return { created: false };
}

// ---- enrollment ------------------------------------------------------------------

/**
 * Enrolls a learner: the learner's details are upserted in PostgreSQL (the
 * workflow gets ids only) and one workflow per (activity, learner) is started.
 * A second call returns the existing enrollment.
 */
export async function enroll(
  ctx: AppContext,
  activityId: string,
  learner: LearnerInput,
  options: { feeWaiver?: string } = {},
): Promise<{ enrollmentId: string; workflowId: string; created: boolean }> {
  const [activity] = await ctx.db
    .select({ id: activities.id })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!activity) throw new HttpError(404, `activityId: no activity "${activityId}"`);

  const details = {
    name: learner.name,
    email: learner.email,
    profession: learner.profession ?? null,
    nabpEProfileId: learner.nabpEProfileId ?? null,
    birthMonthDay: learner.birthMonthDay ?? null,
    stateLicences: learner.stateLicences ?? {},
    ascpId: learner.ascpId ?? null,
  };
  await ctx.db
    .insert(learners)
    .values({ id: learner.id, ...details })
    .onConflictDoUpdate({ target: learners.id, set: { ...details, updatedAt: new Date() } });

  const workflowId = enrollmentWorkflowId(activityId, learner.id);
  const inserted = await ctx.db
    .insert(enrollments)
    .values({ activityId, learnerId: learner.id, workflowId, feeWaiver: options.feeWaiver ?? null })
    .onConflictDoNothing({ target: [enrollments.activityId, enrollments.learnerId] })
    .returning();
  const created = inserted.length > 0;
  const row =
    inserted[0] ??
    (
      await ctx.db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.activityId, activityId), eq(enrollments.learnerId, learner.id)))
    )[0];

  // Started on every call, so an enroll that crashed between the row and the
  // start is completed by its retry; a running or finished workflow is kept.
  try {
    await ctx.temporal.workflow.start<typeof enrollmentWorkflow>('enrollmentWorkflow', {
      taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [{ enrollmentId: row.id, activityId, learnerId: learner.id }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { enrollmentId: row.id, workflowId, created };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findEnrollment(ctx: AppContext, enrollmentId: string): Promise<EnrollmentRow> {
  const [row] = UUID.test(enrollmentId)
    ? await ctx.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId))
    : [];
  if (!row) throw new HttpError(404, `enrollmentId: no enrollment "${enrollmentId}"`);
  return row;
}

function closedError(row: Pick<EnrollmentRow, 'outcome'>): HttpError {
  return new HttpError(409, `the enrollment is closed (${row.outcome ?? 'finished'})`);
}

function requireStage(row: EnrollmentRow, allowed: EnrollmentStage[], what: string): void {
  if (row.stage === 'closed') throw closedError(row);
  if (!allowed.includes(row.stage)) {
    throw new HttpError(409, `${what} is not taken now: the enrollment is at stage ${row.stage}`);
  }
}

/** Sends a signal; a workflow that has already finished answers 409 with its outcome. */
async function signal(
  ctx: AppContext,
  row: EnrollmentRow,
  send: (handle: WorkflowHandle) => Promise<void>,
): Promise<void> {
  try {
    await send(ctx.temporal.workflow.getHandle(row.workflowId));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw closedError(await findEnrollment(ctx, row.id));
    throw err;
  }
}

// ---- events (signals) ------------------------------------------------------------

export async function recordPayment(
  ctx: AppContext,
  enrollmentId: string,
  event: PaymentEvent,
): Promise<void> {
  const row = await findEnrollment(ctx, enrollmentId);
  const [known] = await ctx.db.select().from(payments).where(eq(payments.reference, event.reference));
  if (known) {
    // The same event again changes nothing; the same reference for something else is a conflict.
    if (known.enrollmentId === enrollmentId && known.kind === 'payment') return;
    throw new HttpError(409, `reference: payment reference "${event.reference}" is already used`);
  }
  requireStage(row, ['awaiting_payment'], 'a payment');
  const [activity] = await ctx.db
    .select({ priceCents: activities.priceCents, currency: activities.currency })
    .from(activities)
    .where(eq(activities.id, row.activityId));
  if (event.currency.toUpperCase() !== activity.currency.toUpperCase())
    throw new HttpError(
      422,
      `currency: the activity is priced in ${activity.currency}, not ${event.currency}`,
    );
  if (event.amountCents < activity.priceCents)
    throw new HttpError(
      422,
      `amountCents: ${event.amountCents} is less than the price, ${activity.priceCents} ${activity.currency}`,
    );
  await signal(ctx, row, (h) => h.signal(paymentReceived, event));
}

export async function recordAttendance(
  ctx: AppContext,
  enrollmentId: string,
  event: AttendanceEvent,
): Promise<void> {
  const row = await findEnrollment(ctx, enrollmentId);
  requireStage(row, ['awaiting_payment', 'attending'], 'attendance');
  await signal(ctx, row, (h) => h.signal(attendanceRecorded, event));
}

export async function withdraw(ctx: AppContext, enrollmentId: string, event: WithdrawalEvent): Promise<void> {
  const row = await findEnrollment(ctx, enrollmentId);
  if (row.stage === 'certified' || row.stage === 'follow_up')
    throw new HttpError(
      409,
      `a withdrawal is not taken now: the learner is already certified (stage ${row.stage})`,
    );
  requireStage(row, ['awaiting_payment', 'attending', 'competence', 'evaluation', 'claim'], 'a withdrawal');
  await signal(ctx, row, (h) => h.signal(withdrawn, event));
}

// ---- submissions (updates) -------------------------------------------------------

/** Runs an update; the workflow's refusals become 409 / 400 / 422. */
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
          throw new HttpError(409, failure.message);
        case REFUSAL.invalid:
          throw new HttpError(400, failure.message, details);
        case REFUSAL.claimRefused:
          throw new HttpError(422, `claim refused: ${failure.message}`, details);
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
