// A worker SIGKILLed while its request to CPE Monitor is on its way: the fake
// has received it and holds its answer. The attempt was written down before
// the request left, so the next worker finds it unfinished and does not send
// it again: the fake receives exactly one submission. The ledger says the
// delivery is unknown; staff check CPE Monitor and confirm it.
//
// Needs PostgreSQL: the workers are separate processes sharing the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { exited, startWorkerProcess } from '../support/worker-process.js';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { startFakeCpeMonitor, type FakeCpeMonitor } from '../fakes/cpe-monitor.js';
import * as service from '../../src/enrollment/service.js';
import { regulatorAttempts, regulatorSubmissions } from '../../src/db/schema/index.js';
import { driveToClaim, enrollInNewActivity, policyWith } from '../lifecycle/story.js';

const UAN = '0001-0000-26-001-L01-P';
const postgres = Boolean(process.env.DATABASE_URL);

let stack: TestStack;
let fake: FakeCpeMonitor;
const children: ChildProcess[] = [];

async function startChildWorker(): Promise<ChildProcess> {
  const child = await startWorkerProcess(stack, {
    CPE_MONITOR_URL: `${fake.url}/service/cpemonitorservice.asmx`,
    CPE_MONITOR_USERNAME: 'provider-user',
    CPE_MONITOR_PASSWORD: 'provider-secret',
    OUTBOX_SENDER: 'worker',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (!postgres) return;
  fake = await startFakeCpeMonitor({
    profiles: { '100001': '0412' },
    activities: { [UAN]: { title: 'C. difficile', releaseDate: '2020-01-01', expirationDate: '2099-12-31' } },
  });
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await stack?.close();
  await fake?.close();
});

describe.skipIf(!postgres)('a worker killed mid-submission', () => {
  it('never submits twice: exactly one request reaches CPE Monitor, and staff confirm it', async () => {
    const first = await startChildWorker();
    const e = await enrollInNewActivity(
      stack,
      1,
      { policy: policyWith({ credits: [{ type: 'acpe', maxCredits: 1.5, uan: UAN }] }) },
      { learner: { profession: 'pharmacist' } },
    );
    await driveToClaim(stack, e);
    const arrived = fake.holdNext();
    await service.submitClaim(stack.ctx, e.enrollmentId, { claims: [{ creditType: 'acpe', credits: 1.5 }] });
    await arrived;
    first.kill('SIGKILL');
    await exited(first);

    await startChildWorker();
    const row = await eventually(async () => {
      const [r] = await stack.db
        .select()
        .from(regulatorSubmissions)
        .where(eq(regulatorSubmissions.enrollmentId, e.enrollmentId));
      if (!r.deliveryUnknown) throw new Error('not settled yet');
      return r;
    }, 60_000);
    expect(row).toMatchObject({ status: 'submitted', attempts: 1 });
    const attempts = await stack.db
      .select()
      .from(regulatorAttempts)
      .where(eq(regulatorAttempts.submissionId, row.id));
    expect(attempts.map((a) => [a.attemptNo, a.state, a.idempotencyKey])).toEqual([
      [1, 'unknown', row.idempotencyKey],
    ]);

    // Staff find it in CPE Monitor and confirm; the workflow ends accepted.
    const res = await fetch(`${stack.baseUrl}/reporting/submissions/${row.id}/confirm`, {
      method: 'POST',
      headers: { ...stack.auth.staff, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'seen in CPE Monitor' }),
    });
    expect(res.status).toBe(200);
    expect(await stack.client.workflow.getHandle(row.workflowId!).result()).toBe('accepted');
    expect(fake.received.filter((r) => r.path.endsWith('/SubmitCPEActivityJSON'))).toHaveLength(1);
  });
});
