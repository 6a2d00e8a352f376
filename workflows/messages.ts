// Messages of the enrollment workflow: the contract between the HTTP API,
// the learner forms and the workflow. Events and submissions are signals:
// a submission is stored in PostgreSQL first and the signal carries only its
// id, so no learner text enters a history and the order of commands cannot
// depend on when a message arrives (updates could, see the replay evidence).
// The updates below are kept for enrollments started before v2.
import { defineSignal, defineUpdate, defineQuery } from '@temporalio/workflow';
import type { ClaimedType, Policy } from '../src/domain/policy.js';
import type { EnrollmentStage, EnrollmentOutcome } from '../src/domain/enrollment.js';

export interface EnrollmentInput {
  enrollmentId: string;
  activityId: string;
  learnerId: string;
  /** What the run needs from the activity, fixed at enrollment (absent in runs started before v2). */
  plan?: EnrollmentPlan;
  /**
   * 2 when the starter chose v2 (runs started since 2026-11-27). Such a run
   * needs no patch marker to tell it from v1, so it does not pay the marker
   * and the search-attribute upsert Temporal bills for it; runs started
   * earlier are told by their marker, as before.
   */
  workflowVersion?: 2;
}

/** The parts of the activity and its policy that drive one run: no personal data. */
export interface EnrollmentPlan {
  format: 'live' | 'enduring';
  endsAt: string;
  /** False for a free activity or a waiver the policy accepts. */
  paymentDue: boolean;
  competenceItems: number;
  maxAttempts: number;
  windows: Policy['windows'];
  followUp: Policy['followUp'];
}

export const SUBMISSION_KINDS = ['competence', 'evaluation', 'claim', 'follow_up'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** A stored submission, by id: the workflow asks activities to act on it. */
export interface SubmissionRef {
  id: string;
  kind: SubmissionKind;
}

/** Workflow id for one learner in one activity: a second start finds the first. */
export function enrollmentWorkflowId(activityId: string, learnerId: string): string {
  return `enrollment:${activityId}:${learnerId}`;
}

export interface PaymentEvent {
  amountCents: number;
  currency: string;
  reference: string;
  receivedAt: string;
}
export interface AttendanceEvent {
  /** Idempotency key: the session id, or the sender's event id. */
  eventKey: string;
  minutes: number;
  sessionId?: string;
  /** Enduring activities: the learner finished. Live: the learner's attendance is complete. */
  completed: boolean;
  recordedAt: string;
}
export interface WithdrawalEvent {
  reason: string;
  /** A refund reference, when money goes back. */
  refundReference?: string;
  at: string;
}

// The learner's submissions, as the API, the forms and the steps see them.
export type * from '../src/domain/submission-types.js';
import type * as Submission from '../src/domain/submission-types.js';

export interface EnrollmentState {
  stage: EnrollmentStage;
  outcome: EnrollmentOutcome | null;
  followUpStatus: 'pending' | 'answered' | 'not_answered' | null;
  paid: boolean;
  minutesAttended: number;
  competenceAttempts: number;
  competencePassed: boolean;
  evaluated: boolean;
  // Stored claims may be of a retired type (ca_cls, fl_cls, ascp_cmp).
  claims: { creditType: ClaimedType; credits: number }[];
  followUpRemindersSent: number;
  /** Stage → ISO timestamp when it was reached. */
  timestamps: Partial<Record<string, string>>;
}

export const paymentReceived = defineSignal<[PaymentEvent]>('paymentReceived');
export const attendanceRecorded = defineSignal<[AttendanceEvent]>('attendanceRecorded');
export const withdrawn = defineSignal<[WithdrawalEvent]>('withdrawn');

export const submitted = defineSignal<[SubmissionRef]>('submitted');

// v1 only (enrollments started before submissions became signals).
export const submitCompetence = defineUpdate<Submission.CompetenceResult, [Submission.CompetenceSubmission]>(
  'submitCompetence',
);
export const submitEvaluation = defineUpdate<void, [Submission.EvaluationSubmission]>('submitEvaluation');
export const submitClaim = defineUpdate<Submission.ClaimResult, [Submission.ClaimSubmission]>('submitClaim');
export const submitFollowUp = defineUpdate<void, [Submission.FollowUpSubmission]>('submitFollowUp');

export const stateQuery = defineQuery<EnrollmentState>('state');

/** What a v2 run is doing, for operators (the API and pages read PostgreSQL). */
export interface EnrollmentProgress {
  stage: EnrollmentStage;
  minutesAttended: number;
  /** Submissions signalled but not yet acted on. */
  pendingSubmissions: number;
}
export const progressQuery = defineQuery<EnrollmentProgress>('progress');
