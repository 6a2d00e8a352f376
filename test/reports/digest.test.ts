// The committee digest: a Temporal Schedule created idempotently at worker
// start; triggered, it emails each program's committee the activities whose
// follow-up closed since the last digest, with links to their reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_A, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';
import { digestScheduleId, ensureDigestSchedule } from '../../src/reports/digest/schedule.js';
import { programs } from '../../src/db/schema/index.js';
import { launchChromium } from '../support/browser.js';
import { overflows, wordsBrokenAcrossLines } from '../support/overflow.js';
import { Client, Connection, type ScheduleHandle } from '@temporalio/client';
import { status as grpcStatus } from '@grpc/grpc-js';
import { defaultDeadline } from '../../src/platform/temporal/client.js';
import { ensureSchedules } from '../../src/main/run-worker.js';
import type { ProgramDigestResult } from '../../activities/digest/index.js';

let stack: TestStack;
let schedule: ScheduleHandle | undefined;

beforeAll(async () => {
  stack = await startStack({ env: { DIGEST_INTERVAL: '1h' } });
  const db = stack.db;
  await seedProgram(db, 'cardio', 'Cardiology CME', ['chair@committee.test', 'member@committee.test']);
  await seedProgram(db, 'quiet', 'No committee');
  // Follow-up closed in January.
  await seedActivity(
    db,
    { id: 'act-a', programId: 'cardio', title: 'Chest pain pathways', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_A,
  );
  // Still running: its follow-up has not closed.
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await seedActivity(
    db,
    { id: 'act-open', programId: 'cardio', title: 'Heart failure update', startsAt: future },
    COHORT_SMALL,
  );
  await seedActivity(
    db,
    { id: 'act-quiet', programId: 'quiet', startsAt: '2026-01-10T14:00:00Z' },
    COHORT_SMALL,
  );
});
afterAll(async () => {
  await schedule?.delete().catch(() => {});
  await stack?.close();
});

/** Triggers the schedule and waits for the digest workflow it starts. */
async function triggerAndWait(handle: ScheduleHandle): Promise<ProgramDigestResult[]> {
  const before = new Set(
    (await handle.describe()).info.recentActions.map((a) => a.action.workflow.firstExecutionRunId),
  );
  await handle.trigger();
  for (let i = 0; i < 100; i++) {
    const started = (await handle.describe()).info.recentActions.find(
      (a) => !before.has(a.action.workflow.firstExecutionRunId),
    );
    if (started) {
      const wf = stack.client.workflow.getHandle(
        started.action.workflow.workflowId,
        started.action.workflow.firstExecutionRunId,
      );
      return (await wf.result()) as ProgramDigestResult[];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the schedule did not start a digest workflow');
}

describe('committee digest', () => {
  it('creates the schedule once, however often workers start, and follows a changed interval', async () => {
    const first = await ensureDigestSchedule(stack.client, stack.config);
    const again = await ensureDigestSchedule(stack.client, stack.config);
    expect(again.scheduleId).toBe(first.scheduleId);
    expect(first.scheduleId).toBe(digestScheduleId(stack.config));
    const ids: string[] = [];
    for await (const s of stack.client.schedule.list())
      if (s.scheduleId === first.scheduleId) ids.push(s.scheduleId);
    expect(ids).toHaveLength(1);
    const described = await first.describe();
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
    expect(described.action).toMatchObject({
      workflowType: 'committeeDigestWorkflow',
      taskQueue: stack.taskQueue,
    });

    schedule = await ensureDigestSchedule(stack.client, { ...stack.config, DIGEST_INTERVAL: '2h' });
    expect((await schedule.describe()).spec.intervals?.map((i) => i.every)).toEqual([7_200_000]);
  });

  it('is created at worker start even when Temporal answers slower than a request may wait', async () => {
    // A client whose every call gets 1 ms, as a request's 3 s against a server that has just started.
    const connection = await Connection.connect({
      address: stack.temporalAddress,
      interceptors: [defaultDeadline(1)],
    });
    try {
      const slow = new Client({ connection, namespace: stack.config.TEMPORAL_NAMESPACE });
      await expect(slow.schedule.getHandle(digestScheduleId(stack.config)).describe()).rejects.toMatchObject({
        cause: { code: grpcStatus.DEADLINE_EXCEEDED },
      });
      const config = { ...stack.config, DIGEST_INTERVAL: '3h' };
      await ensureSchedules(slow, config);
      const digest = await stack.client.schedule.getHandle(digestScheduleId(config)).describe();
      expect(digest.spec.intervals?.map((i) => i.every)).toEqual([10_800_000]);
      await ensureSchedules(slow, stack.config);
    } finally {
      await connection.close();
    }
  });

  it('emails the committee the activities whose follow-up closed, with links to their reports, once', async () => {
    const handle = schedule ?? (await ensureDigestSchedule(stack.client, stack.config));
    const results = await triggerAndWait(handle);
    // Sent by the digest's own step, or by the outbox sender that heard the queued row first.
    expect(results).toEqual([
      {
        programId: 'cardio',
        activities: 1,
        outcome: expect.stringMatching(/^(sent|already_sent|queued|unconfirmed)$/),
      },
    ]);

    const mail = await stack.capture.waitFor((m) => m.subject.startsWith('Outcome digest: Cardiology CME'));
    expect(mail.to.sort()).toEqual(['chair@committee.test', 'member@committee.test']);
    expect(mail.subject).toBe('Outcome digest: Cardiology CME: 1 activity ready for review');
    expect(mail.html).toContain(`href="${stack.baseUrl}/reports/activities/act-a"`);
    expect(mail.html).toContain('Chest pain pathways');
    expect(mail.html).not.toContain('Heart failure update');
    expect(mail.html).not.toMatch(/Learner act-a|@example\.test/);
    expect(mail.text).toContain('follow-up answered 5 of 7 (71.4%); implemented fully or partly 80%');
    expect(mail.text).toContain('verdicts: 5 acceptable, 1 below threshold, 0 too few responses');
    expect(mail.text).toContain(
      `Program report: ${stack.baseUrl}/reports/programs/cardio?from=2026-01-15&to=2026-01-15`,
    );
    // Read on a phone: nothing runs past the edge, and no word is split across two lines.
    const browser = await launchChromium();
    try {
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.setContent(mail.html);
      await phone.screenshot({ path: 'test-results/digest-email-phone.png', fullPage: true });
      expect(await overflows(phone)).toEqual([]);
      expect(await wordsBrokenAcrossLines(phone)).toEqual([]);
    } finally {
      await browser.close();
    }

    // The link opens the report for a committee member.
    const report = await fetch(`${stack.baseUrl}/reports/activities/act-a?format=json`, {
      headers: stack.auth.committee,
    });
    expect(report.status).toBe(200);

    const [program] = await stack.db.select().from(programs).where(eq(programs.id, 'cardio'));
    expect(program.lastDigestAt).not.toBeNull();
    const [quiet] = await stack.db.select().from(programs).where(eq(programs.id, 'quiet'));
    expect(quiet.lastDigestAt).toBeNull();

    // Nothing closed since: the next run sends nothing.
    const next = await triggerAndWait(handle);
    expect(next).toEqual([{ programId: 'cardio', activities: 0, outcome: 'nothing_new' }]);
    expect(stack.capture.messages.filter((m) => m.subject.startsWith('Outcome digest'))).toHaveLength(1);
  });
});
