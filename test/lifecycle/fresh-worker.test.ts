// The pattern that left v1 enrollments stuck, made to happen on purpose: with
// no workflow worker running, a step's activity completes and the learner
// submits; a fresh worker (nothing cached) then gets both in one workflow task.
// v1 took submissions as updates whose handlers scheduled activities of their
// own, and the order of the two commands differed on replay. v2 takes them as
// signals the main flow acts on: the run goes on, and its history replays.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import { activityDeps, createActivities } from '../../activities/index.js';
import * as service from '../../src/enrollment/service.js';
import { attended, enrollInNewActivity, payment, reachStage } from './story.js';

const { EventType } = temporal.api.enums.v1;

let stack: TestStack;
let connection: NativeConnection;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  connection = await NativeConnection.connect({ address: stack.temporalAddress });
});
afterAll(async () => {
  await connection?.close();
  await stack?.close();
});

/** A worker that runs only workflows: activities are someone else's. */
function workflowWorker() {
  return Worker.create({
    connection,
    taskQueue: stack.taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    // The dead worker's sticky queue gives the task back quickly.
    stickyQueueScheduleToStartTimeout: '1s',
  });
}

describe('a fresh worker given an activity completion and a submission in one workflow task', () => {
  it('grades the submission, moves on to the evaluation, and the history replays', async () => {
    // Activities run in their own worker; attendance completion waits at a gate.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let gated = false;
    const steps = createActivities(
      activityDeps({ db: stack.db, mailer: stack.mailer, clock: stack.ctx.clock, config: stack.config }),
    );
    const activityWorker = await Worker.create({
      connection,
      taskQueue: stack.taskQueue,
      activities: {
        ...steps,
        async recordAttendance(input: Parameters<typeof steps.recordAttendance>[0]) {
          if (input.complete) {
            gated = true;
            await gate;
          }
          return steps.recordAttendance(input);
        },
      },
    });
    const activitiesRunning = activityWorker.run();

    const first = await workflowWorker();
    const firstRunning = first.run();
    const e = await enrollInNewActivity(stack, 90);
    await service.recordPayment(stack.ctx, e.enrollmentId, payment(`pay-fresh-${e.enrollmentId}`));
    await reachStage(stack, e.enrollmentId, 'attending');
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('all', 90, true));
    await expect.poll(() => gated, { timeout: 20_000 }).toBe(true);

    // No workflow worker while the step completes and the learner answers.
    first.shutdown();
    await firstRunning;
    openGate();
    await reachStage(stack, e.enrollmentId, 'competence');
    const graded = service.submitCompetence(stack.ctx, e.enrollmentId, {
      answers: sampleAnswers(0),
      attemptNo: 1,
    });
    await new Promise((r) => setTimeout(r, 1500));

    const fresh = await workflowWorker();
    try {
      await fresh.runUntil(async () => {
        expect(await graded).toMatchObject({ attemptNo: 1, passed: true });
        await reachStage(stack, e.enrollmentId, 'evaluation');
      });
    } finally {
      activityWorker.shutdown();
      await activitiesRunning;
    }

    // The fresh worker's first task carried both: the activity completed and the signal, no task between.
    const history = await stack.client.workflow.getHandle(e.workflowId).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.find(
      (ev) => ev.activityTaskScheduledEventAttributes?.activityType?.name === 'recordAttendance',
    );
    const completedAt = events.findIndex(
      (ev) =>
        Number(ev.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(scheduled?.eventId),
    );
    const signalAt = events.findIndex(
      (ev) => ev.workflowExecutionSignaledEventAttributes?.signalName === 'submitted',
    );
    expect(completedAt).toBeGreaterThan(0);
    expect(signalAt).toBeGreaterThan(completedAt);
    const between = events.slice(completedAt, signalAt).map((ev) => ev.eventType);
    expect(between).not.toContain(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);

    // Another fresh worker replays the history the first wrote.
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        history,
        e.workflowId,
      ),
    ).resolves.toBeUndefined();
  });
});
