// The stages of an enrollment, in order. Each returns how the enrollment ended
// when it ends there, or undefined to go on to the next stage. Every fact is
// written (and every email queued with it) by one activity per step.
import { condition, sleep } from '@temporalio/workflow';
import { followUpWakeOffsetMs } from '../../src/domain/follow-up-wake.js';
import { toMs } from '../../src/domain/duration.js';
import type { EnrollmentOutcome } from '../../src/domain/enrollment.js';
import type { EnrollmentRun } from './run.js';
import { Deadline } from './deadline.js';
import { certification, records } from './activities.js';

type StageResult = Promise<EnrollmentOutcome | undefined>;

/** 1. Purchase: the payment within the payment window, unless nothing is due. */
export async function purchase(run: EnrollmentRun): StageResult {
  if (!run.plan.paymentDue) return undefined;
  const deadline = Deadline.in(run.plan.windows.payment);
  await run.waitFor(() => run.inbox.payment !== undefined, deadline);
  deadline.cancel();
  const { payment, withdrawal } = run.inbox;
  if (payment) {
    await records.acceptPayment({ enrollmentId: run.enrollmentId, payment });
    run.paid = true;
    run.stage = 'attending';
  }
  if (withdrawal) return 'withdrawn';
  return payment ? undefined : 'lapsed';
}

/** 2. Attendance: live until the activity ends, enduring until the learner completes (within the window). */
export async function attendance(run: EnrollmentRun): StageResult {
  const { plan, inbox, enrollmentId } = run;
  const deadline =
    plan.format === 'live' ? new Deadline(Date.parse(plan.endsAt)) : Deadline.in(plan.windows.completion);
  const record = (complete: { next: 'competence' | 'evaluation' } | null) =>
    records.recordAttendance({
      enrollmentId,
      events: inbox.takeAttendance(),
      minutesAttended: inbox.minutesAttended,
      complete,
    });
  for (;;) {
    await run.waitFor(() => inbox.attendance.length > 0 || inbox.attendanceCompleted, deadline);
    const ended = inbox.withdrawal !== undefined || inbox.attendanceCompleted || deadline.passed;
    if (ended) break;
    await record(null);
  }
  deadline.cancel();
  const completed = inbox.attendanceCompleted || (plan.format === 'live' && inbox.minutesAttended > 0);
  if (inbox.withdrawal || !completed) {
    if (inbox.attendance.length > 0) await record(null);
    return inbox.withdrawal ? 'withdrawn' : 'not_completed';
  }
  inbox.closeAttendance();
  run.completedAt = Date.now();
  const next = plan.competenceItems > 0 ? 'competence' : 'evaluation';
  await record({ next });
  run.stage = next;
  return undefined;
}

/** 3. Competence check: attempts until one passes or the attempts run out. */
export async function competenceCheck(run: EnrollmentRun): StageResult {
  if (run.plan.competenceItems === 0) return undefined;
  for (;;) {
    const submission = await run.nextSubmission('competence');
    if (!submission) return run.inbox.withdrawal ? 'withdrawn' : 'abandoned';
    const graded = await records.gradeCompetenceAttempt({
      enrollmentId: run.enrollmentId,
      submissionId: submission.id,
    });
    if (graded.passed) {
      run.stage = 'evaluation';
      return undefined;
    }
    if (graded.closed) return run.closedBy('failed_competence');
  }
}

/** 4. The evaluation and the commitment to change. */
export async function evaluation(run: EnrollmentRun): StageResult {
  for (;;) {
    const submission = await run.nextSubmission('evaluation');
    if (!submission) return run.inbox.withdrawal ? 'withdrawn' : 'abandoned';
    const { recorded } = await records.acceptEvaluation({
      enrollmentId: run.enrollmentId,
      submissionId: submission.id,
    });
    if (recorded) {
      run.stage = 'claim';
      return undefined;
    }
  }
}

/** 5-6. The credit claim, and the certificates it earns. */
export async function creditClaim(run: EnrollmentRun): StageResult {
  for (;;) {
    const submission = await run.nextSubmission('claim');
    if (!submission) return run.inbox.withdrawal ? 'withdrawn' : 'abandoned';
    const certified = await certification.acceptClaim({
      enrollmentId: run.enrollmentId,
      submissionId: submission.id,
    });
    if (certified.recorded) {
      run.stage = 'certified';
      run.followUpQueuedAhead = certified.followUpQueuedAhead === true;
      run.closeSubmissionWindow();
      // Without a follow-up the certificate is the last step, and it closed the enrollment.
      return certified.closed ? run.closedBy('completed') : undefined;
    }
  }
}

/** When the follow-up closes and each reminder goes, counted from when its email went. */
function followUpTimes(plan: EnrollmentRun['plan'], sentAt: number) {
  const closesAt = sentAt + toMs(plan.followUp.closeAfter);
  const reminderTimes = plan.followUp.reminders
    .map((r) => sentAt + toMs(r))
    .filter((t) => t < closesAt)
    .sort((a, b) => a - b);
  return { closesAt, reminderTimes };
}

/**
 * The email leaves from the outbox on its moment; this run wakes to open the
 * stage at its own point shortly after (src/domain/follow-up-wake.ts), or as
 * soon as its learner answers.
 */
async function wakeAfterQueuedFollowUp(run: EnrollmentRun, fireAt: number): Promise<void> {
  const { reminderTimes, closesAt } = followUpTimes(run.plan, fireAt);
  const firstNudge = reminderTimes[0] ?? closesAt;
  const wakeAt = fireAt + followUpWakeOffsetMs(run.enrollmentId, firstNudge - fireAt);
  if (wakeAt > Date.now()) await condition(() => run.inbox.hasSubmission(), wakeAt - Date.now());
}

/** 7. Some months later: did practice change? The questionnaire, its reminders, then closed. */
export async function followUp(run: EnrollmentRun): StageResult {
  const { plan, enrollmentId } = run;
  const anchor = plan.format === 'live' ? Date.parse(plan.endsAt) : run.completedAt;
  const fireAt = anchor + toMs(plan.followUp.delay);
  // No patched(): the claim step's own answer, in the history, chooses the way. A
  // run whose claim was recorded before this change has no such answer and
  // wakes on the moment as it did (the replay test holds such runs); a patch
  // would cost every lifecycle a marker and a search-attribute upsert.
  const queuedAhead = run.followUpQueuedAhead;
  if (queuedAhead) await wakeAfterQueuedFollowUp(run, fireAt);
  else if (fireAt > Date.now()) await sleep(fireAt - Date.now());

  await records.openFollowUp({ enrollmentId });
  run.stage = 'follow_up';
  // Queued ahead, the email left on its moment: reminders and the close count from there.
  const openedAt = queuedAhead ? fireAt : Date.now();
  const { closesAt, reminderTimes } = followUpTimes(plan, openedAt);
  let remindersSent = 0;
  for (const until of [...reminderTimes, closesAt]) {
    const deadline = new Deadline(until);
    for (;;) {
      const submission = await run.nextSubmission('follow_up', deadline);
      if (!submission) break;
      const { recorded } = await records.acceptFollowUpAnswer({
        enrollmentId,
        submissionId: submission.id,
        remindersSent,
      });
      if (recorded) {
        deadline.cancel();
        return run.closedBy('completed');
      }
    }
    if (until === closesAt) break;
    remindersSent += 1;
    await records.remindFollowUp({ enrollmentId, reminderNo: remindersSent });
  }
  run.followUpStatus = 'not_answered';
  return 'completed';
}
