// A step whose data the database refuses (here a NUL byte in a payment
// reference, sent around the API's input rule) fails for good on its first
// attempt, as a non-retryable DatabaseDataError the workflow can answer,
// instead of being retried forever; nothing of the step is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { activityDeps, createActivities } from '../../activities/index.js';
import { payments } from '../../src/db/schema/index.js';
import { enrollInNewActivity, enrollmentRow, payment } from './story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.close();
});

describe('a step given data the database refuses', () => {
  it('fails on its first attempt as a non-retryable DatabaseDataError, writing nothing', async () => {
    const e = await enrollInNewActivity(stack, 1);
    const activities = createActivities(
      activityDeps({ db: stack.db, mailer: stack.mailer, clock: stack.ctx.clock, config: stack.config }),
    );
    const env = new MockActivityEnvironment({ attempt: 1 });
    const failure = await env
      .run(activities.acceptPayment, { enrollmentId: e.enrollmentId, payment: payment('ref-\u0000-77') })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DatabaseDataError', nonRetryable: true });
    // Says why without repeating the data (it lands in the workflow's history and the logs).
    expect((failure as Error).message).toBe('the database refused the data (SQLSTATE 22021)');

    expect(await stack.db.select().from(payments).where(eq(payments.enrollmentId, e.enrollmentId))).toEqual(
      [],
    );
    expect((await enrollmentRow(stack, e.enrollmentId)).stage).toBe('awaiting_payment');

    // The same step with good data goes through: the refusal was the data's, not the database's.
    await env.run(activities.acceptPayment, { enrollmentId: e.enrollmentId, payment: payment('ref-77') });
    expect((await enrollmentRow(stack, e.enrollmentId)).stage).toBe('attending');
  });
});
