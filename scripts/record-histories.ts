// Records histories of finished enrollment workflows into test/histories/, for
// the replay test (test/lifecycle/replay.test.ts): a change to the workflow
// that does not keep these replaying (patched()) fails CI.
//
//   npx tsx scripts/record-histories.ts            # the stories with no history yet
//   npx tsx scripts/record-histories.ts abandoned  # one story (refuses to overwrite)
//
// Runs the real workflow on a throwaway dev server, in-memory database and
// loopback SMTP, with second-scale policies. Record only a new kind of
// history; never re-record one to make a failing replay pass. The
// enrollment-*.json files without "v2" were recorded from v1 (before
// submissions became signals) and are kept as they are.
import * as service from '../src/enrollment/service.js';
import type { PolicyInput } from '../src/domain/policy.js';
import { samplePolicy, sampleActivity, sampleAnswers, sampleLearner } from '../test/support/fixtures.js';
import { startRecorder } from './history-recorder.js';

const recorder = await startRecorder('record-histories');
const { ctx } = recorder;
const capture = ctx.capture!;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(enrollmentId: string, stage: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await service.getEnrollment(ctx, enrollmentId)).enrollment.stage === stage) return;
    await sleep(100);
  }
  throw new Error(`${enrollmentId} never reached ${stage}`);
}
const now = () => new Date().toISOString();
const pay = (enrollmentId: string, reference: string) =>
  service.recordPayment(ctx, enrollmentId, {
    amountCents: 2500,
    currency: 'USD',
    reference,
    receivedAt: now(),
  });
const attend = (enrollmentId: string, eventKey: string, minutes: number, completed: boolean) =>
  service.recordAttendance(ctx, enrollmentId, { eventKey, minutes, completed, recordedAt: now() });
const evaluate = (enrollmentId: string) =>
  service.submitEvaluation(ctx, enrollmentId, {
    objectiveRatings: [5, 4, 4],
    relevance: 5,
    freeOfCommercialBias: true,
    commitment: 'Order a toxin test before any stool culture.',
  });

async function enrollIn(name: string, n: number, policy: Partial<PolicyInput> = {}) {
  await service.saveActivity(
    ctx,
    `record-${name}`,
    sampleActivity({ policy: { ...samplePolicy, ...policy } }),
  );
  return service.enroll(ctx, `record-${name}`, sampleLearner(n));
}

/** Paid, attended, a failed attempt then a pass, evaluated, claimed, answered after the first reminder. */
async function completed(name = 'v2-completed', n = 1): Promise<string> {
  const { enrollmentId, workflowId } = await enrollIn(name, n, {
    followUp: { enabled: true, delay: '1s', reminders: ['1s', '6s'], closeAfter: '8s' },
  });
  await pay(enrollmentId, `rec-${n}`);
  await until(enrollmentId, 'attending');
  await attend(enrollmentId, 'm1', 60, false);
  await attend(enrollmentId, 'm2', 30, true);
  await until(enrollmentId, 'competence');
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(3), attemptNo: 1 });
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(0), attemptNo: 2 });
  await evaluate(enrollmentId);
  // Out of order: a follow-up answer at the claim stage is refused by the API, never signalled.
  await service.submitClaim(ctx, enrollmentId, {
    // A physician claims AMA PRA only (ACPE is for pharmacists since the profession rules).
    claims: [{ creditType: 'ama_pra_1', credits: 1.5 }],
  });
  await until(enrollmentId, 'follow_up');
  await capture.waitFor((m) => m.subject.startsWith('Reminder:'), 20_000);
  await service.submitFollowUp(ctx, enrollmentId, {
    implemented: 'partly',
    barriers: ['time'],
    confidence: 4,
  });
  return workflowId;
}

/** Enrolled, never paid. */
async function lapsed(): Promise<string> {
  return (await enrollIn('v2-lapsed', 2)).workflowId;
}

/** Paid, attended a little, withdrew with a refund. */
async function withdrawn(): Promise<string> {
  const { enrollmentId, workflowId } = await enrollIn('v2-withdrawn', 3);
  await pay(enrollmentId, 'rec-3');
  await until(enrollmentId, 'attending');
  await attend(enrollmentId, 'm1', 20, false);
  await service.withdraw(ctx, enrollmentId, { reason: 'changed jobs', refundReference: 'ref-3', at: now() });
  return workflowId;
}

/** Every attempt failed. */
async function failedCompetence(): Promise<string> {
  const { enrollmentId, workflowId } = await enrollIn('v2-failed-competence', 4);
  await pay(enrollmentId, 'rec-4');
  await until(enrollmentId, 'attending');
  await attend(enrollmentId, 'm1', 90, true);
  await until(enrollmentId, 'competence');
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(3), attemptNo: 1 });
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(2), attemptNo: 2 });
  return workflowId;
}

/** Passed, then never evaluated within the submission window. */
async function abandoned(): Promise<string> {
  const { enrollmentId, workflowId } = await enrollIn('v2-abandoned', 5, {
    windows: { payment: '3s', completion: '30s', submission: '3s', linkExpiry: '1h' },
  });
  await pay(enrollmentId, 'rec-5');
  await until(enrollmentId, 'attending');
  await attend(enrollmentId, 'm1', 90, true);
  await until(enrollmentId, 'competence');
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(0) });
  return workflowId;
}

/** A free activity without a competence check or follow-up: the certificate closes it. */
async function certifiedNoFollowUp(): Promise<string> {
  await service.saveActivity(
    ctx,
    'record-v2-certified',
    sampleActivity({
      priceCents: 0,
      policy: {
        ...samplePolicy,
        competence: { passMark: 0.6, maxAttempts: 2, items: [] },
        followUp: { enabled: false, delay: '1s', reminders: [], closeAfter: '4s' },
      },
    }),
  );
  const { enrollmentId, workflowId } = await service.enroll(ctx, 'record-v2-certified', sampleLearner(6));
  await attend(enrollmentId, 'm1', 90, true);
  await until(enrollmentId, 'evaluation');
  await evaluate(enrollmentId);
  await service.submitClaim(ctx, enrollmentId, { claims: [{ creditType: 'pace', credits: 1.5 }] });
  return workflowId;
}

/** Drives a free activity without a check to a claim; its follow-up is queued ahead (due 12 s after completion). */
async function certifiedWithFollowUpQueued(name: string, n: number, followUp: PolicyInput['followUp']) {
  await service.saveActivity(
    ctx,
    `record-${name}`,
    sampleActivity({
      priceCents: 0,
      policy: { ...samplePolicy, competence: { passMark: 0.6, maxAttempts: 2, items: [] }, followUp },
    }),
  );
  const learner = sampleLearner(n);
  const { enrollmentId, workflowId } = await service.enroll(ctx, `record-${name}`, learner);
  await attend(enrollmentId, 'm1', 90, true);
  await until(enrollmentId, 'evaluation');
  await evaluate(enrollmentId);
  await service.submitClaim(ctx, enrollmentId, { claims: [{ creditType: 'ama_pra_1', credits: 1.5 }] });
  await capture.waitFor((m) => m.to.includes(learner.email) && m.subject.startsWith('Did you make'), 30_000);
  return { enrollmentId, workflowId };
}

/** Queued ahead, answered from the email before the run's point in the spread: the answer wakes it. */
async function followUpAnsweredBeforeWake(): Promise<string> {
  const { enrollmentId, workflowId } = await certifiedWithFollowUpQueued('v2-follow-up-answered-early', 7, {
    enabled: true,
    delay: '12s',
    reminders: [],
    closeAfter: '5m',
  });
  await service.submitFollowUp(ctx, enrollmentId, { implemented: 'fully' });
  return workflowId;
}

/** Queued ahead, never answered: the run wakes at its point, reminds once, closes. */
async function followUpUnansweredAfterWake(name = 'v2-follow-up-unanswered', n = 8): Promise<string> {
  const { workflowId } = await certifiedWithFollowUpQueued(name, n, {
    enabled: true,
    delay: '12s',
    reminders: ['2s'],
    closeAfter: '4s',
  });
  return workflowId;
}

// The v2 stories without "unmarked" were recorded before runs were started with
// `workflowVersion: 2`: their first task records the v2 patch marker. The
// "unmarked" ones are runs started since, which tell v2 by their input.
const stories: Record<string, () => Promise<string>> = {
  'v2-completed': () => completed(),
  'v2-lapsed': lapsed,
  'v2-withdrawn': withdrawn,
  'v2-failed-competence': failedCompetence,
  'v2-abandoned': abandoned,
  'v2-certified-no-follow-up': certifiedNoFollowUp,
  'v2-follow-up-answered-early': followUpAnsweredBeforeWake,
  'v2-follow-up-unanswered': () => followUpUnansweredAfterWake(),
  'v2-unmarked-completed': () => completed('v2-unmarked-completed', 9),
  'v2-unmarked-follow-up-unanswered': () => followUpUnansweredAfterWake('v2-unmarked-follow-up-unanswered', 10),
};
try {
  // Started together, so the slow stories' timers run side by side.
  const started = await Promise.all(
    recorder
      .chosen('enrollment-', Object.keys(stories))
      .map(async (name) => ({ name, workflowId: await stories[name]() })),
  );
  for (const { name, workflowId } of started) await recorder.save('enrollment-', name, workflowId);
} finally {
  await recorder.close();
}
