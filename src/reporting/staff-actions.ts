// What staff do with a submission: send it again (after fixing what held or
// refused it, or when a crash left its delivery unknown), confirm the
// regulator has it (seen in the regulator's portal, or after uploading a batch
// file), or record that a batch file was uploaded. Each is audited.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { regulatorSubmissions } from '../db/schema/index.js';
import { Conflict, NotFound } from '../domain/errors.js';
import type { Regulator } from '../domain/reporting.js';
import { audit, loadSubmission, moveSubmission, type SubmissionRow } from './ledger.js';
import { notifyWorkflow } from './notify.js';
import { forgetUanCheck } from './registrations.js';
import { certificateReported } from './certificates.js';
import { queueReportedEmail } from './learner-emails.js';

async function found(ctx: AppContext, id: string): Promise<SubmissionRow> {
  const row = await loadSubmission(ctx.db, id);
  if (!row) throw new NotFound(`submissionId: no submission "${id}"`);
  return row;
}

export async function retrySubmission(ctx: AppContext, id: string, note?: string): Promise<SubmissionRow> {
  const row = await found(ctx, id);
  if (row.status === 'accepted') throw new Conflict('submissionId: the regulator has already accepted it');
  const moved = await ctx.db.transaction(async (tx) => {
    if (row.regulator === 'cpe_monitor') await forgetUanCheck(tx, row.activityId);
    const next = await moveSubmission(tx, row.id, [row.status], {
      status: row.status === 'rejected' ? 'pending' : row.status,
      blockedReason: null,
      deliveryUnknown: false,
      transport: null,
    });
    if (!next) throw new Conflict('submissionId: it changed meanwhile; look again');
    await audit(tx, row.id, 'retry requested', 'staff', { from: row.status, ...(note ? { note } : {}) });
    return next;
  });
  await notifyWorkflow(ctx.temporal, moved, 'staff');
  return moved;
}

export async function confirmSubmission(ctx: AppContext, id: string, note?: string): Promise<SubmissionRow> {
  const row = await found(ctx, id);
  if (row.status === 'accepted') return row;
  const at = ctx.clock.now();
  const moved = await ctx.db.transaction(async (tx) => {
    const next = await moveSubmission(tx, row.id, ['pending', 'submitted', 'corrected', 'late'], {
      status: 'accepted',
      acceptedAt: at,
      deliveryUnknown: false,
      confirmation: 'confirmed by staff',
    });
    if (!next)
      throw new Conflict(`submissionId: a ${row.status} record cannot be confirmed; correct or retry it`);
    await audit(tx, row.id, 'accepted', 'staff', { confirmedBy: 'staff', ...(note ? { note } : {}) });
    // Accepted is accepted, however it is known: the certificate and the learner hear of it here too.
    if (row.regulator === 'cpe_monitor') {
      await certificateReported(tx, row.enrollmentId, 'cpe_monitor', at, ctx.config);
      await queueReportedEmail(tx, ctx.config, next, at);
    }
    return next;
  });
  await notifyWorkflow(ctx.temporal, moved, 'staff');
  return moved;
}

/** Staff uploaded the batch file: its pending records are submitted. */
export async function markUploaded(
  ctx: AppContext,
  regulator: Regulator,
  ids: string[],
): Promise<SubmissionRow[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .update(regulatorSubmissions)
    .set({
      // A late record stays late: uploading it now does not undo the missed deadline.
      status: sql`case when ${regulatorSubmissions.status} = 'late' then 'late' else 'submitted' end`,
      submittedAt: ctx.clock.now(),
      transport: 'file',
      updatedAt: new Date(),
    })
    .where(
      and(
        inArray(regulatorSubmissions.id, ids),
        eq(regulatorSubmissions.regulator, regulator),
        inArray(regulatorSubmissions.status, ['pending', 'corrected', 'late']),
        isNull(regulatorSubmissions.blockedReason),
      ),
    )
    .returning();
  for (const row of rows) {
    await audit(ctx.db, row.id, 'uploaded in a batch file', 'staff');
    await notifyWorkflow(ctx.temporal, row, 'staff');
  }
  return rows;
}
