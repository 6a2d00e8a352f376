// The whole lifecycle's data. Workflow histories carry ids only; names and
// emails live here. Each stage has its own table and a timestamp on the enrollment.
import {
  pgTable,
  text,
  integer,
  timestamp,
  jsonb,
  boolean,
  uuid,
  numeric,
  real,
  date,
  uniqueIndex,
  index,
  serial,
} from 'drizzle-orm/pg-core';
import type { Policy, CreditType } from '../../domain/policy.js';
import type {
  EnrollmentOutcome,
  EnrollmentStage,
  FollowUpStatus,
  Implemented,
} from '../../domain/enrollment.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();

export const programs = pgTable('programs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Who receives the periodic outcome digest. */
  committeeEmails: jsonb('committee_emails').$type<string[]>().notNull().default([]),
  lastDigestAt: ts('last_digest_at'),
  createdAt: created(),
});

export const activities = pgTable(
  'activities',
  {
    id: text('id').primaryKey(),
    programId: text('program_id').notNull().default('default'),
    title: text('title').notNull(),
    providerName: text('provider_name').notNull(),
    format: text('format').$type<'live' | 'enduring'>().notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    location: text('location'),
    learningObjectives: jsonb('learning_objectives').$type<string[]>().notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    policy: jsonb('policy').$type<Policy>().notNull(),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // Program reports select a program's activities by start date.
  (t) => [index('activities_program_starts').on(t.programId, t.startsAt)],
);

export const learners = pgTable('learners', {
  /** The enrollment system's own learner id. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  profession: text('profession'),
  /** NABP e-Profile ID and birth month/day (MMDD), for ACPE credit. */
  nabpEProfileId: text('nabp_eprofile_id'),
  birthMonthDay: text('birth_month_day'),
  /** State licence numbers by state code: { CA: '…', FL: '…' }. */
  stateLicences: jsonb('state_licences').$type<Record<string, string>>().notNull().default({}),
  ascpId: text('ascp_id'),
  createdAt: created(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export { ENROLLMENT_STAGES, ENROLLMENT_OUTCOMES } from '../../domain/enrollment.js';
export type { EnrollmentStage, EnrollmentOutcome } from '../../domain/enrollment.js';

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

export const payments = pgTable('payments', {
  id: uuid('id').primaryKey().defaultRandom(),
  enrollmentId: uuid('enrollment_id')
    .notNull()
    .references(() => enrollments.id),
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
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    /** Idempotency key of the attendance event (session id, or the sender's event id). */
    eventKey: text('event_key').notNull(),
    minutes: integer('minutes').notNull().default(0),
    sessionId: text('session_id'),
    completed: boolean('completed').notNull().default(false),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('attendance_event').on(t.enrollmentId, t.eventKey)],
);

export const competenceAttempts = pgTable(
  'competence_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    attemptNo: integer('attempt_no').notNull(),
    /** itemId → chosen option id. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    /** itemId → answered correctly. */
    itemResults: jsonb('item_results').$type<Record<string, boolean>>().notNull(),
    score: real('score').notNull(),
    passed: boolean('passed').notNull(),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [uniqueIndex('competence_attempt_no').on(t.enrollmentId, t.attemptNo)],
);

export const evaluations = pgTable('evaluations', {
  enrollmentId: uuid('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id),
  /** One rating 1..5 per learning objective, in the activity's order. */
  objectiveRatings: jsonb('objective_ratings').$type<number[]>().notNull(),
  relevance: integer('relevance').notNull(),
  /** Did the learner find the content free of commercial bias? */
  freeOfCommercialBias: boolean('free_of_commercial_bias').notNull(),
  biasComment: text('bias_comment'),
  /** The learner's commitment to change, quoted back in the 90-day follow-up. */
  commitment: text('commitment').notNull(),
  comments: text('comments'),
  submittedAt: ts('submitted_at').notNull(),
});

export const creditClaims = pgTable(
  'credit_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    creditType: text('credit_type').$type<CreditType>().notNull(),
    credits: numeric('credits', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    topicArea: text('topic_area'),
    /** ACPE: report to CPE Monitor within 60 days; Florida: CE Broker within 30. */
    reportDueAt: ts('report_due_at'),
    claimedAt: ts('claimed_at').notNull(),
  },
  (t) => [uniqueIndex('credit_claim_type').on(t.enrollmentId, t.creditType)],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Public certificate number, e.g. CEO-2026-7K3QX9. */
    number: text('number').notNull().unique(),
    /** Secret part of the verification URL. */
    verificationCode: text('verification_code').notNull().unique(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    creditType: text('credit_type').$type<CreditType>().notNull(),
    /** 1 for the first issue; a reissue adds one and supersedes the previous. */
    revision: integer('revision').notNull().default(1),
    credits: numeric('credits', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    learnerName: text('learner_name').notNull(),
    activityTitle: text('activity_title').notNull(),
    status: text('status').$type<'valid' | 'superseded' | 'revoked'>().notNull().default('valid'),
    supersededBy: uuid('superseded_by'),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [uniqueIndex('certificate_revision').on(t.enrollmentId, t.creditType, t.revision)],
);

export const certificateEvents = pgTable('certificate_events', {
  id: serial('id').primaryKey(),
  certificateId: uuid('certificate_id')
    .notNull()
    .references(() => certificates.id),
  action: text('action').$type<'issued' | 'reissued' | 'revoked'>().notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  at: created(),
});

export const followUpResponses = pgTable('follow_up_responses', {
  enrollmentId: uuid('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id),
  implemented: text('implemented').$type<Implemented>().notNull(),
  barriers: jsonb('barriers').$type<string[]>().notNull().default([]),
  /** 1..5, how confident the learner is in sustaining the change. */
  confidence: integer('confidence'),
  comments: text('comments'),
  /** How many reminders had gone out when the learner answered (0 = answered the first email). */
  remindersBefore: integer('reminders_before').notNull().default(0),
  respondedAt: ts('responded_at').notNull(),
});

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id),
    /** receipt, competence_invite, competence_result, certificate, follow_up, follow_up_reminder, digest, new_link… */
    kind: text('kind').notNull(),
    /** Unique per email ever meant to be sent: a retry finds the row instead of sending again. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    messageId: text('message_id').notNull(),
    attachments: jsonb('attachments').$type<{ certificateId: string }[]>().notNull().default([]),
    /** pending → sending → sent; "unconfirmed" when a crash hid whether the server took it; "failed" when refused for good. */
    status: text('status')
      .$type<'pending' | 'sending' | 'sent' | 'unconfirmed' | 'failed'>()
      .notNull()
      .default('pending'),
    createdAt: created(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('email_outbox_enrollment').on(t.enrollmentId)],
);

export const committeeReviews = pgTable(
  'committee_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: text('activity_id').references(() => activities.id),
    programId: text('program_id'),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    decision: text('decision').$type<'acceptable' | 'changes_required' | 'not_acceptable'>().notNull(),
    changes: text('changes').notNull().default(''),
    reviewers: jsonb('reviewers').$type<string[]>().notNull(),
    reviewedOn: date('reviewed_on').notNull(),
    createdAt: created(),
  },
  // Every report lists the reviews of its activity or program.
  (t) => [
    index('committee_reviews_activity').on(t.activityId),
    index('committee_reviews_program').on(t.programId),
  ],
);
