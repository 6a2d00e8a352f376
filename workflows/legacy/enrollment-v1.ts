// FROZEN. The enrollment workflow as it ran before v2 (submissions as
// updates). Enrollments started before v2 keep running this code until they
// close: workflows/enrollment.ts sends every run without the v2 patch marker
// here. Do not change what it does; a change here breaks running enrollments
// (test/lifecycle/replay.test.ts replays their histories). Delete it, with
// deprecatePatch, once `ce-outcomes enrollments list --workflow-version 1`
// lists nothing open.
import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type {
  LegacyActivities as LifecycleActivities,
  EnrollmentContext,
} from '../../activities/legacy/index.js';
import type { EnrollmentOutcome, EnrollmentStage } from '../../src/domain/enrollment.js';
import { toMs } from '../../src/domain/duration.js';
import { checkAnswers, gradeCompetence } from '../../src/domain/grading.js';
import { checkClaim, minutesForClaim } from '../../src/domain/credits.js';
import {
  attendanceRecorded,
  paymentReceived,
  stateQuery,
  submitClaim,
  submitCompetence,
  submitEvaluation,
  submitFollowUp,
  withdrawn,
  type AttendanceEvent,
  type EnrollmentInput,
  type EnrollmentState,
  type PaymentEvent,
  type WithdrawalEvent,
} from '../messages.js';
import {
  claimRefused,
  evaluationProblems,
  followUpProblems,
  invalid,
  outOfOrder,
} from './submission-checks.js';

// Database writes: retried until the database is back (a 90-day workflow must
// not fail over a short outage); permanent problems are non-retryable failures.
const records = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

// Emails: one SMTP exchange (with PDFs) well within 20 s. A worker that dies
// mid-send is noticed at the timeout; the outbox then refuses to send twice.
const mail = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '5m',
    nonRetryableErrorTypes: ['PermanentMailError', 'EnrollmentNotFound'],
  },
});

const nowIso = () => new Date().toISOString();

export async function enrollmentWorkflowV1(input: EnrollmentInput): Promise<EnrollmentOutcome> {
  const { enrollmentId } = input;
  const state: EnrollmentState = {
    stage: 'awaiting_payment',
    outcome: null,
    followUpStatus: null,
    paid: false,
    minutesAttended: 0,
    competenceAttempts: 0,
    competencePassed: false,
    evaluated: false,
    claims: [],
    followUpRemindersSent: 0,
    timestamps: { awaiting_payment: nowIso() },
  };
  let payment: PaymentEvent | undefined;
  let withdrawal: WithdrawalEvent | undefined;
  const attendanceKeys = new Set<string>();
  const unrecordedAttendance: AttendanceEvent[] = [];
  let attendanceOpen = true;
  let attendanceCompleted = false;
  /** An update handler is storing a submission: waits and other submissions hold off. */
  let storing = false;

  const withdrawable = () => !['certified', 'follow_up', 'closed'].includes(state.stage);

  setHandler(stateQuery, () => state);
  setHandler(paymentReceived, (event) => {
    if (!payment && state.stage === 'awaiting_payment') payment = event;
  });
  setHandler(attendanceRecorded, (event) => {
    // Deduplicated by the sender's key; late events after completion change nothing.
    if (!attendanceOpen || attendanceKeys.has(event.eventKey)) return;
    attendanceKeys.add(event.eventKey);
    unrecordedAttendance.push(event);
    state.minutesAttended += event.minutes;
    if (event.completed) attendanceCompleted = true;
  });
  setHandler(withdrawn, (event) => {
    if (!withdrawal && withdrawable()) withdrawal = event;
  });

  // Loaded by the first activity below. Every handler is registered before it
  // (updates that find no handler at the end of the first activation are
  // rejected), and every validator checks the stage first, which is only past
  // awaiting_payment once the context is loaded.
  // eslint-disable-next-line prefer-const -- assigned after the handlers that read it are set
  let ctx!: EnrollmentContext;

  async function enter(stage: EnrollmentStage): Promise<void> {
    const at = nowIso();
    state.stage = stage;
    state.timestamps[stage] = at;
    await records.setStage({ enrollmentId, stage, at });
  }

  async function close(outcome: EnrollmentOutcome): Promise<EnrollmentOutcome> {
    const at = nowIso();
    state.stage = 'closed';
    state.outcome = outcome;
    state.timestamps.closed = at;
    const followUpStatus =
      state.followUpStatus === 'answered' || state.followUpStatus === 'not_answered'
        ? state.followUpStatus
        : null;
    await records.closeEnrollment({
      enrollmentId,
      outcome,
      followUpStatus,
      minutesAttended: state.minutesAttended,
      at,
    });
    // Let a submission that is being stored finish before the workflow ends.
    await condition(allHandlersFinished);
    return outcome;
  }

  async function closeWithdrawn(): Promise<EnrollmentOutcome> {
    await records.recordWithdrawal({
      enrollmentId,
      withdrawal: withdrawal!,
      refundCents: payment && state.paid ? payment.amountCents : 0,
      currency: payment?.currency ?? ctx.currency,
    });
    return close('withdrawn');
  }

  /** An email the learner should get; a permanent refusal (no such mailbox) is logged, not fatal. */
  async function notify(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('email not delivered', { enrollmentId, error: err.cause?.message ?? err.message });
    }
  }

  /** Waits until `fn` holds (and no submission is mid-store) or the deadline passes. */
  async function waitUntil(fn: () => boolean, deadline: number): Promise<boolean> {
    const remaining = deadline - Date.now();
    const met = remaining > 0 ? await condition(() => !storing && fn(), remaining) : false;
    await condition(() => !storing);
    return met || fn();
  }

  async function recordAttendance(): Promise<void> {
    while (unrecordedAttendance.length > 0) {
      const event = unrecordedAttendance[0];
      await records.recordAttendance({ enrollmentId, event, minutesAttended: state.minutesAttended });
      unrecordedAttendance.shift();
    }
  }

  // ---- submissions (updates): validated before they enter history ----------

  const requireStage = (stage: EnrollmentStage, what: string) => {
    if (state.stage === 'closed')
      throw outOfOrder(`the enrollment is closed (${state.outcome}); ${what} is not taken`);
    if (state.stage !== stage || withdrawal)
      throw outOfOrder(`the enrollment is at stage ${state.stage}; ${what} is taken at stage ${stage}`);
    if (storing) throw outOfOrder(`a previous submission is still being recorded; try again`);
  };

  setHandler(
    submitCompetence,
    async ({ answers }) => {
      storing = true;
      try {
        const attemptNo = state.competenceAttempts + 1;
        const grade = gradeCompetence(ctx.policy.competence.items, answers, ctx.policy.competence.passMark);
        await records.storeCompetenceAttempt({ enrollmentId, attemptNo, answers, ...grade, at: nowIso() });
        state.competenceAttempts = attemptNo;
        state.competencePassed = grade.passed;
        return {
          attemptNo,
          score: grade.score,
          passed: grade.passed,
          attemptsLeft: grade.passed ? 0 : ctx.policy.competence.maxAttempts - attemptNo,
          itemResults: grade.itemResults,
        };
      } finally {
        storing = false;
      }
    },
    {
      validator: ({ answers }) => {
        requireStage('competence', 'a competence answer');
        if (state.competencePassed) throw outOfOrder('the competence check is already passed');
        if (state.competenceAttempts >= ctx.policy.competence.maxAttempts)
          throw outOfOrder(`all ${ctx.policy.competence.maxAttempts} attempts are used`);
        const problems = checkAnswers(ctx.policy.competence.items, answers ?? {});
        if (problems.length > 0) throw invalid(problems);
      },
    },
  );

  setHandler(
    submitEvaluation,
    async (evaluation) => {
      storing = true;
      try {
        await records.storeEvaluation({ enrollmentId, evaluation, at: nowIso() });
        state.evaluated = true;
      } finally {
        storing = false;
      }
    },
    {
      validator: (evaluation) => {
        requireStage('evaluation', 'the evaluation');
        if (state.evaluated) throw outOfOrder('the evaluation is already recorded');
        const problems = evaluationProblems(evaluation, ctx.objectivesCount);
        if (problems.length > 0) throw invalid(problems);
      },
    },
  );

  setHandler(
    submitClaim,
    async ({ claims }) => {
      storing = true;
      try {
        const lines = claims.map((c) => ({ creditType: c.creditType, credits: c.credits }));
        await records.storeClaims({ enrollmentId, claims: lines, at: nowIso() });
        state.claims = lines;
        return { claims: lines };
      } finally {
        storing = false;
      }
    },
    {
      validator: ({ claims }) => {
        requireStage('claim', 'a credit claim');
        if (state.claims.length > 0) throw outOfOrder('credit is already claimed');
        // The rules are pure functions: a refused claim never enters history.
        const problems = checkClaim(
          claims ?? [],
          ctx.policy.credits,
          minutesForClaim(ctx.format, state.minutesAttended, true),
          ctx.learnerFlags,
        );
        if (problems.length > 0) throw claimRefused(problems);
      },
    },
  );

  setHandler(
    submitFollowUp,
    async (response) => {
      storing = true;
      try {
        await records.storeFollowUpResponse({
          enrollmentId,
          response,
          remindersBefore: state.followUpRemindersSent,
          at: nowIso(),
        });
        state.followUpStatus = 'answered';
      } finally {
        storing = false;
      }
    },
    {
      validator: (response) => {
        requireStage('follow_up', 'a follow-up answer');
        if (state.followUpStatus !== 'pending') throw outOfOrder('the follow-up is already answered');
        const problems = followUpProblems(response);
        if (problems.length > 0) throw invalid(problems);
      },
    },
  );

  ctx = await records.loadEnrollmentContext({ enrollmentId });
  const { policy } = ctx;
  const items = policy.competence.items;
  const submissionWindow = toMs(policy.windows.submission);

  // ---- 1. purchase ------------------------------------------------------------

  const waived = ctx.feeWaiver !== null && policy.feeWaivers.includes(ctx.feeWaiver);
  if (ctx.priceCents > 0 && !waived) {
    await waitUntil(
      () => payment !== undefined || withdrawal !== undefined,
      Date.now() + toMs(policy.windows.payment),
    );
    if (payment) {
      const paid = payment;
      await records.recordPayment({ enrollmentId, payment: paid });
      state.paid = true;
      state.timestamps.paid = paid.receivedAt;
      await notify(() => mail.sendReceiptEmail({ enrollmentId }));
    }
    if (withdrawal) return closeWithdrawn();
    if (!payment) return close('lapsed');
  }

  // ---- 2. attendance --------------------------------------------------------------

  await enter('attending');
  // Live: until the activity ends. Enduring: the completion window from here.
  const attendanceDeadline =
    ctx.format === 'live' ? Date.parse(ctx.endsAt) : Date.now() + toMs(policy.windows.completion);
  for (;;) {
    await recordAttendance();
    if (withdrawal) return closeWithdrawn();
    if (attendanceCompleted) break;
    const remaining = attendanceDeadline - Date.now();
    if (remaining <= 0) {
      if (ctx.format === 'live' && state.minutesAttended > 0) break;
      return close('not_completed');
    }
    await condition(
      () => unrecordedAttendance.length > 0 || attendanceCompleted || withdrawal !== undefined,
      remaining,
    );
  }
  attendanceOpen = false;
  await recordAttendance();
  const completedAt = nowIso();
  state.timestamps.attendance_completed = completedAt;
  await records.completeAttendance({ enrollmentId, minutesAttended: state.minutesAttended, at: completedAt });

  // ---- 3. competence check -----------------------------------------------------

  if (items.length > 0) {
    await enter('competence');
    await notify(() => mail.sendCompetenceInviteEmail({ enrollmentId }));
    const deadline = Date.now() + submissionWindow;
    let answered = 0;
    for (;;) {
      const submitted = await waitUntil(
        () => state.competenceAttempts > answered || withdrawal !== undefined,
        deadline,
      );
      // Attempts may come in while a result email is going out: answer each in turn.
      while (answered < state.competenceAttempts) {
        const attemptNo = ++answered;
        // The passing attempt is the last; enter the next stage before the email that links to it.
        if (state.competencePassed && attemptNo === state.competenceAttempts) await enter('evaluation');
        await notify(() => mail.sendCompetenceResultEmail({ enrollmentId, attemptNo }));
      }
      if (state.competencePassed) break;
      if (state.competenceAttempts >= policy.competence.maxAttempts) return close('failed_competence');
      if (withdrawal) return closeWithdrawn();
      if (!submitted) return close('abandoned');
    }
  } else {
    await enter('evaluation');
  }

  // ---- 4. evaluation and commitment to change -----------------------------------------

  if (!(await waitUntil(() => state.evaluated || withdrawal !== undefined, Date.now() + submissionWindow)))
    return close('abandoned');
  if (withdrawal) return closeWithdrawn();
  await enter('claim');

  // ---- 5. credit claim ---------------------------------------------------------------

  if (
    !(await waitUntil(
      () => state.claims.length > 0 || withdrawal !== undefined,
      Date.now() + submissionWindow,
    ))
  )
    return close('abandoned');
  if (withdrawal) return closeWithdrawn();

  // ---- 6. certificates ---------------------------------------------------------------

  await records.issueCertificates({ enrollmentId, at: nowIso() });
  await enter('certified');
  await notify(() => mail.sendCertificateEmail({ enrollmentId }));

  // ---- 7. follow-up on performance in practice ---------------------------------------

  const followUp = policy.followUp;
  if (!followUp.enabled) return close('completed');
  const anchor = ctx.format === 'live' ? Date.parse(ctx.endsAt) : Date.parse(completedAt);
  const fireAt = anchor + toMs(followUp.delay);
  if (fireAt > Date.now()) await sleep(fireAt - Date.now());

  state.followUpStatus = 'pending';
  await enter('follow_up');
  await notify(() => mail.sendFollowUpEmail({ enrollmentId }));
  const openedAt = Date.parse(state.timestamps.follow_up!);
  const closesAt = openedAt + toMs(followUp.closeAfter);
  const reminderTimes = followUp.reminders
    .map((r) => openedAt + toMs(r))
    .filter((t) => t < closesAt)
    .sort((a, b) => a - b);
  const answered = () => state.followUpStatus === 'answered';
  for (const [i, at] of reminderTimes.entries()) {
    if (await waitUntil(answered, at)) break;
    const reminderNo = i + 1;
    // Counted before the send: a learner may answer from the reminder before the send activity returns.
    state.followUpRemindersSent = reminderNo;
    await notify(() => mail.sendFollowUpReminderEmail({ enrollmentId, reminderNo }));
  }
  if (!(await waitUntil(answered, closesAt))) state.followUpStatus = 'not_answered';
  return close('completed');
}
