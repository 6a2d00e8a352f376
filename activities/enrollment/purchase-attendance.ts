// Steps 1-2: the payment (with its receipt) and attendance (with, on
// completion, the next stage and its invitation).
import { Context, log } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import { attendance, enrollments, payments } from '../../src/db/schema/index.js';
import type { AttendanceEvent, PaymentEvent } from '../../workflows/messages.js';
import { attendanceRow } from '../../src/db/fact-rows.js';
import type { StepDeps } from './index.js';
import { dataErrorReason, inTransaction, isDataError, loadParties, type Tx } from './step.js';
import { queueEmail } from '../../src/outbox/outbox.js';

export function createPurchaseAttendanceSteps(deps: StepDeps) {
  const { db, emails } = deps;
  return {
    /** Records the payment (its reference is unique: a replayed event adds nothing), opens attendance, queues the receipt. */
    async acceptPayment({ enrollmentId, payment }: { enrollmentId: string; payment: PaymentEvent }) {
      const parties = await loadParties(db, enrollmentId);
      const receivedAt = new Date(payment.receivedAt);
      const row = { enrollmentId, ...payment, kind: 'payment' as const, receivedAt };
      const receipt = await emails.receipt(parties, { id: '', ...row });
      await inTransaction(deps, async (tx) => {
        await tx.insert(payments).values(row).onConflictDoNothing({ target: payments.reference });
        await tx
          .update(enrollments)
          .set({ paidAt: receivedAt, stage: 'attending' })
          .where(and(eq(enrollments.id, enrollmentId), eq(enrollments.stage, 'awaiting_payment')));
        await queueEmail(tx, receipt);
      });
      log.info('payment recorded', { enrollmentId });
    },

    /**
     * Records attendance events and the running total; on completion also the
     * completion time and the next stage, with the competence check's invitation.
     * An event the database refuses (a malformed key) is skipped and logged,
     * so one bad event cannot hold the enrollment.
     */
    async recordAttendance(input: {
      enrollmentId: string;
      events: AttendanceEvent[];
      minutesAttended: number;
      complete: { next: 'competence' | 'evaluation' } | null;
    }) {
      const { enrollmentId, events, complete } = input;
      const parties = complete?.next === 'competence' ? await loadParties(db, enrollmentId) : undefined;
      const invite = parties ? await emails.competenceInvite(parties) : undefined;
      await inTransaction(deps, async (tx) => {
        for (const event of events) await insertAttendance(tx, enrollmentId, event);
        await tx
          .update(enrollments)
          .set({
            minutesAttended: input.minutesAttended,
            ...(complete ? { attendanceCompletedAt: new Date(), stage: complete.next } : {}),
          })
          .where(eq(enrollments.id, enrollmentId));
        if (invite) await queueEmail(tx, invite);
      });
      if (complete) log.info('attendance completed', { enrollmentId, next: complete.next });
    },
  };
}

async function insertAttendance(tx: Tx, enrollmentId: string, event: AttendanceEvent): Promise<void> {
  try {
    // A savepoint per event: a refused one leaves the others and the transaction intact.
    await tx.transaction(async (sp) => {
      await sp
        .insert(attendance)
        .values(attendanceRow(enrollmentId, event))
        .onConflictDoNothing({ target: [attendance.enrollmentId, attendance.eventKey] });
    });
  } catch (err) {
    if (!isDataError(err)) throw err;
    Context.current().log.warn('attendance event refused by the database; skipped', {
      enrollmentId,
      reason: dataErrorReason(err),
    });
  }
}
