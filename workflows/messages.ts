// Messages of the enrollment workflow: the contract between the HTTP API,
// the learner forms and the workflow. Events are signals; submissions that
// must be validated and answered are updates; state is a query.
import { defineSignal, defineUpdate, defineQuery } from '@temporalio/workflow';
import type { CreditType } from '../src/domain/policy.js';
import type { EnrollmentStage, EnrollmentOutcome } from '../src/domain/enrollment.js';

export interface EnrollmentInput {
  enrollmentId: string;
  activityId: string;
  learnerId: string;
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

export interface CompetenceSubmission {
  /** itemId → chosen option id. */
  answers: Record<string, string>;
}
export interface CompetenceResult {
  attemptNo: number;
  score: number;
  passed: boolean;
  attemptsLeft: number;
  itemResults: Record<string, boolean>;
}
export interface EvaluationSubmission {
  objectiveRatings: number[];
  relevance: number;
  freeOfCommercialBias: boolean;
  biasComment?: string;
  commitment: string;
  comments?: string;
}
export interface ClaimSubmission {
  claims: { creditType: CreditType; credits: number }[];
}
export interface ClaimResult {
  claims: { creditType: CreditType; credits: number }[];
}
export interface FollowUpSubmission {
  implemented: 'fully' | 'partly' | 'not';
  barriers?: string[];
  confidence?: number;
  comments?: string;
}

export interface EnrollmentState {
  stage: EnrollmentStage;
  outcome: EnrollmentOutcome | null;
  followUpStatus: 'pending' | 'answered' | 'not_answered' | null;
  paid: boolean;
  minutesAttended: number;
  competenceAttempts: number;
  competencePassed: boolean;
  evaluated: boolean;
  claims: { creditType: CreditType; credits: number }[];
  followUpRemindersSent: number;
  /** Stage → ISO timestamp when it was reached. */
  timestamps: Partial<Record<string, string>>;
}

export const paymentReceived = defineSignal<[PaymentEvent]>('paymentReceived');
export const attendanceRecorded = defineSignal<[AttendanceEvent]>('attendanceRecorded');
export const withdrawn = defineSignal<[WithdrawalEvent]>('withdrawn');

export const submitCompetence = defineUpdate<CompetenceResult, [CompetenceSubmission]>('submitCompetence');
export const submitEvaluation = defineUpdate<void, [EvaluationSubmission]>('submitEvaluation');
export const submitClaim = defineUpdate<ClaimResult, [ClaimSubmission]>('submitClaim');
export const submitFollowUp = defineUpdate<void, [FollowUpSubmission]>('submitFollowUp');

export const stateQuery = defineQuery<EnrollmentState>('state');
