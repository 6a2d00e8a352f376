// The enrollment system's view: an LMS creates an activity, enrolls learners
// and sends events through the typed client; the learner's submissions go
// through the same API. Real Temporal, real database, real SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { refusal } from '../support/refusal.js';
import { sampleActivity, sampleAnswers, sampleLearner, samplePolicy } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import {
  createCeOutcomesClient,
  type CeOutcomesClient,
  type EnrollmentView,
} from '../../src/client/index.js';
import {
  activities,
  creditClaims,
  emailOutbox,
  enrollments,
  evaluations,
  learners,
} from '../../src/db/schema/index.js';

let stack: TestStack;
let api: CeOutcomesClient;

beforeAll(async () => {
  stack = await startStack();
  api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
});
afterAll(async () => {
  await stack?.close();
});

const stageOf = (id: string) => api.getEnrollment(id).then((e) => e.state.stage);
/** Polls the enrollment until `ready`; on timeout, says which stage it was stuck at. */
async function until(id: string, ready: (e: EnrollmentView) => boolean, timeoutMs = 30_000) {
  let last: EnrollmentView | undefined;
  const e = await eventually(
    async () => {
      last = await api.getEnrollment(id);
      return ready(last) ? last : undefined;
    },
    timeoutMs,
    200,
  ).catch(() => {
    throw new Error(`enrollment still at ${JSON.stringify(last?.state)}`);
  });
  return e!;
}

/** The competence-result email of an attempt has gone out. */
const resultEmailSent = (enrollmentId: string, attemptNo: number) =>
  eventually(async () => {
    const [row] = await stack.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `${enrollmentId}:competence_result:${attemptNo}`));
    return row?.status === 'sent';
  });

describe('activities', () => {
  it('creates an activity (201), updates it (200) and reads it back', async () => {
    const activity = sampleActivity();
    expect(await api.putActivity('micro-101', activity)).toEqual({ activityId: 'micro-101', created: true });
    expect(await api.putActivity('micro-101', { ...activity, title: 'C. difficile, revised' })).toEqual({
      activityId: 'micro-101',
      created: false,
    });
    const read = await api.getActivity('micro-101');
    expect(read.title).toBe('C. difficile, revised');
    expect(read.policy.credits.map((c) => c.type)).toEqual(['ama_pra_1', 'pace', 'acpe']);
    expect(read.enrollments).toBe(0);
  });

  it('refuses an ACPE designation without a valid UAN, naming the field, and keeps the stored activity', async () => {
    const activity = sampleActivity({ title: 'Stored title' });
    await api.putActivity('micro-102', activity);
    const credits = activity.policy.credits.map((c) => (c.type === 'acpe' ? { ...c, uan: undefined } : c));
    const missing = await refusal(
      api.putActivity('micro-102', {
        ...activity,
        title: 'Changed',
        policy: { ...activity.policy, credits },
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/body\.policy\.credits\.2\.uan: .*Universal Activity Number/);

    const badUan = activity.policy.credits.map((c) => (c.type === 'acpe' ? { ...c, uan: '0001-26-001' } : c));
    const malformed = await refusal(
      api.putActivity('micro-102', {
        ...activity,
        title: 'Changed',
        policy: { ...activity.policy, credits: badUan },
      }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.message).toMatch(/body\.policy\.credits\.2\.uan: "0001-26-001" is not a UAN/);
    expect((await api.getActivity('micro-102')).title).toBe('Stored title');
  });

  it('refuses an activity that ends before it starts, and does not create it', async () => {
    const activity = sampleActivity();
    const err = await refusal(api.putActivity('micro-103', { ...activity, endsAt: '2020-01-01T00:00:00Z' }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/body\.endsAt: must not be before startsAt/);
    expect((await refusal(api.getActivity('micro-103'))).status).toBe(404);
    const [{ n }] = await stack.db
      .select({ n: count() })
      .from(activities)
      .where(eq(activities.id, 'micro-103'));
    expect(n).toBe(0);
  });

  it('refuses an answer key that is not among the options, and a bad activity id', async () => {
    const activity = sampleActivity();
    const items = activity.policy.competence.items.map((item, i) =>
      i === 1 ? { ...item, correctOptionId: 'z' } : item,
    );
    const err = await refusal(
      api.putActivity('micro-104', {
        ...activity,
        policy: { ...activity.policy, competence: { ...activity.policy.competence, items } },
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/body\.policy\.competence\.items\.1\.correctOptionId/);
    const badId = await refusal(api.putActivity('micro:104', activity));
    expect(badId.status).toBe(400);
    expect(badId.message).toMatch(/params\.activityId/);
  });

  it('answers 401 without the bearer token, and 400 for a body that is not JSON', async () => {
    const anonymous = await fetch(`${stack.baseUrl}/activities/micro-101`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/authorization/);
    const wrongToken = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: 'not-the-token' });
    expect((await refusal(wrongToken.getActivity('micro-101'))).status).toBe(401);

    const garbled = await fetch(`${stack.baseUrl}/activities/micro-105`, {
      method: 'PUT',
      headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: string }).error).toMatch(/^body/);
  });
});

describe('enrollments', () => {
  beforeAll(async () => {
    // A payment window of a minute: these stories are not about lapsing, and a busy machine is slow.
    await api.putActivity(
      'micro-201',
      sampleActivity({ policy: { ...samplePolicy, windows: { ...samplePolicy.windows, payment: '1m' } } }),
    );
  });

  it('refuses an enrollment in an unknown activity (404) and stores no learner', async () => {
    const err = await refusal(api.enroll('no-such-activity', { learner: sampleLearner(900) }));
    expect(err.status).toBe(404);
    expect(err.message).toMatch(/no-such-activity/);
    const rows = await stack.db
      .select()
      .from(learners)
      .where(eq(learners.id, sampleLearner(900).id));
    expect(rows).toEqual([]);
  });

  it('refuses a malformed learner, naming the field', async () => {
    const err = await refusal(
      api.enroll('micro-201', { learner: { ...sampleLearner(901), email: 'not-an-email' } }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/body\.learner\.email/);
    const rows = await stack.db
      .select()
      .from(learners)
      .where(eq(learners.id, sampleLearner(901).id));
    expect(rows).toEqual([]);
  });

  it('answers a duplicate enrollment with the existing one (200), not a second', async () => {
    const first = await api.enroll('micro-201', { learner: sampleLearner(1) });
    expect(first.created).toBe(true);
    const again = await api.enroll('micro-201', { learner: sampleLearner(1) });
    expect(again).toEqual({ ...first, created: false });
    const rows = await stack.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.learnerId, sampleLearner(1).id));
    expect(rows).toHaveLength(1);
    expect((await api.getActivity('micro-201')).enrollments).toBe(1);
  });

  it('refuses a fee waiver the activity does not accept, and enrolls faculty without payment', async () => {
    const err = await refusal(api.enroll('micro-201', { learner: sampleLearner(902), feeWaiver: 'student' }));
    expect(err.status).toBe(400);
    expect(err.message).toBe(
      'body.feeWaiver: "student" is not a waiver this activity accepts (faculty, member)',
    );
    expect(
      await stack.db
        .select()
        .from(learners)
        .where(eq(learners.id, sampleLearner(902).id)),
    ).toEqual([]);

    const { enrollmentId } = await api.enroll('micro-201', {
      learner: sampleLearner(903),
      feeWaiver: 'faculty',
    });
    const attending = await until(enrollmentId, (e) => e.state.stage === 'attending');
    expect(attending.feeWaiver).toBe('faculty');
    expect(attending.state.paid).toBe(false);
  });

  it('tells what is claimable for the time attended and the profession, and why a type is not', async () => {
    // A laboratory scientist: P.A.C.E. only, and 40 minutes is under its 50-minute minimum.
    const { enrollmentId: id } = await api.enroll('micro-201', {
      learner: sampleLearner(5, 'laboratory_professional'),
    });
    await api.recordPayment(id, { amountCents: 2500, currency: 'USD', reference: 'pay-5' });
    await api.recordAttendance(id, { eventKey: 'part-1', minutes: 40, completed: true });
    await until(id, (e) => e.state.stage === 'competence');
    const claimable = await api.getClaimable(id);
    expect(claimable.minutesAttended).toBe(40);
    const byType = Object.fromEntries(claimable.credits.map((c) => [c.creditType, c]));
    expect(byType.ama_pra_1).toMatchObject({
      designated: 1.5,
      max: 0,
      reason: 'AMA PRA Category 1 Credit™ is for physicians, not for a clinical laboratory professional',
    });
    expect(byType.pace).toMatchObject({ max: 0, reason: expect.stringMatching(/at least 50 minutes/) });
    expect(byType.acpe).toMatchObject({ max: 0, reason: expect.stringMatching(/for pharmacists/) });
    // Nothing open: 40 minutes is 0.75 hour of participation.
    expect(claimable.participation).toEqual({ hours: 0.75 });

    // A physician who attended 40 minutes: 0.75 AMA credit, the nearest quarter hour.
    const { enrollmentId: md } = await api.enroll('micro-201', { learner: sampleLearner(7) });
    await api.recordPayment(md, { amountCents: 2500, currency: 'USD', reference: 'pay-7' });
    await api.recordAttendance(md, { eventKey: 'part-1', minutes: 40, completed: true });
    await until(md, (e) => e.state.stage === 'competence');
    const physician = await api.getClaimable(md);
    expect(physician.credits.find((c) => c.creditType === 'ama_pra_1')).toMatchObject({
      max: 0.75,
      reason: expect.stringMatching(/40 minutes/),
    });
    expect(physician.participation).toBeNull();

    // A pharmacist without an e-Profile ID is told what is missing.
    const { nabpEProfileId: _, ...withoutNabp } = sampleLearner(6, 'pharmacist');
    const { enrollmentId: rph } = await api.enroll('micro-201', { learner: withoutNabp });
    const pharmacist = await api.getClaimable(rph);
    expect(pharmacist.credits.find((c) => c.creditType === 'acpe')).toMatchObject({
      max: 0,
      reason: expect.stringMatching(/NABP e-Profile ID/),
    });
  });

  it('answers 404 for an unknown enrollment and 400 for a malformed id', async () => {
    const unknown = await refusal(api.getEnrollment('00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    const malformed = await refusal(api.getEnrollment('not-a-uuid'));
    expect(malformed.status).toBe(400);
    expect(malformed.message).toMatch(/params\.enrollmentId/);
  });

  it('carries a learner from payment to a closed follow-up, refusing out-of-order and double submissions, answering a repeated one with its first result', async () => {
    const learner = sampleLearner(2);
    const { enrollmentId: id, created } = await api.enroll('micro-201', { learner });
    expect(created).toBe(true);
    expect(await stageOf(id)).toBe('awaiting_payment');

    // An answer before the check is open changes nothing.
    const early = await refusal(api.submitCompetence(id, { answers: sampleAnswers() }));
    expect(early.status).toBe(409);
    expect(early.message).toMatch(/awaiting_payment|payment/);

    expect(await api.recordPayment(id, { amountCents: 2500, currency: 'USD', reference: 'pay-2' })).toEqual({
      enrollmentId: id,
      accepted: true,
    });
    await api.recordAttendance(id, { eventKey: 'module-1', minutes: 90, completed: true });
    await until(id, (e) => e.state.stage === 'competence');

    const claimable = await api.getClaimable(id);
    expect(claimable.credits.find((c) => c.creditType === 'ama_pra_1')).toMatchObject({
      designated: 1.5,
      max: 1.5,
    });
    expect(claimable.credits.find((c) => c.creditType === 'pace')).toMatchObject({
      max: 0,
      reason: expect.stringMatching(/for clinical laboratory personnel, not for a physician/),
    });

    // The evaluation comes after the check: refused, nothing stored.
    const outOfOrder = await refusal(
      api.submitEvaluation(id, {
        objectiveRatings: [5, 4, 4],
        relevance: 5,
        freeOfCommercialBias: true,
        commitment: 'Order toxin testing first',
      }),
    );
    expect(outOfOrder.status).toBe(409);
    expect(await stack.db.select().from(evaluations).where(eq(evaluations.enrollmentId, id))).toEqual([]);

    const failed = await api.submitCompetence(id, { answers: sampleAnswers(2) });
    expect(failed).toMatchObject({ attemptNo: 1, passed: false, attemptsLeft: 1 });
    // The learner reads the result email, then tries again.
    await resultEmailSent(id, 1);
    const passed = await api.submitCompetence(id, { answers: sampleAnswers() });
    expect(passed).toMatchObject({ attemptNo: 2, passed: true, score: 1 });
    // The same request again (its response lost, say) is the same attempt: the same answer, no third attempt.
    expect(await api.submitCompetence(id, { answers: sampleAnswers() })).toEqual(passed);
    const twice = await refusal(api.submitCompetence(id, { answers: sampleAnswers(1) }));
    expect(twice.status).toBe(409);

    await until(id, (e) => e.state.stage === 'evaluation');
    expect(
      await api.submitEvaluation(id, {
        objectiveRatings: [5, 4, 4],
        relevance: 5,
        freeOfCommercialBias: true,
        commitment: 'Order toxin testing first',
      }),
    ).toEqual({ enrollmentId: id, recorded: true });

    await until(id, (e) => e.state.stage === 'claim');
    const refused = await refusal(api.submitClaim(id, { claims: [{ creditType: 'ama_pra_1', credits: 2 }] }));
    expect(refused.status).toBe(422);
    expect(refused.details).toEqual([
      expect.objectContaining({
        creditType: 'ama_pra_1',
        field: 'claims.0.credits',
        message: expect.stringMatching(/at most 1.5/),
      }),
    ]);
    // P.A.C.E. hours are not a physician's: 422 naming the type and why.
    const notTheirs = await refusal(
      api.submitClaim(id, {
        claims: [
          { creditType: 'ama_pra_1', credits: 1.5 },
          { creditType: 'pace', credits: 1.5 },
        ],
      }),
    );
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.details).toEqual([
      {
        creditType: 'pace',
        field: 'claims.1.creditType',
        message: 'P.A.C.E.® contact hours are for clinical laboratory personnel, not for a physician',
      },
    ]);
    expect(await stack.db.select().from(creditClaims).where(eq(creditClaims.enrollmentId, id))).toEqual([]);

    const claimed = await api.submitClaim(id, { claims: [{ creditType: 'ama_pra_1', credits: 1.5 }] });
    expect(claimed.claims).toEqual([{ creditType: 'ama_pra_1', credits: 1.5 }]);
    const doubleClaim = await refusal(api.submitClaim(id, { claims: [{ creditType: 'acpe', credits: 1 }] }));
    expect(doubleClaim.status).toBe(409);

    await until(id, (e) => e.state.stage === 'follow_up');
    expect(
      await api.submitFollowUp(id, { implemented: 'partly', barriers: ['time'], confidence: 4 }),
    ).toEqual({
      enrollmentId: id,
      recorded: true,
    });
    expect((await refusal(api.submitFollowUp(id, { implemented: 'fully' }))).status).toBe(409);

    // The workflow says closed a moment before the closing row is written.
    const closed = await until(id, (e) => e.stages.some((s) => s.stage === 'closed'));
    expect(closed.state).toMatchObject({ outcome: 'completed', followUpStatus: 'answered', paid: true });
    expect(closed.stages.map((s) => s.stage)).toEqual([
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
    for (const s of closed.stages) expect(Date.parse(s.at)).not.toBeNaN();

    // A finished enrollment takes no more events.
    const late = await refusal(
      api.recordPayment(id, { amountCents: 2500, currency: 'USD', reference: 'pay-2b' }),
    );
    expect(late.status).toBe(409);
    expect(late.message).toMatch(/closed|finished/);
  });

  it('moves on to the evaluation when a passing attempt follows a failed one at once', async () => {
    // A learner who retries before the first result email has gone out.
    const { enrollmentId: id } = await api.enroll('micro-201', { learner: sampleLearner(4) });
    await api.recordPayment(id, { amountCents: 2500, currency: 'USD', reference: 'pay-4' });
    await api.recordAttendance(id, { eventKey: 'module-1', minutes: 90, completed: true });
    await until(id, (e) => e.state.stage === 'competence');
    expect(await api.submitCompetence(id, { answers: sampleAnswers(3) })).toMatchObject({ passed: false });
    expect(await api.submitCompetence(id, { answers: sampleAnswers() })).toMatchObject({ passed: true });
    await until(id, (e) => e.state.stage === 'evaluation', 10_000);
  });

  it('withdraws a learner (202) and then refuses attendance (409)', async () => {
    const { enrollmentId: id } = await api.enroll('micro-201', { learner: sampleLearner(3) });
    await api.recordPayment(id, { amountCents: 2500, currency: 'USD', reference: 'pay-3' });
    expect(await api.withdraw(id, { reason: 'Changed jobs', refundReference: 'refund-3' })).toEqual({
      enrollmentId: id,
      accepted: true,
    });
    // Closed once the closing row is written (the workflow says so a moment earlier).
    const closed = await until(id, (e) => e.stages.some((s) => s.stage === 'closed'));
    expect(closed.state.outcome).toBe('withdrawn');
    const late = await refusal(api.recordAttendance(id, { eventKey: 'late', minutes: 30 }));
    expect(late.status).toBe(409);
  });
});

describe('the API document', () => {
  it('lists every enrollment route with its request schema', async () => {
    const res = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const expected: [string, string, boolean][] = [
      ['/activities/{activityId}', 'put', true],
      ['/activities/{activityId}', 'get', false],
      ['/activities/{activityId}/enrollments', 'post', true],
      ['/enrollments/{enrollmentId}', 'get', false],
      ['/enrollments/{enrollmentId}/payments', 'post', true],
      ['/enrollments/{enrollmentId}/attendance', 'post', true],
      ['/enrollments/{enrollmentId}/withdrawal', 'post', true],
      ['/enrollments/{enrollmentId}/competence', 'post', true],
      ['/enrollments/{enrollmentId}/evaluation', 'post', true],
      ['/enrollments/{enrollmentId}/claim', 'post', true],
      ['/enrollments/{enrollmentId}/follow-up', 'post', true],
      ['/enrollments/{enrollmentId}/claimable', 'get', false],
      ['/outbox', 'get', false],
      ['/outbox/{emailId}/resend', 'post', false],
    ];
    for (const [path, method, hasBody] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      if (hasBody)
        expect(op.requestBody?.content['application/json'].schema, `${method} ${path}`).toBeTruthy();
    }
    const enroll = doc.paths['/activities/{activityId}/enrollments'].post.requestBody!.content[
      'application/json'
    ].schema as { properties: { learner: { required: string[] } } };
    expect(enroll.properties.learner.required).toEqual(expect.arrayContaining(['id', 'name', 'email']));
  });
});
