// What the enrollment workflow writes to PostgreSQL, one activity per fact.
// Each is idempotent (unique keys + ON CONFLICT DO NOTHING, or a plain
// overwrite), so a retry after a crash records nothing twice. Results carry ids
// and flags only: names and emails stay out of workflow histories.
import { ApplicationFailure } from '@temporalio/activity';
import { eq } from 'drizzle-orm';
import type { ActivityDeps } from '../index.js';
import {
  activities,
  attendance,
  competenceAttempts,
  creditClaims,
  enrollments,
  evaluations,
  followUpResponses,
  payments,
  type EnrollmentOutcome,
  type EnrollmentStage,
} from '../../src/db/schema/index.js';
import type { Policy } from '../../src/domain/policy.js';
import {
  credentialFlags,
  reportDueAt,
  type ClaimLine,
  type LearnerCredentialFlags,
} from '../../src/domain/credits.js';
import { findEnrollmentParties } from '../../src/db/enrollment-parties.js';
import { attendanceRow, evaluationRow } from '../../src/db/fact-rows.js';
import type {
  AttendanceEvent,
  EvaluationSubmission,
  FollowUpSubmission,
  PaymentEvent,
  WithdrawalEvent,
} from '../../workflows/messages.js';

/** Everything the workflow needs to run one enrollment, without personal data. */
export interface EnrollmentContext {
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  priceCents: number;
  currency: string;
  objectivesCount: number;
  /** The activity's policy as it was when the enrollment started. */
  policy: Policy;
  feeWaiver: string | null;
  learnerFlags: LearnerCredentialFlags;
}

/** Timestamp columns a stage sets when it is reached (the others are set by their own facts). */
const STAGE_COLUMNS: Partial<Record<EnrollmentStage, 'certifiedAt' | 'followUpSentAt'>> = {
  certified: 'certifiedAt',
  follow_up: 'followUpSentAt',
};

export function createRecordActivities({ db }: ActivityDeps) {
  return {
    async loadEnrollmentContext({ enrollmentId }: { enrollmentId: string }): Promise<EnrollmentContext> {
      const row = await findEnrollmentParties(db, enrollmentId);
      if (!row) {
        throw ApplicationFailure.nonRetryable(`no enrollment ${enrollmentId}`, 'EnrollmentNotFound');
      }
      const { activity, enrollment } = row;
      return {
        format: activity.format,
        startsAt: activity.startsAt.toISOString(),
        endsAt: activity.endsAt.toISOString(),
        priceCents: activity.priceCents,
        currency: activity.currency,
        objectivesCount: activity.learningObjectives.length,
        policy: activity.policy,
        feeWaiver: enrollment.feeWaiver,
        learnerFlags: credentialFlags(row.profile),
      };
    },

    async setStage(input: { enrollmentId: string; stage: EnrollmentStage; at: string }): Promise<void> {
      const column = STAGE_COLUMNS[input.stage];
      await db
        .update(enrollments)
        .set({
          stage: input.stage,
          ...(column ? { [column]: new Date(input.at) } : {}),
          ...(input.stage === 'follow_up' ? { followUpStatus: 'pending' as const } : {}),
        })
        .where(eq(enrollments.id, input.enrollmentId));
    },

    async recordPayment({ enrollmentId, payment }: { enrollmentId: string; payment: PaymentEvent }) {
      const receivedAt = new Date(payment.receivedAt);
      // The reference is unique: a replayed payment event records nothing new.
      await db
        .insert(payments)
        .values({
          enrollmentId,
          amountCents: payment.amountCents,
          currency: payment.currency,
          reference: payment.reference,
          kind: 'payment',
          receivedAt,
        })
        .onConflictDoNothing({ target: payments.reference });
      await db.update(enrollments).set({ paidAt: receivedAt }).where(eq(enrollments.id, enrollmentId));
    },

    async recordAttendance(input: {
      enrollmentId: string;
      event: AttendanceEvent;
      /** The workflow's running total, after this event. */
      minutesAttended: number;
    }): Promise<void> {
      const { enrollmentId, event } = input;
      await db
        .insert(attendance)
        .values(attendanceRow(enrollmentId, event))
        .onConflictDoNothing({ target: [attendance.enrollmentId, attendance.eventKey] });
      await db
        .update(enrollments)
        .set({ minutesAttended: input.minutesAttended })
        .where(eq(enrollments.id, enrollmentId));
    },

    async completeAttendance(input: { enrollmentId: string; minutesAttended: number; at: string }) {
      await db
        .update(enrollments)
        .set({ minutesAttended: input.minutesAttended, attendanceCompletedAt: new Date(input.at) })
        .where(eq(enrollments.id, input.enrollmentId));
    },

    async recordWithdrawal(input: {
      enrollmentId: string;
      withdrawal: WithdrawalEvent;
      /** What goes back: the payment received, 0 when nothing was paid. */
      refundCents: number;
      currency: string;
    }): Promise<void> {
      const { withdrawal } = input;
      if (!withdrawal.refundReference) return;
      await db
        .insert(payments)
        .values({
          enrollmentId: input.enrollmentId,
          amountCents: input.refundCents,
          currency: input.currency,
          reference: withdrawal.refundReference,
          kind: 'refund',
          receivedAt: new Date(withdrawal.at),
        })
        .onConflictDoNothing({ target: payments.reference });
    },

    async storeCompetenceAttempt(input: {
      enrollmentId: string;
      attemptNo: number;
      answers: Record<string, string>;
      itemResults: Record<string, boolean>;
      score: number;
      passed: boolean;
      at: string;
    }): Promise<void> {
      const at = new Date(input.at);
      await db
        .insert(competenceAttempts)
        .values({
          enrollmentId: input.enrollmentId,
          attemptNo: input.attemptNo,
          answers: input.answers,
          itemResults: input.itemResults,
          score: input.score,
          passed: input.passed,
          submittedAt: at,
        })
        .onConflictDoNothing({ target: [competenceAttempts.enrollmentId, competenceAttempts.attemptNo] });
      if (input.passed) {
        await db
          .update(enrollments)
          .set({ competencePassedAt: at })
          .where(eq(enrollments.id, input.enrollmentId));
      }
    },

    async storeEvaluation(input: { enrollmentId: string; evaluation: EvaluationSubmission; at: string }) {
      const { evaluation } = input;
      const at = new Date(input.at);
      await db
        .insert(evaluations)
        .values(evaluationRow(input.enrollmentId, evaluation, at))
        .onConflictDoNothing({ target: evaluations.enrollmentId });
      await db.update(enrollments).set({ evaluatedAt: at }).where(eq(enrollments.id, input.enrollmentId));
    },

    /** Claims already checked by the workflow (checkClaim); stores them with their reporting deadline. */
    async storeClaims(input: { enrollmentId: string; claims: ClaimLine[]; at: string }): Promise<void> {
      const at = new Date(input.at);
      const [row] = await db
        .select({ policy: activities.policy })
        .from(enrollments)
        .innerJoin(activities, eq(activities.id, enrollments.activityId))
        .where(eq(enrollments.id, input.enrollmentId));
      for (const claim of input.claims) {
        const designation = row?.policy.credits.find((d) => d.type === claim.creditType);
        await db
          .insert(creditClaims)
          .values({
            enrollmentId: input.enrollmentId,
            creditType: claim.creditType,
            credits: claim.credits,
            topicArea: designation?.topicArea ?? null,
            reportDueAt: reportDueAt(claim.creditType, at),
            claimedAt: at,
          })
          .onConflictDoNothing({ target: [creditClaims.enrollmentId, creditClaims.creditType] });
      }
      await db.update(enrollments).set({ claimedAt: at }).where(eq(enrollments.id, input.enrollmentId));
    },

    async storeFollowUpResponse(input: {
      enrollmentId: string;
      response: FollowUpSubmission;
      remindersBefore: number;
      at: string;
    }): Promise<void> {
      const at = new Date(input.at);
      const { response } = input;
      await db
        .insert(followUpResponses)
        .values({
          enrollmentId: input.enrollmentId,
          implemented: response.implemented,
          barriers: response.barriers ?? [],
          confidence: response.confidence ?? null,
          comments: response.comments ?? null,
          remindersBefore: input.remindersBefore,
          respondedAt: at,
        })
        .onConflictDoNothing({ target: followUpResponses.enrollmentId });
      await db
        .update(enrollments)
        .set({ followUpAnsweredAt: at, followUpStatus: 'answered' })
        .where(eq(enrollments.id, input.enrollmentId));
    },

    async closeEnrollment(input: {
      enrollmentId: string;
      outcome: EnrollmentOutcome;
      followUpStatus: 'answered' | 'not_answered' | null;
      minutesAttended: number;
      at: string;
    }): Promise<void> {
      await db
        .update(enrollments)
        .set({
          stage: 'closed',
          outcome: input.outcome,
          minutesAttended: input.minutesAttended,
          closedAt: new Date(input.at),
          ...(input.followUpStatus ? { followUpStatus: input.followUpStatus } : {}),
        })
        .where(eq(enrollments.id, input.enrollmentId));
    },
  };
}
