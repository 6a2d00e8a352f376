// The reminder effect measured right: a learner who clicks the first email's
// one-click answer after the first reminder has gone out is credited to the
// first email (the link says which), and remindersBefore still records that a
// reminder had gone out. The email number goes through the page's details form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { followUpResponses } from '../../src/db/schema/index.js';
import { activityReport } from '../../src/reports/activity-report.js';
import { driveToFollowUp, enrollInNewActivity, linkIn, mailArrives, outcomeOf, policyWith } from './story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const responseOf = async (enrollmentId: string) =>
  (
    await stack.db.select().from(followUpResponses).where(eq(followUpResponses.enrollmentId, enrollmentId))
  )[0];

describe('which email brought the follow-up answer', () => {
  it('credits the first email when its link is clicked after a reminder went out', async () => {
    const e = await enrollInNewActivity(stack, 70, {
      policy: policyWith({
        followUp: { enabled: true, delay: '1s', reminders: ['1s', '6s'], closeAfter: '9s' },
      }),
    });
    const first = await driveToFollowUp(stack, e);
    const reminder = await mailArrives(stack, e.learner.email, 'Reminder: did you make the change?');
    // Each email's links say which email they came in.
    expect(linkIn(first, 'follow_up', 'fully').searchParams.get('email')).toBe('0');
    expect(linkIn(reminder, 'follow_up', 'fully').searchParams.get('email')).toBe('1');

    const page = await fetch(linkIn(first, 'follow_up', 'partly'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Thank you: your answer is recorded');
    // The details form carries the email on.
    expect(html).toContain('<input type="hidden" name="email" value="0" />');
    expect(await outcomeOf(stack, e)).toBe('completed');
    expect(await responseOf(e.enrollmentId)).toMatchObject({
      implemented: 'partly',
      viaEmail: 0,
      remindersBefore: 1,
    });

    const report = await activityReport(stack.db, e.activityId);
    expect(report.followUpEmails).toEqual([
      { email: 0, label: 'First email', sent: 1, answered: 1, rate: 1 },
      { email: 1, label: 'Reminder 1', sent: 1, answered: 0, rate: 0 },
    ]);
  });

  it('credits a reminder answered through its details form, and an answer without a link to no email', async () => {
    const e = await enrollInNewActivity(stack, 71, {
      policy: policyWith({
        followUp: { enabled: true, delay: '1s', reminders: ['1s', '6s'], closeAfter: '9s' },
      }),
    });
    await driveToFollowUp(stack, e);
    const reminder = await mailArrives(stack, e.learner.email, 'Reminder: did you make the change?');
    const link = linkIn(reminder, 'follow_up', 'fully');
    // The learner opens the questionnaire and answers with the form (the link's email in a hidden field).
    const form = await fetch(`${stack.baseUrl}/learn/follow_up`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        t: link.searchParams.get('t')!,
        email: '1',
        implemented: 'fully',
        barriers: 'Not enough time',
      }),
    });
    expect(form.status).toBe(200);
    expect(await outcomeOf(stack, e)).toBe('completed');
    expect(await responseOf(e.enrollmentId)).toMatchObject({
      implemented: 'fully',
      viaEmail: 1,
      remindersBefore: 1,
    });

    // Through the API (the enrollment system relays an answer): no email.
    const api = await enrollInNewActivity(stack, 72, {
      policy: policyWith({ followUp: { enabled: true, delay: '1s', reminders: ['30s'], closeAfter: '60s' } }),
    });
    await driveToFollowUp(stack, api);
    const res = await fetch(`${stack.baseUrl}/enrollments/${api.enrollmentId}/follow-up`, {
      method: 'POST',
      headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
      body: JSON.stringify({ implemented: 'not', viaEmail: 99 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/body.viaEmail/);
    const ok = await fetch(`${stack.baseUrl}/enrollments/${api.enrollmentId}/follow-up`, {
      method: 'POST',
      headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
      body: JSON.stringify({ implemented: 'not' }),
    });
    expect(ok.status).toBe(200);
    expect(await responseOf(api.enrollmentId)).toMatchObject({
      implemented: 'not',
      viaEmail: null,
      remindersBefore: 0,
    });
  });
});
