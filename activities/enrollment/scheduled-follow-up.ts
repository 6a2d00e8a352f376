// The follow-up questionnaire, composed and queued ahead: the claim step that
// certifies the learner queues it in the outbox as a scheduled row due when
// the workflow's follow-up timer fires, so a crowd of follow-ups falling due
// together leaves at the speed of SMTP instead of waiting for each workflow
// to wake (the follow-up step then finds it queued). Only when the moment is
// certain from PostgreSQL: the workflow counts from the plan it was started
// with, so an activity changed since the enrollment began is left to the step.
import { eq } from 'drizzle-orm';
import { evaluations } from '../../src/db/schema/index.js';
import { toMs } from '../../src/domain/duration.js';
import type { OutboxMail } from '../../src/outbox/outbox.js';
import type { Tx } from './step.js';
import type { StepDeps } from './index.js';
import { policyOf, type Parties } from './emails.js';

/** Closer than this, the step sends it as before (and the certificate email surely goes first). */
export const SCHEDULE_AHEAD_MIN_MS = 5_000;

/**
 * When the workflow's follow-up timer fires, as PostgreSQL knows it: a live
 * activity's end plus the delay; an enduring one's completion plus the delay
 * (recorded just after the workflow's own moment, so never before it).
 * Undefined when there is no follow-up or it cannot be known for sure.
 */
export function followUpDueAt(p: Parties, now: Date): Date | undefined {
  const { followUp } = policyOf(p);
  if (!followUp.enabled || p.enrollment.workflowVersion !== 2) return undefined;
  // The plan fixed the activity's end when the enrollment began: a later edit may have moved it.
  if (p.activity.updatedAt > p.enrollment.enrolledAt) return undefined;
  const anchor = p.activity.format === 'live' ? p.activity.endsAt : p.enrollment.attendanceCompletedAt;
  if (!anchor) return undefined;
  const due = new Date(anchor.getTime() + toMs(followUp.delay));
  return due.getTime() - now.getTime() >= SCHEDULE_AHEAD_MIN_MS ? due : undefined;
}

/** The questionnaire (or a reminder), quoting the commitment, as if sent at `sentAt`. */
export async function composeFollowUp(
  deps: Pick<StepDeps, 'db' | 'emails'>,
  p: Parties,
  reminderNo: number,
  sentAt?: Date,
  db: Pick<Tx, 'select'> = deps.db,
): Promise<OutboxMail> {
  const [evaluation] = await db
    .select({ commitment: evaluations.commitment })
    .from(evaluations)
    .where(eq(evaluations.enrollmentId, p.enrollment.id));
  const parties = sentAt ? { ...p, enrollment: { ...p.enrollment, followUpSentAt: sentAt } } : p;
  return deps.emails.followUp(parties, reminderNo, evaluation?.commitment ?? '');
}

/** The follow-up to queue with the certificates, due at its moment; undefined when the step will send it. */
export async function scheduledFollowUp(
  deps: Pick<StepDeps, 'db' | 'emails'>,
  p: Parties,
  tx: Tx,
  now: Date,
): Promise<OutboxMail | undefined> {
  const dueAt = followUpDueAt(p, now);
  if (!dueAt) return undefined;
  return { ...(await composeFollowUp(deps, p, 0, dueAt, tx)), notBefore: dueAt };
}
