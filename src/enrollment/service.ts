// The enrollment operations every surface calls (API routes, learner forms,
// CLI, demo). Events go to the workflow as signals; submissions are stored and
// signalled by id (src/enrollment/submissions.ts). State is read from
// PostgreSQL, which the workflow's steps keep current. Problems come back as
// HttpError with a message naming what is wrong (404 unknown, 409 out of order
// or finished, 422 refused by the credit rules, 400 malformed for this activity).
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
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
} from '../db/schema.js';
import type { ActivityInput } from '../domain/policy.js';
import { HttpError } from '../http/route.js';
import {
  enrollmentWorkflowId,
  paymentReceived,
  attendanceRecorded,
  withdrawn,
  type AttendanceEvent,
  type EnrollmentPlan,
  type EnrollmentState,
  type PaymentEvent,
  type WithdrawalEvent,
} from '../../workflows/messages.js';
import type {
  ClaimResult,
  ClaimSubmission,
  CompetenceResult,
  CompetenceSubmission,
  EvaluationSubmission,
  FollowUpSubmission,
} from '../domain/submission-types.js';
import type { enrollmentWorkflow } from '../../workflows/enrollment.js';
import type { LearnerInput } from './schemas.js';
import type { SubmissionPayload } from './submission-checks.js';
import { hashOf, submitToWorkflow } from './submissions.js';
import { submitAsUpdate } from './legacy-updates.js';

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
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new HttpError(404, `activityId: no activity "${activityId}"`);
  const { policy } = activity;
  const { feeWaiver } = options;
  // A waiver the activity does not accept would silently leave the learner owing: refuse it up front.
  if (feeWaiver && !policy.feeWaivers.includes(feeWaiver))
    throw new HttpError(
      400,
      `body.feeWaiver: "${feeWaiver}" is not a waiver this activity accepts (${policy.feeWaivers.join(', ') || 'none'})`,
    );

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

  // The run follows the policy as it is now, whatever later edits do to the activity.
  const plan: EnrollmentPlan = {
    format: activity.format,
    endsAt: activity.endsAt.toISOString(),
    paymentDue: activity.priceCents > 0 && !feeWaiver,
    competenceItems: policy.competence.items.length,
    maxAttempts: policy.competence.maxAttempts,
    windows: policy.windows,
    followUp: policy.followUp,
  };
  const workflowId = enrollmentWorkflowId(activityId, learner.id);
  const inserted = await ctx.db
    .insert(enrollments)
    .values({
      activityId,
      learnerId: learner.id,
      workflowId,
      feeWaiver: feeWaiver ?? null,
      policy,
      workflowVersion: 2,
      stage: plan.paymentDue ? 'awaiting_payment' : 'attending',
    })
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
  // A row made before v2 starts (if ever) without a plan, and runs v1.
  try {
    await ctx.temporal.workflow.start<typeof enrollmentWorkflow>('enrollmentWorkflow', {
      taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [
        {
          enrollmentId: row.id,
          activityId,
          learnerId: learner.id,
          ...(row.workflowVersion === 2 ? { plan } : {}),
        },
      ],
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

// ---- submissions --------------------------------------------------------------

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
