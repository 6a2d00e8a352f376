// Events the enrollment system reports (payment, attendance, withdrawal): signals
// the workflow takes when it gets to them, checked against the stage first.
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, payments } from '../db/schema/index.js';
import { Conflict, Refused } from '../domain/errors.js';
import {
  attendanceRecorded,
  paymentReceived,
  withdrawn,
  type AttendanceEvent,
  type PaymentEvent,
  type WithdrawalEvent,
} from '../../workflows/messages.js';
import { closedError, findEnrollment, requireStage, type EnrollmentRow } from './lookup.js';

/** Sends a signal; a workflow that has already finished is a Conflict naming its outcome. */
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
    throw new Conflict(`reference: payment reference "${event.reference}" is already used`);
  }
  requireStage(row, ['awaiting_payment'], 'a payment');
  const [activity] = await ctx.db
    .select({ priceCents: activities.priceCents, currency: activities.currency })
    .from(activities)
    .where(eq(activities.id, row.activityId));
  if (event.currency.toUpperCase() !== activity.currency.toUpperCase())
    throw new Refused(`currency: the activity is priced in ${activity.currency}, not ${event.currency}`);
  if (event.amountCents < activity.priceCents)
    throw new Refused(
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
    throw new Conflict(
      `a withdrawal is not taken now: the learner is already certified (stage ${row.stage})`,
    );
  requireStage(row, ['awaiting_payment', 'attending', 'competence', 'evaluation', 'claim'], 'a withdrawal');
  await signal(ctx, row, (h) => h.signal(withdrawn, event));
}
