// Email queued ahead of its moment: the follow-up questionnaire is queued when
// the learner is certified, due months later, so that when many fall due
// together the outbox sender delivers them at the speed of SMTP without
// waiting for each workflow to wake. A scheduled row is a pending row no
// sender has tried whose nextAttemptAt is later than when it was queued;
// senders take it once due like any other. Whatever means it must not go out
// (the enrollment closed, its activity's end moved, the learner's address
// changed) deletes it in the same
// transaction, so the step that would have sent it queues it anew if needed.
import { and, eq, gt, inArray, min, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { emailOutbox, enrollments } from '../db/schema/index.js';

type Db = Pick<Database, 'select' | 'update' | 'delete'>;

/** The dedupe key of an enrollment's follow-up questionnaire (its reminders have their own). */
export const followUpEmailKey = (enrollmentId: string) => `${enrollmentId}:follow_up`;

/** Never tried, queued for later than it was queued. */
const scheduled = and(
  eq(emailOutbox.status, 'pending'),
  eq(emailOutbox.attempts, 0),
  gt(emailOutbox.nextAttemptAt, emailOutbox.createdAt),
);

/**
 * Deletes the scheduled rows of the enrollments `which` selects (a condition
 * on enrollments: one closed, an activity's whose end moved, a learner's
 * whose address changed); returns how many.
 */
export async function cancelScheduled(db: Db, which: SQL | undefined): Promise<number> {
  const ofThose = db.select({ id: enrollments.id }).from(enrollments).where(which);
  const rows = await db
    .delete(emailOutbox)
    .where(and(scheduled, inArray(emailOutbox.enrollmentId, ofThose)))
    .returning({ id: emailOutbox.id });
  return rows.length;
}

/**
 * The step that would have queued the email now finds it queued ahead: makes
 * it due now if it was due later (never later than the step would have sent
 * it). Returns when it is due, or undefined when there is no such row.
 */
export async function dueNow(db: Db, dedupeKey: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ status: emailOutbox.status, dueAt: emailOutbox.nextAttemptAt })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, dedupeKey));
  if (!row) return undefined;
  if (row.status === 'pending' && row.dueAt.getTime() > Date.now()) {
    await db
      .update(emailOutbox)
      .set({ nextAttemptAt: sql`least(${emailOutbox.nextAttemptAt}, now())` })
      .where(and(eq(emailOutbox.dedupeKey, dedupeKey), scheduled));
    return new Date();
  }
  return row.dueAt;
}

/**
 * The enrollment's follow-up questionnaire is in the outbox (scheduled, or
 * sent on its moment). Before the follow-up step runs, only the claim step
 * queues it, ahead: a retry of that step reads here what its first try did.
 */
export async function followUpQueued(db: Pick<Database, 'select'>, enrollmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, followUpEmailKey(enrollmentId)));
  return row !== undefined;
}

/** When the earliest pending row falls (or fell) due: the sender's timer. */
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: min(emailOutbox.nextAttemptAt) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'pending'));
  return row?.at ?? undefined;
}
