// What arrives for one enrollment: the shop's and LMS's events and the
// learner's submissions, all signals. The handlers only take note (deduplicated
// by the sender's key or the submission id); the main flow acts on them, so
// every command comes from the main flow in the order it runs.
import { log, setHandler } from '@temporalio/workflow';
import type { EnrollmentStage } from '../../src/domain/enrollment.js';
import { textProblems } from '../../src/domain/text.js';
import {
  attendanceRecorded,
  paymentReceived,
  submitted,
  withdrawn,
  type AttendanceEvent,
  type PaymentEvent,
  type SubmissionRef,
  type WithdrawalEvent,
} from '../messages.js';

/** Stages in which a learner may still withdraw (before certification). */
const WITHDRAWABLE: readonly EnrollmentStage[] = [
  'awaiting_payment',
  'attending',
  'competence',
  'evaluation',
  'claim',
];

/**
 * An event with text the database would refuse (the API refuses it first; this
 * catches a signal sent around it): ignored and logged, never recorded, so no
 * step retries on it.
 */
function malformed(kind: string, event: object): boolean {
  const problems = textProblems(event, kind);
  if (problems.length > 0) log.warn('event ignored: its text cannot be stored', { kind, problems });
  return problems.length > 0;
}

export class Inbox {
  payment?: PaymentEvent;
  withdrawal?: WithdrawalEvent;
  /** Attendance not yet recorded in PostgreSQL, in arrival order. */
  readonly attendance: AttendanceEvent[] = [];
  minutesAttended = 0;
  attendanceCompleted = false;
  private attendanceOpen = true;
  private readonly attendanceKeys = new Set<string>();
  private readonly submissions: SubmissionRef[] = [];
  private readonly seenSubmissions = new Set<string>();

  constructor(stage: () => EnrollmentStage) {
    setHandler(paymentReceived, (event) => {
      if (malformed('payment', event)) return;
      if (!this.payment && stage() === 'awaiting_payment') this.payment = event;
    });
    setHandler(attendanceRecorded, (event) => {
      if (malformed('attendance', event)) return;
      // Deduplicated by the sender's key; late events after completion change nothing.
      if (!this.attendanceOpen || this.attendanceKeys.has(event.eventKey)) return;
      this.attendanceKeys.add(event.eventKey);
      this.attendance.push(event);
      this.minutesAttended += event.minutes;
      if (event.completed) this.attendanceCompleted = true;
    });
    setHandler(withdrawn, (event) => {
      if (malformed('withdrawal', event)) return;
      if (!this.withdrawal && WITHDRAWABLE.includes(stage())) this.withdrawal = event;
    });
    setHandler(submitted, (ref) => {
      // A retried request signals the same id again: it is the same submission.
      if (this.seenSubmissions.has(ref.id)) return;
      this.seenSubmissions.add(ref.id);
      this.submissions.push(ref);
    });
  }

  closeAttendance(): void {
    this.attendanceOpen = false;
  }

  takeAttendance(): AttendanceEvent[] {
    return this.attendance.splice(0, this.attendance.length);
  }

  hasSubmission(): boolean {
    return this.submissions.length > 0;
  }

  takeSubmission(): SubmissionRef | undefined {
    return this.submissions.shift();
  }

  pendingSubmissions(): number {
    return this.submissions.length;
  }
}
