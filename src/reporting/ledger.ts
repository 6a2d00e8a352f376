// The reporting ledger's writes: rows recorded in the claim step's own
// transaction when certificates are issued (so no report is lost if a worker
// dies after the commit: the dispatcher starts each row's workflow), and the
// audit event every change writes beside it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { regulatorSubmissionEvents, regulatorSubmissions, type UanCheck } from '../db/schema/index.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import type { ClaimLine } from '../domain/credits.js';
import { regulatorFor, reportingDueAt, type Regulator } from '../domain/reporting.js';
import { buildRecord } from './records.js';

export type SubmissionRow = typeof regulatorSubmissions.$inferSelect;
export type { UanCheck };

export type Actor = 'reporting workflow' | 'learner' | 'staff' | 'claim step' | 'dispatcher';

export const idempotencyKeyOf = (regulator: Regulator, enrollmentId: string, revision: number) =>
  `${regulator}:${enrollmentId}:r${revision}`;

/** The workflow of a ledger row: one per row, derived from it. */
export const reportingWorkflowId = (row: Pick<SubmissionRow, 'regulator' | 'enrollmentId'>) =>
  `report:${row.regulator}:${row.enrollmentId}`;

export async function audit(
  db: Database,
  submissionId: string,
  action: string,
  actor: Actor,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(regulatorSubmissionEvents).values({ submissionId, action, actor, detail });
}

/**
 * Records what must be reported for the credit just claimed, in the caller's
 * transaction (the claim step's). Idempotent: one row per enrollment and regulator.
 */
export async function recordReportingDue(
  db: Database,
  input: { enrollmentId: string; claims: ClaimLine[]; claimedAt: Date },
): Promise<number> {
  const parties = await findEnrollmentParties(db, input.enrollmentId);
  if (!parties) return 0;
  const { enrollment, activity, learner, profile } = parties;
  const floridaLicensee = profile.credentials.some((c) => c.kind === 'state_licence' && c.state === 'FL');
  const due = input.claims.filter((c) => regulatorFor(c.creditType, floridaLicensee));
  if (due.length === 0) return 0;
  const completedAt = enrollment.attendanceCompletedAt ?? input.claimedAt;
  let recorded = 0;
  for (const claim of due) {
    const regulator = regulatorFor(claim.creditType, floridaLicensee)!;
    const designation = (enrollment.policy ?? activity.policy).credits.find(
      (d) => d.type === claim.creditType,
    );
    const payload = buildRecord({
      regulator,
      credits: claim.credits,
      completedAt,
      activity: { ...activity, uan: designation?.uan },
      learner,
      profile,
    });
    const [row] = await db
      .insert(regulatorSubmissions)
      .values({
        enrollmentId: input.enrollmentId,
        activityId: activity.id,
        regulator,
        creditType: claim.creditType,
        payload: { ...payload },
        idempotencyKey: idempotencyKeyOf(regulator, input.enrollmentId, 1),
        completedAt,
        dueAt: reportingDueAt(regulator, completedAt),
      })
      .onConflictDoNothing({ target: [regulatorSubmissions.enrollmentId, regulatorSubmissions.regulator] })
      .returning({ id: regulatorSubmissions.id });
    if (!row) continue;
    recorded++;
    await audit(db, row.id, 'recorded', 'claim step', {
      creditType: claim.creditType,
      credits: claim.credits,
    });
  }
  return recorded;
}

export async function loadSubmission(db: Database, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, id));
  return row;
}

/** Updates a row only while it is still at one of `from` (so two writers never both win). */
export async function moveSubmission(
  db: Database,
  id: string,
  from: SubmissionRow['status'][],
  set: Partial<typeof regulatorSubmissions.$inferInsert>,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(regulatorSubmissions)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(regulatorSubmissions.id, id), inArray(regulatorSubmissions.status, from)))
    .returning();
  return row;
}
