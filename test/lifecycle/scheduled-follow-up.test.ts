// The follow-up queued ahead: the claim step that certifies the learner
// queues the questionnaire as a scheduled outbox row, due when the workflow's
// follow-up timer fires. The sender of the API process delivers it on the
// moment, not before, whether or not a worker is running then; the workflow's
// step finds it queued and only opens the stage. Whatever means it must not go
// out (the enrollment closed, the learner's address changed, the activity's
// end moved) deletes it in the same transaction, and the step queues it anew.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { NativeConnection } from '@temporalio/worker';
import { startStack, type TestStack } from '../support/stack.js';
import { runWorker, type RunningWorker } from '../../src/main/temporal-worker.js';
import { startMailDelivery } from '../../src/main/mail-delivery.js';
import type { OutboxSender } from '../../src/outbox/sender.js';
import { deliverByKey } from '../../src/outbox/outbox.js';
import { sampleActivity } from '../support/fixtures.js';
import { emailOutbox } from '../../src/db/schema/index.js';
import * as service from '../../src/enrollment/service.js';
import { closeEnrollmentRow } from '../../activities/enrollment/step.js';
import { followUpWakeOffsetMs } from '../../src/domain/follow-up-wake.js';
import {
  driveToClaim,
  enrollInNewActivity,
  enrollmentRow,
  linkIn,
  mailArrives,
  mailsTo,
  outcomeOf,
  policyWith,
  reachStage,
  type Enrolled,
} from './story.js';

let stack: TestStack;
let connection: NativeConnection;
let sender: OutboxSender;
let worker: RunningWorker | undefined;

/** The production shape: the worker runs the steps, the API process's sender delivers. */
async function startWorker() {
  worker = await runWorker({
    connection,
    namespace: stack.config.TEMPORAL_NAMESPACE,
    taskQueue: stack.taskQueue,
    deps: { db: stack.db, mailer: stack.mailer, clock: stack.ctx.clock, config: stack.config },
    workflowBundle: { codePath: inject('workflowBundlePath') },
    dispatchReports: false,
    options: { stickyQueueScheduleToStartTimeout: '1s' },
  });
}
async function stopWorker() {
  await worker?.stop();
  worker = undefined;
}

beforeAll(async () => {
  stack = await startStack({ worker: false });
  connection = await NativeConnection.connect({ address: stack.temporalAddress });
  sender = startMailDelivery({
    config: stack.config,
    database: stack.database,
    mailer: stack.mailer,
    certificatePdf: stack.ctx.certificatePdf,
  });
  await startWorker();
});
afterAll(async () => {
  await stopWorker();
  await sender?.stop();
  await connection?.close();
  await stack?.close();
});

const FOLLOW_UP_SUBJECT = 'Did you make the change?';
/**
 * An enduring activity whose follow-up falls due 8 s after the learner
 * completes: queued ahead. It closes 2 minutes later, so each run wakes to
 * open the stage within 12 s after the moment (a tenth of that).
 */
const followUpIn8s = policyWith({
  followUp: { enabled: true, delay: '8s', reminders: [], closeAfter: '2m' },
});

async function certify(e: Enrolled) {
  await driveToClaim(stack, e);
  await service.submitClaim(stack.ctx, e.enrollmentId, {
    claims: [{ creditType: 'ama_pra_1', credits: 1.5 }],
  });
  await mailArrives(stack, e.learner.email, 'Your certificate');
}
const followUpRowOf = async (e: Enrolled) =>
  (
    await stack.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `${e.enrollmentId}:follow_up`))
  )[0];
const followUpsTo = (address: string) =>
  mailsTo(stack, address).filter((m) => m.subject.startsWith(FOLLOW_UP_SUBJECT));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a follow-up queued ahead', () => {
  it('goes out once on its moment, not before, though no worker runs then; the step then opens the stage', async () => {
    const e = await enrollInNewActivity(stack, 1, { policy: followUpIn8s });
    await certify(e);
    const completedAt = (await enrollmentRow(stack, e.enrollmentId)).attendanceCompletedAt!;
    const dueAt = completedAt.getTime() + 8_000;
    const row = await followUpRowOf(e);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, kind: 'follow_up' });
    expect(row.nextAttemptAt.getTime()).toBe(dueAt);
    // Asking the outbox to deliver it now changes nothing: it is not due.
    const outbox = { db: stack.db, mailer: stack.mailer, certificatePdf: stack.ctx.certificatePdf };
    expect((await deliverByKey(outbox, row.dedupeKey)).outcome).toBe('queued');

    // No worker when it falls due (as after a deploy at the wrong moment): the sender still delivers it.
    await stopWorker();
    await sleep(Math.max(0, dueAt - Date.now() - 1_000));
    expect(followUpsTo(e.learner.email)).toHaveLength(0);
    const mail = await mailArrives(stack, e.learner.email, FOLLOW_UP_SUBJECT, 20_000);
    expect(mail.receivedAt.getTime()).toBeGreaterThanOrEqual(dueAt);
    // The sender's timer wakes it on the moment, not at its next idle look.
    expect(mail.receivedAt.getTime() - dueAt).toBeLessThan(1_500);
    expect(mail.text).toContain('Order a C. difficile toxin test before any stool culture.');
    expect((await enrollmentRow(stack, e.enrollmentId)).stage).toBe('certified');

    // The learner answers from the email before the workflow has woken: taken, and recorded when it does.
    linkIn(mail, 'follow_up', 'fully');
    const answered = service
      .submitFollowUp(stack.ctx, e.enrollmentId, { implemented: 'fully' })
      .catch((err) => err);
    await sleep(500);
    await startWorker();
    await reachStage(stack, e.enrollmentId, 'closed');
    await answered;
    expect(await outcomeOf(stack, e)).toBe('completed');
    expect(await enrollmentRow(stack, e.enrollmentId)).toMatchObject({
      followUpStatus: 'answered',
      followUpSentAt: new Date(dueAt),
    });
    // One row, one email: the step found it queued.
    expect(await followUpRowOf(e)).toMatchObject({ id: row.id, status: 'sent', messageId: row.messageId });
    await sleep(500);
    expect(followUpsTo(e.learner.email)).toHaveLength(1);
  });

  it('wakes each run at its own point after the moment, not all of them with the email', async () => {
    // Four learners; the one whose point falls latest shows the wait best.
    const crowd = await Promise.all(
      [11, 12, 13, 14].map((n) => enrollInNewActivity(stack, n, { policy: followUpIn8s })),
    );
    await Promise.all(crowd.map(certify));
    const [latest] = crowd
      .map((e) => ({ e, offset: followUpWakeOffsetMs(e.enrollmentId, 120_000) }))
      .sort((a, b) => b.offset - a.offset);
    const { e, offset } = latest;
    expect(offset).toBeLessThan(12_000);
    const dueAt = (await enrollmentRow(stack, e.enrollmentId)).attendanceCompletedAt!.getTime() + 8_000;

    const mail = await mailArrives(stack, e.learner.email, FOLLOW_UP_SUBJECT, 20_000);
    expect(mail.receivedAt.getTime()).toBeGreaterThanOrEqual(dueAt);
    // The email is out; the run sleeps on to its point before it opens the stage.
    await sleep(dueAt + offset - 1_500 - Date.now());
    expect((await enrollmentRow(stack, e.enrollmentId)).stage).toBe('certified');
    await reachStage(stack, e.enrollmentId, 'follow_up', offset + 15_000);
    expect((await enrollmentRow(stack, e.enrollmentId)).followUpSentAt).toEqual(new Date(dueAt));
    for (const other of crowd) await reachStage(stack, other.enrollmentId, 'follow_up', 20_000);
    expect(followUpsTo(e.learner.email)).toHaveLength(1);
  });

  it('never goes out for an enrollment closed before it falls due (withdrawn, erased): deleted with the close', async () => {
    const e = await enrollInNewActivity(stack, 2, { policy: followUpIn8s });
    await certify(e);
    expect(await followUpRowOf(e)).toBeDefined();
    // However it closes, the close deletes it in its transaction.
    await stack.db.transaction((tx) =>
      closeEnrollmentRow(tx, { enrollmentId: e.enrollmentId, outcome: 'withdrawn' }),
    );
    expect(await followUpRowOf(e)).toBeUndefined();
    // Past the moment: the workflow's step sees the enrollment closed and queues nothing either.
    const dueAt = (await enrollmentRow(stack, e.enrollmentId)).attendanceCompletedAt!.getTime() + 8_000;
    await sleep(Math.max(0, dueAt - Date.now()) + 3_000);
    expect(followUpsTo(e.learner.email)).toHaveLength(0);
    expect(await followUpRowOf(e)).toBeUndefined();
  });

  it('goes to the learner as they are when it falls due: a changed address cancels it, the step sends it anew', async () => {
    const e = await enrollInNewActivity(stack, 3, { policy: followUpIn8s });
    await certify(e);
    const before = await followUpRowOf(e);
    expect(before.toAddress).toBe(e.learner.email);
    // Enrolled in another activity under a new address: the learner's address changes for every enrollment.
    const moved = { ...e.learner, email: 'learner3.new@example.org' };
    await service.saveActivity(stack.ctx, `${e.activityId}-b`, sampleActivity());
    await service.enroll(stack.ctx, `${e.activityId}-b`, moved);
    expect(await followUpRowOf(e)).toBeUndefined();
    // The run sends it anew when it wakes, at its point in the spread after the moment.
    const mail = await mailArrives(stack, moved.email, FOLLOW_UP_SUBJECT, 40_000);
    expect(mail.text).toContain('Order a C. difficile toxin test');
    expect(followUpsTo(e.learner.email)).toHaveLength(0);
    expect((await followUpRowOf(e)).toAddress).toBe(moved.email);
  });

  it('is not queued ahead when the activity changed since enrollment, and is cancelled when a live end moves', async () => {
    const endsAt = new Date(Date.now() + 60_000);
    const live = policyWith({ followUp: { enabled: true, delay: '1h', reminders: [], closeAfter: '1h' } });
    const e = await enrollInNewActivity(stack, 4, {
      format: 'live',
      endsAt: endsAt.toISOString(),
      policy: live,
    });
    await certify(e);
    const row = await followUpRowOf(e);
    expect(row.nextAttemptAt.getTime()).toBe(endsAt.getTime() + 3_600_000);
    // Staff move the end: the workflow still counts from the end it started with, so the step sends it.
    await service.saveActivity(
      stack.ctx,
      e.activityId,
      sampleActivity({ format: 'live', endsAt: new Date(Date.now() + 120_000).toISOString(), policy: live }),
    );
    expect(await followUpRowOf(e)).toBeUndefined();

    // A learner enrolled before the edit and certified after it: not queued ahead.
    const f = await enrollInNewActivity(stack, 5, {
      format: 'live',
      endsAt: endsAt.toISOString(),
      policy: live,
    });
    await service.saveActivity(
      stack.ctx,
      f.activityId,
      sampleActivity({ format: 'live', endsAt: new Date(Date.now() + 90_000).toISOString(), policy: live }),
    );
    await certify(f);
    expect(await followUpRowOf(f)).toBeUndefined();
  });
});
