// Corrections: the learner (from the emailed link) or staff fix what the
// regulator could not match (NABP e-Profile ID and birth date, a licence
// number); the profile is updated, the record rebuilt as a new revision with a
// new idempotency key, every change audited, and the workflow sends it again
// at once, within the deadline.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Database } from '../db/client.js';
import { learnerCredentials, learners, regulatorSubmissions } from '../db/schema/index.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { Conflict, NotFound, Refused } from '../domain/errors.js';
import { idempotencyKeyOf, audit, loadSubmission, type SubmissionRow } from './ledger.js';
import { buildRecord } from './records.js';
import { notifyWorkflow } from './notify.js';

export interface CorrectionInput {
  nabpEProfileId?: string;
  birthMonthDay?: string;
  /** The learner's licence number for this regulator (Florida for CE Broker). */
  licenceNumber?: string;
  /** Staff say why. */
  note?: string;
}

/** Whether this submission can still be corrected and sent. */
export function correctionRefusal(row: SubmissionRow, now: Date): string | null {
  if (row.status === 'accepted') return 'the regulator has already accepted this record';
  if (row.regulator === 'cpe_monitor' && row.dueAt && row.dueAt <= now)
    return 'CPE Monitor takes no report more than 60 days after completion';
  return null;
}

async function applyToProfile(tx: Database, row: SubmissionRow, learnerId: string, input: CorrectionInput) {
  const fields = {
    ...(input.nabpEProfileId !== undefined ? { nabpEProfileId: input.nabpEProfileId } : {}),
    ...(input.birthMonthDay !== undefined ? { birthMonthDay: input.birthMonthDay } : {}),
  };
  if (Object.keys(fields).length > 0)
    await tx
      .update(learners)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(learners.id, learnerId));
  if (input.licenceNumber === undefined) return;
  const state = row.regulator === 'ce_broker' ? 'FL' : (row.payload.licenceState as string | null);
  if (!state) throw new Conflict('licenceNumber: the learner has no state licence to correct');
  const updated = await tx
    .update(learnerCredentials)
    .set({ identifier: input.licenceNumber })
    .where(
      and(
        eq(learnerCredentials.learnerId, learnerId),
        eq(learnerCredentials.kind, 'state_licence'),
        eq(learnerCredentials.state, state),
      ),
    )
    .returning({ id: learnerCredentials.id });
  if (updated.length === 0)
    throw new Conflict(`licenceNumber: the learner has no ${state} licence to correct`);
}

export async function correctSubmission(
  ctx: AppContext,
  submissionId: string,
  input: CorrectionInput,
  by: 'learner' | 'staff',
): Promise<SubmissionRow> {
  const corrected = await ctx.db.transaction(async (tx) => {
    const row = await loadSubmission(tx, submissionId);
    if (!row) throw new NotFound(`submissionId: no submission "${submissionId}"`);
    const refusal = correctionRefusal(row, ctx.clock.now());
    if (refusal) throw new Refused(`submissionId: ${refusal}`);
    const before = await findEnrollmentParties(tx, row.enrollmentId);
    if (!before) throw new NotFound(`enrollmentId: no enrollment "${row.enrollmentId}"`);
    await applyToProfile(tx, row, before.learner.id, input);
    const after = (await findEnrollmentParties(tx, row.enrollmentId))!;
    const designation = (after.enrollment.policy ?? after.activity.policy).credits.find(
      (d) => d.type === row.creditType,
    );
    const payload = buildRecord({
      regulator: row.regulator,
      credits: Number(row.payload.contactHours ?? row.payload.hours ?? row.payload.credits),
      completedAt: row.completedAt,
      activity: { ...after.activity, uan: designation?.uan },
      learner: after.learner,
      profile: after.profile,
    });
    const revision = row.revision + 1;
    const [updated] = await tx
      .update(regulatorSubmissions)
      .set({
        payload: { ...payload },
        revision,
        idempotencyKey: idempotencyKeyOf(row.regulator, row.enrollmentId, revision),
        status: 'corrected',
        rejectionKind: null,
        rejectionMessage: null,
        blockedReason: null,
        deliveryUnknown: false,
        updatedAt: new Date(),
      })
      .where(eq(regulatorSubmissions.id, row.id))
      .returning();
    const changed = Object.keys(input).filter((k) => k !== 'note');
    await audit(tx, row.id, 'corrected', by, {
      revision,
      changed,
      before: Object.fromEntries(changed.map((k) => [k, row.payload[fieldOf(k)] ?? null])),
      after: Object.fromEntries(
        changed.map((k) => [k, (payload as unknown as Record<string, unknown>)[fieldOf(k)] ?? null]),
      ),
      ...(input.note ? { note: input.note } : {}),
    });
    return updated;
  });
  await notifyWorkflow(ctx.temporal, corrected, by);
  return corrected;
}

/** The record field a correction input changes. */
const fieldOf = (input: string) =>
  ({ nabpEProfileId: 'epid', birthMonthDay: 'birthMonthDay', licenceNumber: 'licenceNumber' })[input] ??
  input;
