// The worker dies while sending the certificate email: SIGKILL after the SMTP
// server has the message but before it answers, so the outbox row is left
// "sending". The workflow does not wait for mail and carries on; a second
// worker's sender finds the row (older than OUTBOX_UNCONFIRMED_AFTER) and marks
// it unconfirmed instead of sending again. One email, one certificate per type.
//
// Needs PostgreSQL: the workers are separate processes sharing the database,
// which an in-memory PGlite cannot be. CI sets DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { exited, startWorkerProcess } from '../support/worker-process.js';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import * as service from '../../src/enrollment/service.js';
import { certificates, emailOutbox } from '../../src/db/schema/index.js';
import {
  driveToClaim,
  enrollInNewActivity,
  mailArrives,
  mailsTo,
  outcomeOf,
  policyWith,
  reachStage,
  stateOf,
} from './story.js';

const postgres = Boolean(process.env.DATABASE_URL);

let stack: TestStack;
const children: ChildProcess[] = [];

async function startChildWorker(): Promise<ChildProcess> {
  const child = await startWorkerProcess(stack, {
    OUTBOX_UNCONFIRMED_AFTER: '3s',
    // This test kills the process that sends: the worker sends here.
    OUTBOX_SENDER: 'worker',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (postgres) stack = await startStack({ worker: false });
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await stack?.close();
});

describe('a worker killed mid-send', () => {
  const story = 'sends the certificate email once, issues the certificate once, and goes on to the follow-up';
  (postgres ? it : it.skip)(
    postgres ? story : `${story} [skipped: needs DATABASE_URL; the worker processes must share one database]`,
    { timeout: 180_000 },
    async () => {
      const first = await startChildWorker();
      const e = await enrollInNewActivity(stack, 70, {
        policy: policyWith({
          followUp: { enabled: true, delay: '1s', reminders: ['30s'], closeAfter: '40s' },
        }),
      });
      await driveToClaim(stack, e);

      // The SMTP server has the certificate email: kill the sender before it hears back.
      let killedAt = 0;
      stack.capture.onMessage = async (mail) => {
        if (!killedAt && mail.subject.startsWith('Your certificate')) {
          killedAt = Date.now();
          first.kill('SIGKILL');
          await exited(first);
        }
      };
      await service.submitClaim(stack.ctx, e.enrollmentId, {
        claims: [{ creditType: 'ama_pra_1', credits: 1.5 }],
      });
      await exited(first);
      expect(killedAt).toBeGreaterThan(0);
      const [row] = await stack.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `${e.enrollmentId}:certificate`));
      expect(row.status).toBe('sending');

      // A second worker takes over: the workflow goes on, and its sender sweeps the orphaned row.
      await startChildWorker();
      const followUp = await mailArrives(stack, e.learner.email, 'Did you make the change?', 90_000);
      expect(followUp.text).toContain('Order a C. difficile toxin test');
      await reachStage(stack, e.enrollmentId, 'follow_up');

      const certMails = mailsTo(stack, e.learner.email).filter((m) =>
        m.subject.startsWith('Your certificate'),
      );
      expect(certMails).toHaveLength(1);
      expect(certMails[0].attachments).toHaveLength(1);
      const certs = await stack.db
        .select()
        .from(certificates)
        .where(eq(certificates.enrollmentId, e.enrollmentId));
      expect(certs.map((c) => c.creditType)).toEqual(['ama_pra_1']);
      const after = await eventually(async () => {
        const [now] = await stack.db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.dedupeKey, `${e.enrollmentId}:certificate`));
        return now.status === 'unconfirmed' ? now : undefined;
      }, 20_000);
      expect(after?.lastError).toContain('sender stopped');
      expect((await stateOf(stack, e.enrollmentId)).stage).toBe('follow_up');

      // And it still finishes: the learner answers the follow-up.
      await service.submitFollowUp(stack.ctx, e.enrollmentId, { implemented: 'fully' });
      expect(await outcomeOf(stack, e)).toBe('completed');
    },
  );
});
