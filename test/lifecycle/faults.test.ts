// Fifty learners go from enrollment to the answered follow-up while their
// worker is SIGKILLed again and again. Every enrollment ends completed, every
// history replays, nothing is stuck, and at the SMTP server every email the
// outbox holds arrived exactly once: none twice, none lost.
//
// Needs PostgreSQL: the worker is a separate process sharing the database.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { exited, startWorkerProcess } from '../support/worker-process.js';
import { eq, inArray } from 'drizzle-orm';
import { Worker } from '@temporalio/worker';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleAnswers, sampleLearner } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import { Pending } from '../../src/domain/errors.js';
import { countStuckEnrollments } from '../../src/enrollment/stuck.js';
import { emailOutbox, enrollments } from '../../src/db/schema/index.js';
import { startMailDelivery } from '../../src/main/mail-delivery.js';
import { attended, evaluation, payment, policyWith } from './story.js';

const postgres = Boolean(process.env.DATABASE_URL);
const LEARNERS = 50;

let stack: TestStack;
let sender: ReturnType<typeof startMailDelivery> | undefined;
let child: ChildProcess | undefined;
let killing = true;

const startChildWorker = () => startWorkerProcess(stack);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the worker every 4-8 s (twelve times at most) and starts a fresh one; resolves with the kills. */
async function killRepeatedly(): Promise<number> {
  let kills = 0;
  while (killing && kills < 12) {
    await sleep(4000 + Math.random() * 4000);
    if (!killing) break;
    const dying = child!;
    dying.kill('SIGKILL');
    await exited(dying);
    kills += 1;
    child = await startChildWorker();
  }
  return kills;
}

/** A call the learner or LMS repeats until it has an answer: the same request is the same submission. */
async function untilAnswered<T>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof Pending)) throw err;
    }
  }
}

async function stageOf(enrollmentId: string) {
  const [row] = await stack.db
    .select({ stage: enrollments.stage })
    .from(enrollments)
    .where(eq(enrollments.id, enrollmentId));
  return row.stage;
}
async function reach(enrollmentId: string, stage: string) {
  for (let i = 0; i < 1800; i++) {
    if ((await stageOf(enrollmentId)) === stage) return;
    await sleep(100);
  }
  throw new Error(`${enrollmentId} never reached ${stage} (at ${await stageOf(enrollmentId)})`);
}

/** One learner, the whole way; every fourth fails the check once first. */
async function lifecycle(activityId: string, n: number): Promise<string> {
  const learner = sampleLearner(1000 + n);
  const { enrollmentId } = await service.enroll(stack.ctx, activityId, learner);
  await service.recordPayment(stack.ctx, enrollmentId, payment(`pay-fault-${n}`));
  await reach(enrollmentId, 'attending');
  await service.recordAttendance(stack.ctx, enrollmentId, attended('course', 90, true));
  await reach(enrollmentId, 'competence');
  let attemptNo = 1;
  if (n % 4 === 0) {
    const failed = await untilAnswered(() =>
      service.submitCompetence(stack.ctx, enrollmentId, { answers: sampleAnswers(3), attemptNo: 1 }),
    );
    expect(failed.passed).toBe(false);
    attemptNo = 2;
  }
  const passed = await untilAnswered(() =>
    service.submitCompetence(stack.ctx, enrollmentId, { answers: sampleAnswers(0), attemptNo }),
  );
  expect(passed).toMatchObject({ passed: true, attemptNo });
  await untilAnswered(() => service.submitEvaluation(stack.ctx, enrollmentId, evaluation()));
  await untilAnswered(() =>
    service.submitClaim(stack.ctx, enrollmentId, { claims: [{ creditType: 'ama_pra_1', credits: 1.5 }] }),
  );
  await reach(enrollmentId, 'follow_up');
  await untilAnswered(() => service.submitFollowUp(stack.ctx, enrollmentId, { implemented: 'fully' }));
  return enrollmentId;
}

beforeAll(async () => {
  if (!postgres) return;
  stack = await startStack({ worker: false });
  // Mail goes out from this process, as from the API; only the worker dies.
  sender = startMailDelivery({
    config: stack.config,
    database: stack.database,
    mailer: stack.mailer,
    certificatePdf: stack.ctx.certificatePdf,
  });
});
afterAll(async () => {
  killing = false;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  if (child) await exited(child);
  await sender?.stop();
  await stack?.close();
});

describe('workers killed again and again during fifty lifecycles', () => {
  const story = 'every enrollment completes, every history replays, every email arrives once';
  (postgres ? it : it.skip)(
    postgres ? story : `${story} [skipped: needs DATABASE_URL; the worker process must share the database]`,
    { timeout: 600_000 },
    async () => {
      const activityId = `faults-${process.pid}`;
      await service.saveActivity(
        stack.ctx,
        activityId,
        sampleActivity({
          policy: policyWith({
            windows: { payment: '10m', completion: '10m', submission: '10m', linkExpiry: '1h' },
            followUp: { enabled: true, delay: '2s', reminders: ['10m'], closeAfter: '20m' },
          }),
        }),
      );
      child = await startChildWorker();
      const killer = killRepeatedly();

      // Ten learners at a time.
      const ids: string[] = [];
      for (let batch = 0; batch < LEARNERS; batch += 10) {
        ids.push(
          ...(await Promise.all(Array.from({ length: 10 }, (_, i) => lifecycle(activityId, batch + i)))),
        );
      }
      killing = false;
      const kills = await killer;
      expect(kills).toBeGreaterThanOrEqual(5);

      const rows = await stack.db.select().from(enrollments).where(inArray(enrollments.id, ids));
      expect(rows.map((r) => r.outcome)).toEqual(Array(LEARNERS).fill('completed'));
      for (const row of rows) {
        expect(await stack.client.workflow.getHandle(row.workflowId).result()).toBe('completed');
      }
      expect(await countStuckEnrollments(stack.ctx)).toBe(0);

      // Every history the killed workers wrote replays on the code.
      const histories = await Promise.all(
        rows.map(async (r) => ({
          workflowId: r.workflowId,
          history: await stack.client.workflow.getHandle(r.workflowId).fetchHistory(),
        })),
      );
      const replayed = [];
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        histories,
      )) {
        replayed.push(result.error?.message);
      }
      expect(replayed).toEqual(Array(LEARNERS).fill(undefined));

      // The outbox holds what each learner should get; each arrived exactly once.
      let outbox: (typeof emailOutbox.$inferSelect)[] = [];
      for (let i = 0; i < 300; i++) {
        outbox = await stack.db.select().from(emailOutbox).where(inArray(emailOutbox.enrollmentId, ids));
        if (outbox.every((m) => m.status === 'sent')) break;
        await sleep(100);
      }
      expect(outbox.filter((m) => m.status !== 'sent')).toEqual([]);
      const failedFirst = Array.from({ length: LEARNERS }, (_, n) => n).filter((n) => n % 4 === 0).length;
      // enrolled, receipt, invite, result (two for those who failed first), certificate, follow-up.
      expect(outbox).toHaveLength(LEARNERS * 6 + failedFirst);
      const arrived = stack.capture.messages.map((m) => m.messageId);
      for (const mail of outbox) expect(arrived.filter((id) => id === mail.messageId)).toHaveLength(1);
    },
  );
});
