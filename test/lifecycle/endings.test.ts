// The ways an enrollment ends short of a certificate, and the shortcuts
// (free activities, fee waivers, no competence check, live attendance).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import {
  attendance,
  certificates,
  competenceAttempts,
  enrollments,
  payments,
} from '../../src/db/schema/index.js';
import {
  attended,
  enrollInNewActivity,
  enrollmentRow,
  evaluation,
  linkIn,
  mailArrives,
  mailsTo,
  outboxDrained,
  outboxOf,
  outcomeOf,
  payAndAttend,
  payment,
  policyWith,
  reachStage,
  refusal,
} from './story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const paymentsOf = (enrollmentId: string) =>
  stack.db.select().from(payments).where(eq(payments.enrollmentId, enrollmentId));

describe('unpaid', () => {
  it('lapses when no payment comes within the payment window, and refuses a late payment', async () => {
    const e = await enrollInNewActivity(stack, 10); // payment window 3s
    const started = Date.now();
    expect(await outcomeOf(stack, e)).toBe('lapsed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);

    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row).toMatchObject({ stage: 'closed', outcome: 'lapsed', paidAt: null });
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(await paymentsOf(e.enrollmentId)).toEqual([]);
    // Only the enrollment email: no receipt, no competence check.
    await outboxDrained(stack, e.enrollmentId);
    expect((await outboxOf(stack, e.enrollmentId)).map((m) => m.kind)).toEqual(['enrollment_confirmation']);
    expect(mailsTo(stack, e.learner.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^You are enrolled/),
    ]);

    const late = await refusal(service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-late')));
    expect(late.status).toBe(409);
    expect(late.message).toContain('closed (lapsed)');
    expect(await paymentsOf(e.enrollmentId)).toEqual([]);

    // Enrolling again finds the lapsed enrollment; its workflow is not restarted.
    const again = await service.enroll(stack.ctx, e.activityId, e.learner);
    expect(again).toEqual({ enrollmentId: e.enrollmentId, workflowId: e.workflowId, created: false });
    expect((await service.getEnrollment(stack.ctx, e.enrollmentId)).state).toMatchObject({
      stage: 'closed',
      outcome: 'lapsed',
    });
  });
});

describe('withdrawal', () => {
  it('ends a paid enrollment during attendance as withdrawn, with the refund recorded', async () => {
    const e = await enrollInNewActivity(stack, 11);
    await service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-w-1'));
    await reachStage(stack, e.enrollmentId, 'attending');
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('module-1', 20));
    await service.withdraw(stack.ctx, e.enrollmentId, {
      reason: 'changed jobs',
      refundReference: 'refund-w-1',
      at: new Date().toISOString(),
    });
    expect(await outcomeOf(stack, e)).toBe('withdrawn');

    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row).toMatchObject({ stage: 'closed', outcome: 'withdrawn', minutesAttended: 20 });
    const money = await paymentsOf(e.enrollmentId);
    expect(money.map((p) => [p.kind, p.amountCents, p.reference]).sort()).toEqual([
      ['payment', 2500, 'pay-w-1'],
      ['refund', 2500, 'refund-w-1'],
    ]);
    expect(
      await stack.db.select().from(attendance).where(eq(attendance.enrollmentId, e.enrollmentId)),
    ).toHaveLength(1);
    // Only the enrollment email and the receipt went out: no competence check for a withdrawn learner.
    await outboxDrained(stack, e.enrollmentId);
    expect((await outboxOf(stack, e.enrollmentId)).map((m) => m.kind).sort()).toEqual([
      'enrollment_confirmation',
      'receipt',
    ]);
    expect(
      mailsTo(stack, e.learner.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([expect.stringMatching(/^Receipt/), expect.stringMatching(/^You are enrolled/)]);

    const again = await refusal(
      service.withdraw(stack.ctx, e.enrollmentId, { reason: 'again', at: new Date().toISOString() }),
    );
    expect(again.status).toBe(409);
  });

  it('ends an unpaid enrollment as withdrawn without a refund', async () => {
    const e = await enrollInNewActivity(stack, 12, {
      policy: policyWith({
        windows: { payment: '30s', completion: '30s', submission: '30s', linkExpiry: '1h' },
      }),
    });
    await service.withdraw(stack.ctx, e.enrollmentId, {
      reason: 'cannot attend',
      at: new Date().toISOString(),
    });
    expect(await outcomeOf(stack, e)).toBe('withdrawn');
    expect(await paymentsOf(e.enrollmentId)).toEqual([]);
  });
});

describe('competence', () => {
  it('ends as failed_competence after the last attempt, keeping every attempt', async () => {
    const e = await enrollInNewActivity(stack, 13); // 2 attempts, pass mark 0.6
    await payAndAttend(stack, e);
    await reachStage(stack, e.enrollmentId, 'competence');

    const first = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(3) });
    expect(first).toMatchObject({ attemptNo: 1, score: 0, passed: false, attemptsLeft: 1 });
    const firstMail = await mailArrives(stack, e.learner.email, 'Competence check result');
    expect(firstMail.text).toContain('1 attempt left');
    linkIn(firstMail, 'competence'); // try again

    const second = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(2) });
    expect(second).toMatchObject({ attemptNo: 2, passed: false, attemptsLeft: 0 });
    expect(second.score).toBeCloseTo(1 / 3);
    expect(await outcomeOf(stack, e)).toBe('failed_competence');

    const attempts = await stack.db
      .select()
      .from(competenceAttempts)
      .where(eq(competenceAttempts.enrollmentId, e.enrollmentId));
    expect(attempts.map((a) => [a.attemptNo, a.passed, a.itemResults]).sort()).toEqual([
      [1, false, { v1: false, v2: false, v3: false }],
      [2, false, { v1: false, v2: false, v3: true }],
    ]);
    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row).toMatchObject({ stage: 'closed', outcome: 'failed_competence', competencePassedAt: null });
    expect(
      await stack.db.select().from(certificates).where(eq(certificates.enrollmentId, e.enrollmentId)),
    ).toEqual([]);
    const kinds = (await outboxOf(stack, e.enrollmentId)).map((m) =>
      m.dedupeKey.split(':').slice(1).join(':'),
    );
    expect(kinds.sort()).toEqual([
      'competence_invite',
      'competence_result:1',
      'competence_result:2',
      'enrollment_confirmation',
      'receipt',
    ]);
    await outboxDrained(stack, e.enrollmentId);
    const last = mailsTo(stack, e.learner.email).at(-1)!;
    expect(last.text).toContain('last of your 2 attempts');
    expect(last.html).not.toContain('/learn/');

    const third = await refusal(
      service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) }),
    );
    expect(third.status).toBe(409);
    expect(third.message).toContain('failed_competence');
  });

  it('moves on when a pass follows a failed attempt at once (while the first result email is going out)', async () => {
    const e = await enrollInNewActivity(stack, 19);
    await payAndAttend(stack, e);
    await reachStage(stack, e.enrollmentId, 'competence');
    await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(3) });
    const pass = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) });
    expect(pass).toMatchObject({ attemptNo: 2, passed: true });
    await reachStage(stack, e.enrollmentId, 'evaluation');
    const passed = await mailArrives(stack, e.learner.email, 'Competence check result', 10_000).then(() =>
      stack.capture.waitFor((m) => m.to.includes(e.learner.email) && m.text.includes('You passed'), 10_000),
    );
    linkIn(passed, 'evaluation');
    const keys = (await outboxOf(stack, e.enrollmentId)).map((m) =>
      m.dedupeKey.split(':').slice(1).join(':'),
    );
    expect(keys.filter((k) => k.startsWith('competence_result')).sort()).toEqual([
      'competence_result:1',
      'competence_result:2',
    ]);
  });

  it('reminds a learner who passed but has not evaluated and claimed, then closes as abandoned', async () => {
    // The reminders carry the provider's contact from its profile.
    const profile = await fetch(`${stack.baseUrl}/provider`, {
      method: 'PUT',
      headers: { ...stack.auth.staff, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Society for Clinical Microbiology',
        contactEmail: 'ce@scm.example.org',
        postalAddress: '1 Main Street\nSpringfield, IL 62701',
      }),
    });
    expect(profile.status).toBe(200);
    const e = await enrollInNewActivity(stack, 18, {
      policy: policyWith({
        windows: {
          payment: '30s',
          completion: '30s',
          submission: '6s',
          linkExpiry: '1h',
          submissionReminders: ['1s', '3s', '9s'],
        },
      }),
    });
    await payAndAttend(stack, e);
    await reachStage(stack, e.enrollmentId, 'competence');
    await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) });
    expect(await outcomeOf(stack, e)).toBe('abandoned');
    await outboxDrained(stack, e.enrollmentId);
    // Two reminders: the third (9s) falls after the window closes (6s).
    const reminders = mailsTo(stack, e.learner.email).filter((m) => m.subject.startsWith('Reminder: finish'));
    expect(reminders.map((m) => m.subject)).toEqual([
      'Reminder: finish Diagnosing C. difficile infection: a case-based update to receive your certificate',
      'Reminder: finish Diagnosing C. difficile infection: a case-based update to receive your certificate',
    ]);
    expect(reminders[0].text).toContain('the evaluation and your credit claim');
    linkIn(reminders[0], 'evaluation');
    for (const r of reminders)
      for (const part of [r.text, r.html]) {
        expect(part).toContain('Springfield, IL 62701');
        expect(part).toContain('ce@scm.example.org');
      }
    // Both went out before the enrollment closed as abandoned.
    const { closedAt } = await enrollmentRow(stack, e.enrollmentId);
    const queued = (await outboxOf(stack, e.enrollmentId)).filter((m) => m.kind === 'finish_reminder');
    expect(queued).toHaveLength(2);
    for (const m of queued) expect(m.createdAt.getTime()).toBeLessThanOrEqual(closedAt!.getTime());
  });

  it('ends as abandoned when no answer comes within the submission window', async () => {
    const e = await enrollInNewActivity(stack, 14, {
      policy: policyWith({
        windows: { payment: '3s', completion: '30s', submission: '1s', linkExpiry: '1h' },
      }),
    });
    await payAndAttend(stack, e);
    expect(await outcomeOf(stack, e)).toBe('abandoned');
    expect((await enrollmentRow(stack, e.enrollmentId)).attendanceCompletedAt).toBeInstanceOf(Date);
  });
});

describe('shortcuts', () => {
  it('skips payment for a waived fee, and the competence stage when the policy has no items', async () => {
    const e = await enrollInNewActivity(
      stack,
      15,
      { policy: policyWith({ competence: { passMark: 0.7, maxAttempts: 3, items: [] } }) },
      { feeWaiver: 'faculty' },
    );
    await reachStage(stack, e.enrollmentId, 'attending');
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('all', 60, true));
    await reachStage(stack, e.enrollmentId, 'evaluation');
    await service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation());
    await reachStage(stack, e.enrollmentId, 'claim');
    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row.paidAt).toBeNull();
    expect(await paymentsOf(e.enrollmentId)).toEqual([]);
    expect((await outboxOf(stack, e.enrollmentId)).map((m) => m.kind)).toEqual(['enrollment_confirmation']);
    await service.withdraw(stack.ctx, e.enrollmentId, { reason: 'done here', at: new Date().toISOString() });
    expect(await outcomeOf(stack, e)).toBe('withdrawn');
  });

  it('refuses a waiver the policy does not accept, before anything is stored or started', async () => {
    // Checked by the service itself, so every caller (API, CLI, tests) gets the same refusal.
    const err = await refusal(enrollInNewActivity(stack, 16, {}, { feeWaiver: 'student' }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^body\.feeWaiver: "student" is not a waiver this activity accepts/);
    expect(await stack.db.select().from(enrollments).where(eq(enrollments.learnerId, 'learner-16'))).toEqual(
      [],
    );
  });

  it('a free live activity: attendance counts until the activity ends, then the check', async () => {
    // Long enough for the attendance below to arrive before the end on a loaded machine.
    const endsAt = new Date(Date.now() + 6_000).toISOString();
    const e = await enrollInNewActivity(stack, 17, {
      format: 'live',
      priceCents: 0,
      startsAt: new Date().toISOString(),
      endsAt,
    });
    await reachStage(stack, e.enrollmentId, 'attending');
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('session-1', 40));
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('session-2', 35));
    const competence = await reachStage(stack, e.enrollmentId, 'competence', 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    expect(competence.minutesAttended).toBe(75);
    expect((await enrollmentRow(stack, e.enrollmentId)).minutesAttended).toBe(75);
  });

  it('a live activity that ends with no attendance is not completed', async () => {
    const e = await enrollInNewActivity(stack, 18, {
      format: 'live',
      priceCents: 0,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(await outcomeOf(stack, e)).toBe('not_completed');
    expect(await enrollmentRow(stack, e.enrollmentId)).toMatchObject({
      outcome: 'not_completed',
      minutesAttended: 0,
    });
  });
});
