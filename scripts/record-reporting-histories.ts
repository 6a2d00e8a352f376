// Records histories of finished reporting workflows (regulatorSubmissionWorkflow)
// into test/histories/reporting-*.json, one per path, for the replay test:
//
//   npx tsx scripts/record-reporting-histories.ts            # the paths with no history yet
//   npx tsx scripts/record-reporting-histories.ts corrected  # one path (refuses to overwrite)
//
// Runs the real workflow on a throwaway dev server and in-memory database
// against the fake regulators of test/fakes. Record only a new path; never
// re-record one to make a failing replay pass.
import { eq } from 'drizzle-orm';
import * as service from '../src/enrollment/service.js';
import { regulatorSubmissions } from '../src/db/schema/index.js';
import { findEnrollmentParties } from '../src/db/enrollment-parties.js';
import { idempotencyKeyOf, type SubmissionRow } from '../src/reporting/ledger.js';
import { buildRecord } from '../src/reporting/records.js';
import { correctSubmission } from '../src/reporting/corrections.js';
import { confirmSubmission, markUploaded } from '../src/reporting/staff-actions.js';
import type { Regulator } from '../src/domain/reporting.js';
import { startFakeCpeMonitor } from '../test/fakes/cpe-monitor.js';
import { samplePolicy, sampleActivity, sampleLearner } from '../test/support/fixtures.js';
import { startRecorder } from './history-recorder.js';

const UAN = '0001-0000-26-001-L01-P';

const cpe = await startFakeCpeMonitor({
  profiles: { '100001': '0412', '100002': '0412' },
  activities: { [UAN]: { title: 'C. difficile', releaseDate: '2020-01-01', expirationDate: '2099-12-31' } },
});
const recorder = await startRecorder('record-reporting-histories', {
  CPE_MONITOR_URL: `${cpe.url}/service/cpemonitorservice.asmx`,
  CPE_MONITOR_USERNAME: 'user',
  CPE_MONITOR_PASSWORD: 'secret',
});
const { ctx } = recorder;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An enrollment with one ledger row for the regulator, written as the claim step writes it. */
async function ledgerRow(
  name: string,
  n: number,
  regulator: Regulator,
  opts: { uan?: string; epid?: string; dueInMs?: number } = {},
): Promise<SubmissionRow> {
  const creditType = { cpe_monitor: 'acpe', ce_broker: 'fl_cls', pars: 'ama_pra_1' }[regulator] as 'acpe';
  await service.saveActivity(
    ctx,
    `record-${name}`,
    sampleActivity({
      policy: { ...samplePolicy, credits: [{ type: creditType, maxCredits: 1, uan: opts.uan ?? UAN }] },
    }),
  );
  const learner = { ...sampleLearner(n), ...(opts.epid ? { nabpEProfileId: opts.epid } : {}) };
  const { enrollmentId } = await service.enroll(ctx, `record-${name}`, learner);
  const parties = (await findEnrollmentParties(ctx.db, enrollmentId))!;
  const completedAt = new Date();
  const payload = buildRecord({
    regulator,
    credits: 1,
    completedAt,
    activity: { ...parties.activity, uan: opts.uan ?? UAN },
    learner: parties.learner,
    profile: parties.profile,
  });
  const [row] = await ctx.db
    .insert(regulatorSubmissions)
    .values({
      enrollmentId,
      activityId: parties.activity.id,
      regulator,
      creditType,
      payload: { ...payload },
      idempotencyKey: idempotencyKeyOf(regulator, enrollmentId, 1),
      completedAt,
      dueAt: opts.dueInMs !== undefined ? new Date(Date.now() + opts.dueInMs) : null,
    })
    .returning();
  return row;
}

async function when(id: string, ok: (r: SubmissionRow) => boolean): Promise<SubmissionRow> {
  for (let i = 0; i < 300; i++) {
    const [row] = await ctx.db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, id));
    if (ok(row)) return row;
    await sleep(100);
  }
  throw new Error(`submission ${id} never got there`);
}

const stories: Record<string, () => Promise<string>> = {
  /** Sent to CPE Monitor, accepted at once. */
  async accepted() {
    const row = await ledgerRow('accepted', 1, 'cpe_monitor', { dueInMs: 60_000 });
    return (await when(row.id, (r) => !!r.workflowId)).workflowId!;
  },
  /** Refused (e-Profile ID), corrected by the learner, accepted. */
  async corrected() {
    const row = await ledgerRow('corrected', 2, 'cpe_monitor', { epid: '9999999', dueInMs: 60_000 });
    const rejected = await when(row.id, (r) => r.status === 'rejected');
    await correctSubmission(ctx, rejected.id, { nabpEProfileId: '100002', birthMonthDay: '0412' }, 'learner');
    return rejected.workflowId!;
  },
  /** No PARS web service: left for the batch file, uploaded and confirmed by staff. */
  async 'file-confirmed'() {
    const row = await ledgerRow('file', 3, 'pars');
    const filed = await when(row.id, (r) => r.transport === 'file');
    await markUploaded(ctx, 'pars', [filed.id]);
    await confirmSubmission(ctx, filed.id);
    return filed.workflowId!;
  },
  /** Held (a UAN CPE Monitor does not know) until its deadline passed: late. */
  async late() {
    const row = await ledgerRow('late', 4, 'cpe_monitor', { uan: '0001-0000-26-999-L01-P', dueInMs: 4000 });
    return (await when(row.id, (r) => !!r.workflowId)).workflowId!;
  },
};

try {
  // One at a time: the fake CPE Monitor answers each story's learner by e-Profile ID.
  for (const name of recorder.chosen('reporting-', Object.keys(stories)))
    await recorder.save('reporting-', name, await stories[name]());
} finally {
  await recorder.close();
  await cpe.close();
}
