// Submissions that are refused: claims outside the credit rules (422, one
// message per problem), submissions out of order or repeated with other
// content (409), answers that do not fit the activity (400). A refusal changes
// nothing: no row, no stage change, no signal in the workflow history. The
// same submission again is not refused: it answers the first result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers, sampleLearner } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import { competenceAttempts, creditClaims, enrollments, evaluations } from '../../src/db/schema/index.js';
import type { ClaimProblem } from '../../src/domain/credits.js';
import { Conflict } from '../../src/domain/errors.js';
import type { ClaimSubmission } from '../../workflows/messages.js';
import {
  driveToClaim,
  enrollInNewActivity,
  evaluation,
  payAndAttend,
  payment,
  policyWith,
  reachStage,
  refusal,
  stateOf,
  type Enrolled,
} from './story.js';
import { samplePolicy } from '../support/fixtures.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const claimRows = async (enrollmentId: string) =>
  (
    await stack.db
      .select({ n: count() })
      .from(creditClaims)
      .where(eq(creditClaims.enrollmentId, enrollmentId))
  )[0].n;

/** Submissions signalled to the workflow, by kind: a refused one never reaches its history. */
async function signalledSubmissions(e: Enrolled): Promise<string[]> {
  const history = await stack.client.workflow.getHandle(e.workflowId).fetchHistory();
  const converter = stack.client.options.loadedDataConverter.payloadConverter;
  return (history.events ?? []).flatMap((ev) => {
    const signal = ev.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== 'submitted') return [];
    return [converter.fromPayload<{ kind: string }>(signal.input!.payloads![0]).kind];
  });
}

async function refusedClaim(e: Enrolled, claim: ClaimSubmission): Promise<ClaimProblem[]> {
  const err = await refusal(service.submitClaim(stack.ctx, e.enrollmentId, claim));
  expect(err.status, err.message).toBe(422);
  expect(err.message).toMatch(/^claim refused: /);
  return err.details as ClaimProblem[];
}

describe('credit claims outside the rules', () => {
  it('refuses each rule with a message saying why, then accepts a claim within them', async () => {
    // A physician, 45 minutes attended; designated 1.5 of each type.
    const short = await enrollInNewActivity(stack, 30);
    // A laboratory scientist, 120 minutes attended.
    const lab = await enrollInNewActivity(
      stack,
      33,
      {},
      { learner: { profession: 'laboratory_professional' } },
    );
    // A pharmacist, 120 minutes attended, but no NABP e-Profile ID on file.
    const noNabp = await enrollInNewActivity(
      stack,
      31,
      {},
      { learner: { profession: 'pharmacist', nabpEProfileId: undefined } },
    );
    // A pharmacist in an activity designated for ACPE without a Universal Activity Number.
    const noUan = await enrollInNewActivity(
      stack,
      32,
      { policy: policyWith({ credits: [{ type: 'acpe', maxCredits: 1 }] }) },
      { learner: { profession: 'pharmacist' } },
    );
    await Promise.all([
      driveToClaim(stack, short, 45),
      driveToClaim(stack, lab, 120),
      driveToClaim(stack, noNabp, 120),
      driveToClaim(stack, noUan, 60),
    ]);

    // AMA over the time attended: 45 minutes is 0.75 credit.
    expect(await refusedClaim(short, { claims: [{ creditType: 'ama_pra_1', credits: 1 }] })).toEqual([
      {
        creditType: 'ama_pra_1',
        field: 'claims.0.credits',
        message: expect.stringMatching(/at most 0\.75 .*45 minutes attended/),
      },
    ]);
    // Not a quarter step.
    expect(await refusedClaim(short, { claims: [{ creditType: 'ama_pra_1', credits: 0.3 }] })).toEqual([
      { creditType: 'ama_pra_1', field: 'claims.0.credits', message: 'claim in steps of 0.25 (0.3 is not)' },
    ]);
    // Who may claim what: P.A.C.E. hours are not a physician's; the problem is at its line, naming the type.
    const two = await refusedClaim(short, {
      claims: [
        { creditType: 'ama_pra_1', credits: 0.75 },
        { creditType: 'pace', credits: 0.75 },
      ],
    });
    expect(two).toEqual([
      {
        creditType: 'pace',
        field: 'claims.1.creditType',
        message: 'P.A.C.E.® contact hours are for clinical laboratory personnel, not for a physician',
      },
    ]);
    // Nor AMA PRA credit a laboratory scientist's, nor ACPE credit a physician's.
    expect(await refusedClaim(lab, { claims: [{ creditType: 'ama_pra_1', credits: 1 }] })).toEqual([
      {
        creditType: 'ama_pra_1',
        field: 'claims.0.creditType',
        message: 'AMA PRA Category 1 Credit™ is for physicians, not for a clinical laboratory professional',
      },
    ]);
    expect(await refusedClaim(short, { claims: [{ creditType: 'acpe', credits: 0.5 }] })).toEqual([
      {
        creditType: 'acpe',
        field: 'claims.0.creditType',
        message: 'ACPE contact hours are for pharmacists (UAN audience P), not for a physician',
      },
    ]);
    // Over the designated maximum (120 minutes would be 2.25 contact hours, the designation is 1.5).
    expect(await refusedClaim(lab, { claims: [{ creditType: 'pace', credits: 1.75 }] })).toEqual([
      {
        creditType: 'pace',
        field: 'claims.0.credits',
        message: expect.stringMatching(/at most 1\.5 .*designated maximum/),
      },
    ]);
    // ACPE without the learner's NABP e-Profile ID.
    expect(await refusedClaim(noNabp, { claims: [{ creditType: 'acpe', credits: 1 }] })).toEqual([
      { creditType: 'acpe', field: 'claims.0.credits', message: 'ACPE credit needs your NABP e-Profile ID' },
    ]);
    // ACPE on an activity without a UAN.
    expect(await refusedClaim(noUan, { claims: [{ creditType: 'acpe', credits: 1 }] })).toEqual([
      {
        creditType: 'acpe',
        field: 'claims.0.credits',
        message: 'the activity has no valid ACPE Universal Activity Number',
      },
    ]);
    // A type the activity is not designated for.
    expect(await refusedClaim(noUan, { claims: [{ creditType: 'ama_pra_1', credits: 1 }] })).toEqual([
      expect.objectContaining({
        field: 'claims.0.creditType',
        message: expect.stringContaining('not designated'),
      }),
    ]);

    // Nothing changed: no rows, still at the claim stage, no claim signalled.
    for (const e of [short, lab, noNabp, noUan]) {
      expect(await claimRows(e.enrollmentId)).toBe(0);
      expect((await stateOf(stack, e.enrollmentId)).stage).toBe('claim');
      expect(await signalledSubmissions(e)).toEqual(['competence', 'evaluation']);
    }

    // Within the rules: accepted and stored with its reporting deadline.
    expect(
      await service.submitClaim(stack.ctx, short.enrollmentId, {
        claims: [{ creditType: 'ama_pra_1', credits: 0.75 }],
      }),
    ).toEqual({ claims: [{ creditType: 'ama_pra_1', credits: 0.75 }] });
    await reachStage(stack, short.enrollmentId, 'certified');
    expect(await claimRows(short.enrollmentId)).toBe(1);

    // The same claim again (a retry) answers the same; another claim is refused as a double submission.
    expect(
      await service.submitClaim(stack.ctx, short.enrollmentId, {
        claims: [{ creditType: 'ama_pra_1', credits: 0.75 }],
      }),
    ).toEqual({ claims: [{ creditType: 'ama_pra_1', credits: 0.75 }] });
    const twice = await refusal(
      service.submitClaim(stack.ctx, short.enrollmentId, {
        claims: [{ creditType: 'ama_pra_1', credits: 0.5 }],
      }),
    );
    expect(twice.status).toBe(409);
    expect(await claimRows(short.enrollmentId)).toBe(1);
  });
});

describe('submissions out of order, repeated or malformed', () => {
  it('refuses each with a 409 or 400 that says why, and changes nothing', async () => {
    const e = await enrollInNewActivity(stack, 40, {
      policy: {
        ...samplePolicy,
        windows: { payment: '30s', completion: '30s', submission: '30s', linkExpiry: '1h' },
      },
    });

    // Before payment: nothing but payment (and attendance) is taken.
    const early = await refusal(service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation()));
    expect(early.status).toBe(409);
    expect(early.message).toContain('stage awaiting_payment');
    expect(
      (await refusal(service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers() })))
        .status,
    ).toBe(409);
    const earlyFollowUp = await refusal(
      service.submitFollowUp(stack.ctx, e.enrollmentId, { implemented: 'fully' }),
    );
    expect(earlyFollowUp.status).toBe(409);

    // A payment below the price is refused; the right one is taken.
    const cheap = await refusal(service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-cheap', 100)));
    expect(cheap.status).toBe(422);
    expect(cheap.message).toMatch(/^amountCents: /);
    await payAndAttend(stack, e);
    await reachStage(stack, e.enrollmentId, 'competence');

    // Answers that do not cover every item with a known option: 400 naming each.
    const partial = await refusal(
      service.submitCompetence(stack.ctx, e.enrollmentId, { answers: { v1: 'a', v2: 'zz', v9: 'a' } }),
    );
    expect(partial.status).toBe(400);
    expect(partial.details).toEqual([
      'answers.v9: no such item in this activity',
      'answers.v2: "zz" is not one of its options',
      'answers.v3: not answered',
    ]);
    // The claim before the check: 409.
    const claimEarly = await refusal(
      service.submitClaim(stack.ctx, e.enrollmentId, { claims: [{ creditType: 'ama_pra_1', credits: 1 }] }),
    );
    expect(claimEarly.status).toBe(409);
    expect(claimEarly.message).toContain('stage competence');
    expect((await stateOf(stack, e.enrollmentId)).competenceAttempts).toBe(0);

    // Pass; the same answers again are the same attempt (a retry after a lost response): its result again.
    const passed = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) });
    await reachStage(stack, e.enrollmentId, 'evaluation');
    expect(await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) })).toEqual(
      passed,
    );
    // Other answers, or a second attempt named as such, are a double submission.
    const again = await refusal(
      service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(1) }),
    );
    expect(again.status).toBe(409);
    const second = await refusal(
      service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0), attemptNo: 2 }),
    );
    expect(second.status).toBe(409);
    const attempts = await stack.db
      .select()
      .from(competenceAttempts)
      .where(eq(competenceAttempts.enrollmentId, e.enrollmentId));
    expect(attempts).toHaveLength(1);

    // An evaluation that does not rate each objective: 400.
    const badRatings = await refusal(
      service.submitEvaluation(stack.ctx, e.enrollmentId, { ...evaluation(), objectiveRatings: [5, 4] }),
    );
    expect(badRatings.status).toBe(400);
    expect(badRatings.message).toContain('objectiveRatings: rate each of the 3 learning objectives');
    const noCommitment = await refusal(
      service.submitEvaluation(stack.ctx, e.enrollmentId, { ...evaluation(), commitment: '   ' }),
    );
    expect(noCommitment.status).toBe(400);
    expect(noCommitment.message).toContain('commitment');

    // Two evaluations sent at once: one is recorded, the other refused.
    const both = await Promise.allSettled([
      service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation('first')),
      service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation('second')),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = both.find((r) => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(Conflict);
    const stored = await stack.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.enrollmentId, e.enrollmentId));
    expect(stored).toHaveLength(1);
    await reachStage(stack, e.enrollmentId, 'claim');
    expect(await signalledSubmissions(e)).toEqual(['competence', 'evaluation', 'evaluation']);
  });

  it('answers 404 for an unknown activity or enrollment', async () => {
    const noActivity = await refusal(service.enroll(stack.ctx, 'no-such-activity', sampleLearner(50)));
    expect(noActivity.status).toBe(404);
    expect(noActivity.message).toContain('no-such-activity');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const err = await refusal(service.recordPayment(stack.ctx, id, payment('pay-nowhere')));
      expect(err.status).toBe(404);
      expect((await refusal(service.getEnrollment(stack.ctx, id))).status).toBe(404);
    }
  });

  it('enrolling the same learner twice at once gives one enrollment and one workflow', async () => {
    const first = await enrollInNewActivity(stack, 51);
    const [a, b] = await Promise.all([
      service.enroll(stack.ctx, first.activityId, sampleLearner(52)),
      service.enroll(stack.ctx, first.activityId, sampleLearner(52)),
    ]);
    expect(a.enrollmentId).toBe(b.enrollmentId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const rows = await stack.db.select().from(enrollments).where(eq(enrollments.learnerId, 'learner-52'));
    expect(rows).toHaveLength(1);
    const runs = [];
    for await (const w of stack.client.workflow.list({ query: `WorkflowId = '${a.workflowId}'` }))
      runs.push(w);
    expect(runs).toHaveLength(1);
  });
});
