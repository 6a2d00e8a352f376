// The follow-up on performance in practice: a durable timer after the
// activity, an email quoting the commitment, reminders until answered, and a
// close as answered or not answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import * as service from '../../src/enrollment/service.js';
import { followUpResponses } from '../../src/db/schema/index.js';
import {
  driveToClaim,
  driveToFollowUp,
  enrollInNewActivity,
  enrollmentRow,
  linkIn,
  mailArrives,
  mailsTo,
  outboxOf,
  outcomeOf,
  policyWith,
  refusal,
  stateOf,
} from './story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const followUpMails = (address: string) =>
  mailsTo(stack, address).filter((m) => /did you make the change/i.test(m.subject));

describe('follow-up', () => {
  it('is answered after the first reminder: remindersBefore = 1, no second reminder', async () => {
    const e = await enrollInNewActivity(stack, 60, {
      policy: policyWith({
        followUp: { enabled: true, delay: '1s', reminders: ['1s', '5s'], closeAfter: '8s' },
      }),
    });
    const first = await driveToFollowUp(stack, e);
    expect(first.subject).toMatch(/^Did you make the change\?/);
    // Withdrawal after certification is refused: the credit stands.
    expect(
      (
        await refusal(
          service.withdraw(stack.ctx, e.enrollmentId, { reason: 'late', at: new Date().toISOString() }),
        )
      ).status,
    ).toBe(409);

    const reminder = await mailArrives(stack, e.learner.email, 'Reminder: did you make the change?');
    expect(reminder.text).toContain('A short reminder');
    expect(reminder.text).toContain('Order a C. difficile toxin test before any stool culture.');
    linkIn(reminder, 'follow_up', 'partly');
    await service.submitFollowUp(stack.ctx, e.enrollmentId, {
      implemented: 'partly',
      barriers: ['no lab support', 'time'],
      confidence: 3,
      comments: 'Working on it',
    });
    expect(await outcomeOf(stack, e)).toBe('completed');

    const [response] = await stack.db
      .select()
      .from(followUpResponses)
      .where(eq(followUpResponses.enrollmentId, e.enrollmentId));
    expect(response).toMatchObject({
      implemented: 'partly',
      barriers: ['no lab support', 'time'],
      confidence: 3,
      remindersBefore: 1,
    });
    expect(await enrollmentRow(stack, e.enrollmentId)).toMatchObject({
      stage: 'closed',
      outcome: 'completed',
      followUpStatus: 'answered',
    });
    // The second reminder (at 5s) never went out.
    await new Promise((r) => setTimeout(r, 500));
    expect(followUpMails(e.learner.email).map((m) => m.subject.split(' ')[0])).toEqual(['Did', 'Reminder:']);
    const keys = (await outboxOf(stack, e.enrollmentId)).map((m) =>
      m.dedupeKey.replace(`${e.enrollmentId}:`, ''),
    );
    expect(keys.filter((k) => k.startsWith('follow_up')).sort()).toEqual([
      'follow_up',
      'follow_up_reminder:1',
    ]);

    const twice = await refusal(service.submitFollowUp(stack.ctx, e.enrollmentId, { implemented: 'fully' }));
    expect(twice.status).toBe(409);
    expect(twice.message).toContain('closed (completed)');
  });

  it('is never answered: every reminder goes out and it closes as not answered', async () => {
    const e = await enrollInNewActivity(stack, 61); // reminders 1s and 2s, closes at 4s
    await driveToFollowUp(stack, e);
    const sentAt = Date.now();
    expect(await outcomeOf(stack, e)).toBe('completed');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2_000);

    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row).toMatchObject({ stage: 'closed', outcome: 'completed', followUpStatus: 'not_answered' });
    expect(row.followUpSentAt).toBeInstanceOf(Date);
    expect(row.followUpAnsweredAt).toBeNull();
    expect(
      await stack.db
        .select()
        .from(followUpResponses)
        .where(eq(followUpResponses.enrollmentId, e.enrollmentId)),
    ).toEqual([]);
    expect(followUpMails(e.learner.email).map((m) => m.subject.split(' ')[0])).toEqual([
      'Did',
      'Reminder:',
      'Reminder:',
    ]);
    const state = await stateOf(stack, e.enrollmentId);
    expect(state).toMatchObject({
      followUpStatus: 'not_answered',
      followUpRemindersSent: 2,
      outcome: 'completed',
    });
  });

  it('is skipped when the policy disables it: completed right after the certificate', async () => {
    const e = await enrollInNewActivity(stack, 62, {
      policy: policyWith({ followUp: { enabled: false, delay: '1s', reminders: [], closeAfter: '2s' } }),
    });
    await driveToClaim(stack, e);
    await service.submitClaim(stack.ctx, e.enrollmentId, {
      claims: [{ creditType: 'ama_pra_1', credits: 1.5 }],
    });
    expect(await outcomeOf(stack, e)).toBe('completed');
    expect(await enrollmentRow(stack, e.enrollmentId)).toMatchObject({
      followUpStatus: null,
      followUpSentAt: null,
    });
    expect((await outboxOf(stack, e.enrollmentId)).map((m) => m.kind)).not.toContain('follow_up');
  });
});
