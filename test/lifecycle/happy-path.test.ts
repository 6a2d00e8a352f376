// A learner goes the whole way: enrolls, pays, attends, passes the competence
// check, evaluates, claims, gets certificates and answers the follow-up.
// Real Temporal, real database, real loopback SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { temporal } from '@temporalio/proto';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import {
  attendance,
  certificateEvents,
  certificates,
  competenceAttempts,
  creditClaims,
  evaluations,
  followUpResponses,
  payments,
} from '../../src/db/schema/index.js';
import { messageIdFor } from '../../src/outbox/outbox.js';
import { verifyLinkToken } from '../../src/platform/links.js';
import {
  attended,
  enrollInNewActivity,
  enrollmentRow,
  evaluation,
  linkIn,
  mailArrives,
  mailsTo,
  outboxOf,
  outcomeOf,
  payloadsOf,
  payment,
  policyWith,
  reachStage,
  stateOf,
} from './story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('the whole lifecycle', () => {
  it('takes a learner from enrollment to an answered follow-up, with every row and email', async () => {
    // Reminders late enough that the learner answers the first follow-up email.
    const e = await enrollInNewActivity(stack, 1, {
      policy: policyWith({ followUp: { enabled: true, delay: '1s', reminders: ['20s'], closeAfter: '30s' } }),
    });
    const to = e.learner.email;
    const secret = stack.config.LINK_SECRET;

    // A second enrollment of the same learner is the same enrollment.
    const again = await service.enroll(stack.ctx, e.activityId, e.learner);
    expect(again).toEqual({ enrollmentId: e.enrollmentId, workflowId: e.workflowId, created: false });

    // 1. purchase
    expect((await stateOf(stack, e.enrollmentId)).stage).toBe('awaiting_payment');
    await service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-happy-1'));
    const receipt = await mailArrives(stack, to, 'Receipt:');
    expect(receipt.text).toContain('$25.00');
    expect(receipt.text).toContain('pay-happy-1');
    // The shop sends the same payment event again: nothing new.
    await service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-happy-1'));

    // 2. attendance: an enduring activity, minutes reported, then completion
    await reachStage(stack, e.enrollmentId, 'attending');
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('module-1', 60));
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('module-1', 60)); // duplicate event
    await service.recordAttendance(stack.ctx, e.enrollmentId, attended('module-2', 30, true));

    // 3. competence check
    const invite = await mailArrives(stack, to, 'Your competence check');
    const competenceLink = linkIn(invite, 'competence');
    expect(verifyLinkToken(competenceLink.searchParams.get('t')!, secret, 'competence').sub).toBe(
      e.enrollmentId,
    );
    const competenceState = await reachStage(stack, e.enrollmentId, 'competence');
    expect(competenceState.minutesAttended).toBe(90);
    const result = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) });
    expect(result).toMatchObject({ attemptNo: 1, score: 1, passed: true, attemptsLeft: 0 });
    const resultMail = await mailArrives(stack, to, 'Competence check result');
    expect(resultMail.text).toContain('You passed');
    expect(
      verifyLinkToken(linkIn(resultMail, 'evaluation').searchParams.get('t')!, secret, 'evaluation').sub,
    ).toBe(e.enrollmentId);

    // 4. evaluation and commitment (learner text with markup: must arrive escaped)
    await reachStage(stack, e.enrollmentId, 'evaluation');
    const commitment = 'Order a <b>toxin</b> test first & stop "empiric" cultures';
    await service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation(commitment));

    // 5. claim: 90 minutes supports the designated 1.5; a physician claims AMA PRA credit only
    await reachStage(stack, e.enrollmentId, 'claim');
    const claims = [{ creditType: 'ama_pra_1' as const, credits: 1.5 }];
    expect(await service.submitClaim(stack.ctx, e.enrollmentId, { claims })).toEqual({ claims });

    // 6. the certificate, emailed as a PDF (one per credit type claimed)
    const certMail = await mailArrives(stack, to, 'Your certificate');
    expect(certMail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    for (const a of certMail.attachments) expect(a.content.subarray(0, 5).toString()).toBe('%PDF-');
    linkIn(certMail, 'certificate');
    linkIn(certMail, 'transcript');
    const certs = await stack.db
      .select()
      .from(certificates)
      .where(eq(certificates.enrollmentId, e.enrollmentId))
      .orderBy(asc(certificates.creditType));
    expect(certs.map((c) => [c.creditType, c.credits, c.revision, c.status])).toEqual([
      ['ama_pra_1', 1.5, 1, 'valid'],
    ]);
    for (const c of certs) {
      expect(c.number).toMatch(/^CEO-\d{4}-[2-9A-HJ-NP-Z]{6}$/);
      expect(c.learnerName).toBe(e.learner.name);
      expect(certMail.html).toContain(c.number);
      expect(certMail.text).toContain(`/verify/${c.verificationCode}`);
    }
    expect(new Set(certMail.attachments.map((a) => a.filename))).toEqual(
      new Set(certs.map((c) => `${c.number}.pdf`)),
    );
    const events = await stack.db.select().from(certificateEvents);
    expect(
      events.filter((ev) => certs.some((c) => c.id === ev.certificateId)).map((ev) => ev.action),
    ).toEqual(['issued']);

    // 7. follow-up: quotes the commitment (escaped), one-click answers
    const followUp = await mailArrives(stack, to, 'Did you make the change?');
    expect(followUp.html).toContain(
      'Order a &lt;b&gt;toxin&lt;/b&gt; test first &amp; stop &quot;empiric&quot; cultures',
    );
    expect(followUp.html).not.toContain('<b>toxin</b>');
    expect(followUp.text).toContain(commitment);
    const fully = linkIn(followUp, 'follow_up', 'fully');
    expect(verifyLinkToken(fully.searchParams.get('t')!, secret, 'follow_up').sub).toBe(e.enrollmentId);
    await reachStage(stack, e.enrollmentId, 'follow_up');
    await service.submitFollowUp(stack.ctx, e.enrollmentId, {
      implemented: 'fully',
      barriers: ['time'],
      confidence: 4,
    });

    // 8. closed
    expect(await outcomeOf(stack, e)).toBe('completed');
    const row = await enrollmentRow(stack, e.enrollmentId);
    expect(row).toMatchObject({
      stage: 'closed',
      outcome: 'completed',
      followUpStatus: 'answered',
      minutesAttended: 90,
    });
    for (const column of [
      'paidAt',
      'attendanceCompletedAt',
      'competencePassedAt',
      'evaluatedAt',
      'claimedAt',
      'certifiedAt',
      'followUpSentAt',
      'followUpAnsweredAt',
      'closedAt',
    ] as const) {
      expect(row[column], column).toBeInstanceOf(Date);
    }
    // Stages happened in order.
    const { stages } = await service.getEnrollment(stack.ctx, e.enrollmentId);
    expect(stages.map((s) => s.stage)).toEqual([
      'enrolled',
      'paid',
      'attendance_completed',
      'competence_passed',
      'evaluated',
      'claimed',
      'certified',
      'follow_up_sent',
      'follow_up_answered',
      'closed',
    ]);
    const times = stages.map((s) => s.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const where = <T extends { enrollmentId: unknown }>(t: T) => eq(t.enrollmentId as never, e.enrollmentId);
    expect(await stack.db.select().from(payments).where(where(payments))).toMatchObject([
      { amountCents: 2500, currency: 'USD', reference: 'pay-happy-1', kind: 'payment' },
    ]);
    const rows = await stack.db.select().from(attendance).where(where(attendance));
    expect(rows.map((r) => [r.eventKey, r.minutes, r.completed]).sort()).toEqual([
      ['module-1', 60, false],
      ['module-2', 30, true],
    ]);
    expect(await stack.db.select().from(competenceAttempts).where(where(competenceAttempts))).toMatchObject([
      { attemptNo: 1, score: 1, passed: true, answers: sampleAnswers(0) },
    ]);
    expect(await stack.db.select().from(evaluations).where(where(evaluations))).toMatchObject([
      { objectiveRatings: [5, 4, 5], relevance: 5, freeOfCommercialBias: true, commitment },
    ]);
    const claimed = await stack.db.select().from(creditClaims).where(where(creditClaims));
    const due = Object.fromEntries(
      claimed.map((c) => [
        c.creditType,
        c.reportDueAt && (c.reportDueAt.getTime() - c.claimedAt.getTime()) / 86_400_000,
      ]),
    );
    // The learner holds a Florida licence: AMA hours go to CE Broker within 30 days.
    expect(due).toEqual({ ama_pra_1: 30 });
    expect(await stack.db.select().from(followUpResponses).where(where(followUpResponses))).toMatchObject([
      { implemented: 'fully', barriers: ['time'], confidence: 4, remindersBefore: 0 },
    ]);

    // Exactly these emails, each once, each with the outbox's deterministic Message-ID.
    const outbox = await outboxOf(stack, e.enrollmentId);
    expect(outbox.map((m) => m.kind).sort()).toEqual([
      'certificate',
      'competence_invite',
      'competence_result',
      'enrollment_confirmation',
      'follow_up',
      'receipt',
    ]);
    expect(outbox.every((m) => m.status === 'sent')).toBe(true);
    const arrived = mailsTo(stack, to);
    expect(arrived).toHaveLength(6);
    expect(new Set(arrived.map((m) => m.messageId))).toEqual(new Set(outbox.map((m) => m.messageId)));
    for (const m of outbox) expect(m.messageId).toBe(messageIdFor(m.dedupeKey));

    // The workflow history carries ids, not the learner's name or email.
    const recorded = (await stack.client.workflow.getHandle(e.workflowId).fetchHistory()).events ?? [];
    const history = payloadsOf({ events: recorded });
    expect(history).toContain(e.enrollmentId);
    expect(history).not.toContain(e.learner.email);
    expect(history).not.toContain(e.learner.name);
    // Started as v2 by its input: no patch marker and no search-attribute upsert were billed.
    const kinds = recorded.map((ev) => temporal.api.enums.v1.EventType[ev.eventType as number]);
    expect(kinds).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect(kinds).not.toContain('EVENT_TYPE_MARKER_RECORDED');
    expect(kinds).not.toContain('EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
  });
});
