// What every step of the enrollment workflow shares: loading the enrollment
// with its parties, one transaction per step, the submission it acts on, and
// closing the enrollment. A step is idempotent: its writes are conditional or
// keyed, and a submission already settled returns what it settled to.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { enrollments, submissions, type EnrollmentOutcome } from '../../src/db/schema/index.js';
import { findEnrollmentParties } from '../../src/db/enrollment-parties.js';
import type { Refusal } from '../../src/enrollment/submission-checks.js';
import { cancelScheduled } from '../../src/outbox/scheduled.js';
import type { Parties } from './emails.js';
import type { ActivityDeps } from '../index.js';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type SubmissionRow = typeof submissions.$inferSelect;

export async function loadParties(db: Database, enrollmentId: string): Promise<Parties> {
  const row = await findEnrollmentParties(db, enrollmentId);
  if (!row) throw ApplicationFailure.nonRetryable(`no enrollment ${enrollmentId}`, 'EnrollmentNotFound');
  return row;
}

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : e.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A database refusal of the data itself (SQLSTATE class 22: a NUL byte, a number out of range). */
export function isDataError(err: unknown): boolean {
  return !!sqlState(err)?.startsWith('22');
}

/**
 * What to say about a data error in logs and in the workflow's history: the
 * SQLSTATE only. The driver's message repeats the query's parameters (learners'
 * text, payment references) and PostgreSQL's often quotes the value.
 */
export function dataErrorReason(err: unknown): string {
  return `SQLSTATE ${sqlState(err) ?? 'unknown'}`;
}

/**
 * Runs a step's writes in one transaction. Data the database refuses will be
 * refused on every retry: that fails the step for good (DatabaseDataError)
 * instead of retrying forever; anything else (the database down) is retried.
 */
export async function inTransaction<T>(
  deps: Pick<ActivityDeps, 'db' | 'mailQueued'>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    const result = await deps.db.transaction(work);
    deps.mailQueued?.();
    return result;
  } catch (err) {
    if (isDataError(err)) {
      const reason = dataErrorReason(err);
      Context.current().log.warn('the database refused the data', { reason });
      throw ApplicationFailure.nonRetryable(`the database refused the data (${reason})`, 'DatabaseDataError');
    }
    throw err;
  }
}

export async function recordSubmission(tx: Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await tx
    .update(submissions)
    .set({ status: 'recorded', result, settledAt: new Date() })
    .where(and(eq(submissions.id, id), eq(submissions.status, 'pending')));
}

export async function refuseSubmissionRow(db: Database | Tx, id: string, refusal: Refusal): Promise<void> {
  await db
    .update(submissions)
    .set({ status: 'refused', refusal, settledAt: new Date() })
    .where(and(eq(submissions.id, id), eq(submissions.status, 'pending')));
}

/**
 * Closes the enrollment (conditional on it being open, so a retry changes
 * nothing), adds its figures to its activity's report summary (once),
 * refuses what is still pending (nobody will act on it now) and cancels the
 * email scheduled for later (the follow-up of a learner who is gone).
 */
export async function closeEnrollmentRow(
  tx: Tx,
  input: {
    enrollmentId: string;
    outcome: EnrollmentOutcome;
    minutesAttended?: number;
    followUpStatus?: 'answered' | 'not_answered' | null;
  },
): Promise<void> {
  const now = new Date();
  await tx
    .update(enrollments)
    .set({
      stage: 'closed',
      outcome: input.outcome,
      closedAt: now,
      ...(input.minutesAttended !== undefined ? { minutesAttended: input.minutesAttended } : {}),
      ...(input.followUpStatus ? { followUpStatus: input.followUpStatus } : {}),
    })
    .where(and(eq(enrollments.id, input.enrollmentId), ne(enrollments.stage, 'closed')));
  await cancelScheduled(tx, eq(enrollments.id, input.enrollmentId));
  await tx
    .update(submissions)
    .set({
      status: 'refused',
      refusal: { type: 'SubmissionOutOfOrder', message: `the enrollment is closed (${input.outcome})` },
      settledAt: now,
    })
    .where(and(eq(submissions.enrollmentId, input.enrollmentId), eq(submissions.status, 'pending')));
}
