// One row per learner per activity, a timestamp per stage reached, and the
// events the enrollment system reports (payments, attendance).
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Policy } from '../../domain/policy.js';
import type { EnrollmentOutcome, EnrollmentStage, FollowUpStatus } from '../../domain/enrollment.js';
import { activities } from './catalog.js';
import { learners } from './learners.js';
import { ts, created } from './columns.js';

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    workflowId: text('workflow_id').notNull().unique(),
    stage: text('stage').$type<EnrollmentStage>().notNull().default('awaiting_payment'),
    outcome: text('outcome').$type<EnrollmentOutcome>(),
    followUpStatus: text('follow_up_status').$type<FollowUpStatus>(),
    feeWaiver: text('fee_waiver'),
    /** The activity's policy when the learner enrolled: rules and emails follow it, not later edits. */
    policy: jsonb('policy').$type<Policy>(),
    /** 1: submissions were workflow updates (enrollments started before v2); 2: signals with stored submissions. */
    workflowVersion: integer('workflow_version').notNull().default(1),
    minutesAttended: integer('minutes_attended').notNull().default(0),
    enrolledAt: created(),
    paidAt: ts('paid_at'),
    attendanceCompletedAt: ts('attendance_completed_at'),
    competencePassedAt: ts('competence_passed_at'),
    evaluatedAt: ts('evaluated_at'),
    claimedAt: ts('claimed_at'),
    certifiedAt: ts('certified_at'),
    followUpSentAt: ts('follow_up_sent_at'),
    followUpAnsweredAt: ts('follow_up_answered_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('enrollments_activity_learner').on(t.activityId, t.learnerId),
    index('enrollments_activity').on(t.activityId),
  ],
);

/** A column naming the enrollment a row belongs to. */
export const enrollmentRef = () => uuid('enrollment_id').references(() => enrollments.id);

export const payments = pgTable('payments', {
  id: uuid('id').primaryKey().defaultRandom(),
  enrollmentId: enrollmentRef().notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: text('currency').notNull(),
  /** The shop's payment reference; unique so a replayed event records nothing new. */
  reference: text('reference').notNull().unique(),
  kind: text('kind').$type<'payment' | 'refund'>().notNull().default('payment'),
  receivedAt: ts('received_at').notNull(),
});

export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: enrollmentRef().notNull(),
    /** Idempotency key of the attendance event (session id, or the sender's event id). */
    eventKey: text('event_key').notNull(),
    minutes: integer('minutes').notNull().default(0),
    sessionId: text('session_id'),
    completed: boolean('completed').notNull().default(false),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('attendance_event').on(t.enrollmentId, t.eventKey)],
);
