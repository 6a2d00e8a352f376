// An enrollment stuck for good, and brought back. A bad deploy (a workflow
// change without patched()) runs an enrollment for a while; the real code then
// cannot replay its history, so every workflow task fails. Temporal flags it,
// staff see it in the list of stuck enrollments, and a reset to the last good
// workflow task carries it on, on the real code, with its events reapplied.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { NativeConnection } from '@temporalio/worker';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { runCli } from '../support/cli.js';
import { runWorker } from '../../src/main/temporal-worker.js';
import * as service from '../../src/enrollment/service.js';
import { countStuckEnrollments, listStuckEnrollments } from '../../src/enrollment/stuck.js';
import { attended, enrollInNewActivity, payment, reachStage } from './story.js';

const BAD_DEPLOY = fileURLToPath(new URL('./bad-deploy.fixture.ts', import.meta.url));

const cli = (...args: string[]) => runCli(stack, stack.config.STAFF_TOKEN, ...args);
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

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

const worker = (workflowBundle: { code: string } | { codePath: string }) =>
  runWorker({
    connection,
    namespace: stack.config.TEMPORAL_NAMESPACE,
    taskQueue: stack.taskQueue,
    deps: { db: stack.db, mailer: stack.mailer, clock: stack.ctx.clock, config: stack.config },
    workflowBundle,
    options: { stickyQueueScheduleToStartTimeout: '1s' },
  });

describe('an enrollment whose workflow task keeps failing', () => {
  it('is listed as stuck with the error, and a reset carries it on with its events', async () => {
    const bad = await worker(await bundleWorkflowCode({ workflowsPath: BAD_DEPLOY, logger: quiet }));
    const e = await enrollInNewActivity(stack, 95);
    await service.recordPayment(stack.ctx, e.enrollmentId, payment(`pay-stuck-${e.enrollmentId}`));
    await reachStage(stack, e.enrollmentId, 'attending');
    await bad.stop();

    // The real code takes over and cannot replay what the bad deploy wrote.
    const good = await worker({ codePath: inject('workflowBundlePath') });
    try {
      await service.recordAttendance(stack.ctx, e.enrollmentId, attended('all', 90, true));
      await eventually(async () => (await countStuckEnrollments(stack.ctx)) === 1, 60_000, 500);
      // Health says so, and staff see it with the error and the way back.
      const health = (await (await fetch(`${stack.baseUrl}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'degraded', stuckEnrollments: 1 });
      const listed = await fetch(`${stack.baseUrl}/enrollments/stuck`, { headers: stack.auth.staff });
      expect(((await listed.json()) as { enrollments: unknown[] }).enrollments).toEqual([
        expect.objectContaining({ enrollmentId: e.enrollmentId, workflowId: e.workflowId }),
      ]);
      const staffPage = await (
        await fetch(`${stack.baseUrl}/staff/stuck`, { headers: { ...stack.auth.staff, accept: 'text/html' } })
      ).text();
      expect(staffPage).toContain(e.enrollmentId);
      expect(staffPage).toContain(`npx ce-outcomes enrollments reset ${e.enrollmentId}`);
      const [stuck] = await listStuckEnrollments(stack.ctx);
      expect(stuck).toMatchObject({ enrollmentId: e.enrollmentId, workflowId: e.workflowId });
      expect(stuck.problems.join(' ')).toMatch(/NonDeterministic/i);
      expect(stuck.attempts).toBeGreaterThanOrEqual(2);
      expect((await service.getEnrollment(stack.ctx, e.enrollmentId)).enrollment.stage).toBe('attending');

      // The operator's way: the CLI lists it, then resets it.
      const listedByCli = await cli('enrollments', 'stuck');
      expect(listedByCli).toMatchObject({ code: 0 });
      expect(listedByCli.stdout).toContain(e.enrollmentId);
      expect(listedByCli.stdout).toMatch(/NonDeterministic/i);
      const reset = await cli('enrollments', 'reset', e.enrollmentId);
      expect(reset).toMatchObject({ code: 0, stderr: '' });
      expect(reset.stdout).toMatch(
        /reset to event \d+ \(the workflow task completed at event \d+ no longer replays/,
      );
      expect(reset.stdout).not.toContain(stuck.runId);
      // The payment and the attendance are reapplied: the enrollment moves on to the check.
      await reachStage(stack, e.enrollmentId, 'competence', 60_000);
      await eventually(async () => (await countStuckEnrollments(stack.ctx)) === 0, 60_000, 500);
      expect(await (await fetch(`${stack.baseUrl}/healthz`)).json()).toMatchObject({ status: 'ok' });
    } finally {
      await good.stop();
    }
  });
});
