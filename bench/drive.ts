// Learners driven through the enrollment service as the API drives them (the
// same calls its routes make): a paid activity, one attendance event, the
// competence check passed first time, the evaluation, one credit claimed, the
// follow-up answered; no reminder. Waits read PostgreSQL, as the API does.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../src/context.js';
import { enrollments } from '../src/db/schema/index.js';
import type { EnrollmentStage } from '../src/domain/enrollment.js';
import { activityInputSchema, type PolicyInput } from '../src/domain/policy-schema.js';
import * as service from '../src/enrollment/service.js';
import { Pending } from '../src/domain/errors.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function benchPolicy(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    credits: [{ type: 'ama_pra_1', maxCredits: 1.5 }],
    competence: {
      passMark: 0.6,
      maxAttempts: 2,
      items: [
        {
          id: 'v1',
          kind: 'vignette',
          vignette: 'A 62-year-old on broad-spectrum antibiotics develops diarrhoea on day 5.',
          prompt: 'Which test do you order first?',
          options: [
            { id: 'a', text: 'Test for C. difficile toxin' },
            { id: 'b', text: 'Stool culture' },
          ],
          correctOptionId: 'a',
        },
      ],
    },
    windows: { payment: '1h', completion: '1h', submission: '1h', linkExpiry: '1h', submissionReminders: [] },
    followUp: { enabled: true, delay: '1s', reminders: ['1h'], closeAfter: '2h' },
    ...overrides,
  };
}

export async function saveBenchActivity(
  ctx: AppContext,
  activityId: string,
  opts: { format?: 'live' | 'enduring'; endsAt?: Date; priceCents?: number; policy?: PolicyInput } = {},
): Promise<void> {
  const now = Date.now();
  await service.saveActivity(
    ctx,
    activityId,
    activityInputSchema.parse({
      title: `Bench activity ${activityId}`,
      programId: 'bench',
      providerName: 'Bench provider',
      format: opts.format ?? 'enduring',
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: (opts.endsAt ?? new Date(now + 30 * 86_400_000)).toISOString(),
      learningObjectives: ['Choose the right first test'],
      priceCents: opts.priceCents ?? 2500,
      policy: opts.policy ?? benchPolicy(),
    }),
  );
}

export const benchLearner = (tag: string, n: number) => ({
  id: `${tag}-${n}`,
  name: `Dr Bench ${n}`,
  email: `${tag}-${n}@bench.test`,
  // AMA PRA Category 1 Credit™ is a physician's credit: the claim names the profession.
  profession: 'physician' as const,
});

async function stageOf(ctx: AppContext, enrollmentId: string): Promise<EnrollmentStage> {
  const [row] = await ctx.db
    .select({ stage: enrollments.stage })
    .from(enrollments)
    .where(eq(enrollments.id, enrollmentId));
  return row.stage;
}

export async function reach(ctx: AppContext, enrollmentId: string, stage: EnrollmentStage): Promise<void> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(50)) {
    if ((await stageOf(ctx, enrollmentId)) === stage) return;
  }
  throw new Error(`${enrollmentId} never reached ${stage}`);
}

/** A submission as a client sends it: again after a moment while it is received but not yet recorded (202). */
async function untilAnswered<T>(call: () => Promise<T>): Promise<T> {
  for (const deadline = Date.now() + 120_000; ; await sleep(20)) {
    const answer = await call().then(
      (value) => ({ value }),
      (err: unknown) => {
        if (err instanceof Pending && Date.now() < deadline) return undefined;
        throw err;
      },
    );
    if (answer) return answer.value;
  }
}

/** Enrolls, pays, attends once (complete), passes first time, evaluates and claims: certified (for participation when told). */
export async function driveToCertified(
  ctx: AppContext,
  activityId: string,
  learner: ReturnType<typeof benchLearner>,
  opts: { paid?: boolean; competence?: boolean; participation?: boolean } = {},
): Promise<{ enrollmentId: string; workflowId: string }> {
  const { enrollmentId, workflowId } = await service.enroll(ctx, activityId, learner);
  if (opts.paid !== false) {
    await service.recordPayment(ctx, enrollmentId, {
      amountCents: 2500,
      currency: 'USD',
      reference: `pay-${learner.id}`,
      receivedAt: new Date().toISOString(),
    });
    await reach(ctx, enrollmentId, 'attending');
  }
  await service.recordAttendance(ctx, enrollmentId, {
    eventKey: 'course',
    minutes: 90,
    completed: true,
    recordedAt: new Date().toISOString(),
  });
  if (opts.competence !== false) {
    await reach(ctx, enrollmentId, 'competence');
    await untilAnswered(() => service.submitCompetence(ctx, enrollmentId, { answers: { v1: 'a' } }));
  } else await reach(ctx, enrollmentId, 'evaluation');
  await untilAnswered(() =>
    service.submitEvaluation(ctx, enrollmentId, {
      objectiveRatings: [5],
      relevance: 5,
      freeOfCommercialBias: true,
      commitment: 'Order a toxin test first.',
    }),
  );
  // The claim form opens once the stage says claim (a claim sent the moment the evaluation
  // is answered may meet the row still at evaluation: 409, as a hurried client would get).
  await reach(ctx, enrollmentId, 'claim');
  // An activity designated for no credit: a certificate of participation, nothing to report to a regulator.
  const claims = opts.participation ? [] : [{ creditType: 'ama_pra_1' as const, credits: 1.5 }];
  await untilAnswered(() => service.submitClaim(ctx, enrollmentId, { claims }));
  return { enrollmentId, workflowId };
}

/**
 * The cheapest way to the follow-up sleep: a live activity with no price, no
 * competence items and no credit designated (a certificate of participation,
 * nothing reported to a regulator), its follow-up due `delay` after its end.
 */
export async function saveAsleepActivity(ctx: AppContext, activityId: string, endsAt: Date, delay: string) {
  await saveBenchActivity(ctx, activityId, {
    format: 'live',
    priceCents: 0,
    endsAt,
    policy: benchPolicy({
      credits: [],
      competence: { passMark: 0.6, maxAttempts: 1, items: [] },
      followUp: { enabled: true, delay, reminders: [], closeAfter: '2h' },
    }),
  });
}

/**
 * The cheapest open enrollment: a paid activity, whose workflow starts by
 * waiting for the payment (a signal) or the end of its payment window (a
 * timer, 2 hours here). Enrolling is one row, one queued email and one
 * workflow start; the worker runs one workflow task and no activity.
 */
export async function saveAwaitingPaymentActivity(ctx: AppContext, activityId: string): Promise<void> {
  const policy = benchPolicy();
  await saveBenchActivity(ctx, activityId, {
    priceCents: 2500,
    policy: {
      ...policy,
      windows: { ...policy.windows, payment: '2h' },
      // Registration open before anyone has disclosed: the enrollment emails wait in the
      // outbox (held), so the drive measures the enrollments, not the SMTP exchange.
      disclosures: { holdEnrollmentEmails: true },
    },
  });
}

/** Enrolls learner i of an activity saved by saveAwaitingPaymentActivity, as `POST /enrollments` does. */
export const enrollAwaitingPayment = (ctx: AppContext, activityId: string, i: number) =>
  service.enroll(ctx, activityId, benchLearner(activityId, i));

/** Drives learner i of an activity saved by saveAsleepActivity to its follow-up sleep. */
export const driveToSleep = (ctx: AppContext, activityId: string, i: number) =>
  driveToCertified(ctx, activityId, benchLearner(activityId, i), {
    paid: false,
    competence: false,
    participation: true,
  });

/** The whole lifecycle: certified, the follow-up email, the answer that closes it. */
export async function driveLifecycle(
  ctx: AppContext,
  activityId: string,
  learner: ReturnType<typeof benchLearner>,
): Promise<{ enrollmentId: string; workflowId: string }> {
  const e = await driveToCertified(ctx, activityId, learner);
  await reach(ctx, e.enrollmentId, 'follow_up');
  await untilAnswered(() => service.submitFollowUp(ctx, e.enrollmentId, { implemented: 'fully' }));
  await reach(ctx, e.enrollmentId, 'closed');
  return e;
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at a time. */
export async function pool(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await task(next++);
  });
  await Promise.all(lanes);
}
