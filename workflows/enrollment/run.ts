// One enrollment's run: what it knows (the plan, the stage it has reached,
// what has arrived) and the waits the stages share.
import { condition, setHandler } from '@temporalio/workflow';
import type { EnrollmentOutcome, EnrollmentStage } from '../../src/domain/enrollment.js';
import {
  progressQuery,
  type EnrollmentInput,
  type EnrollmentPlan,
  type SubmissionKind,
  type SubmissionRef,
} from '../messages.js';
import { Deadline, SubmissionWindow } from './deadline.js';
import { Inbox } from './inbox.js';
import { records } from './activities.js';

export class EnrollmentRun {
  readonly enrollmentId: string;
  readonly plan: EnrollmentPlan;
  readonly inbox: Inbox;
  stage: EnrollmentStage;
  paid = false;
  /** Workflow time when attendance completed: the submission window and an enduring follow-up count from it. */
  completedAt = 0;
  followUpStatus: 'answered' | 'not_answered' | null = null;
  /** The claim step queued the follow-up email for its moment: the outbox sends it, not this run. */
  followUpQueuedAhead = false;
  /** The outcome an activity has already written (the last step closes the enrollment itself). */
  private closedAs?: EnrollmentOutcome;
  private submissionDeadline?: SubmissionWindow;

  constructor(input: EnrollmentInput & { plan: EnrollmentPlan }) {
    this.enrollmentId = input.enrollmentId;
    this.plan = input.plan;
    this.stage = input.plan.paymentDue ? 'awaiting_payment' : 'attending';
    this.inbox = new Inbox(() => this.stage);
    setHandler(progressQuery, () => ({
      stage: this.stage,
      minutesAttended: this.inbox.minutesAttended,
      pendingSubmissions: this.inbox.pendingSubmissions(),
    }));
  }

  /** Waits until `fn` holds, the learner withdraws or the deadline passes; says whether `fn` holds. */
  async waitFor(fn: () => boolean, deadline: Deadline): Promise<boolean> {
    await condition(() => fn() || this.inbox.withdrawal !== undefined || deadline.passed);
    return fn();
  }

  /**
   * The next submission of `kind`; submissions of other kinds are refused on
   * the way. Undefined when the learner withdraws or the deadline passes. The
   * competence check, evaluation and claim share one window from completion,
   * and a learner who has not finished is reminded on the way.
   */
  async nextSubmission(kind: SubmissionKind, deadline?: Deadline): Promise<SubmissionRef | undefined> {
    const window = deadline ? undefined : this.submissionWindow();
    for (;;) {
      await this.waitFor(() => this.inbox.hasSubmission(), deadline ?? window!.wakeup);
      if (this.inbox.withdrawal) return undefined;
      const next = this.inbox.takeSubmission();
      if (!next && window?.reminderDue) {
        await records.remindToFinish({ enrollmentId: this.enrollmentId, reminderNo: window.takeReminder() });
        continue;
      }
      if (!next) return undefined;
      if (next.kind === kind) return next;
      await records.refuseSubmission({
        submissionId: next.id,
        type: 'SubmissionOutOfOrder',
        message: `the enrollment is at stage ${this.stage}; it takes no ${next.kind.replace('_', '-')} now`,
      });
    }
  }

  private submissionWindow(): SubmissionWindow {
    const { submission, submissionReminders } = this.plan.windows;
    this.submissionDeadline ??= new SubmissionWindow(this.completedAt, submission, submissionReminders ?? []);
    return this.submissionDeadline;
  }

  /** The check, evaluation and claim are done (or the enrollment ends): no reminder, no deadline. */
  closeSubmissionWindow(): void {
    this.submissionDeadline?.close();
  }

  /** The activity that just ran closed the enrollment with this outcome. */
  closedBy(outcome: EnrollmentOutcome): EnrollmentOutcome {
    this.closedAs = outcome;
    return outcome;
  }

  /** Records how the enrollment ended, unless the last step already did. */
  async finish(outcome: EnrollmentOutcome): Promise<EnrollmentOutcome> {
    this.closeSubmissionWindow();
    if (this.closedAs === undefined) {
      const { payment, withdrawal } = this.inbox;
      await records.endEnrollment({
        enrollmentId: this.enrollmentId,
        outcome,
        minutesAttended: this.inbox.minutesAttended,
        followUpStatus: this.followUpStatus,
        ...(outcome === 'withdrawn' && withdrawal
          ? { withdrawal, refundCents: payment && this.paid ? payment.amountCents : 0 }
          : {}),
      });
    }
    this.stage = 'closed';
    return outcome;
  }
}
