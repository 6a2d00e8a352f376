// What learners submit: each submission as received (stored before the
// workflow hears of it), and what it records: competence attempts, the
// evaluation and commitment, credit claims and the follow-up answer.
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ClaimedType } from '../../domain/policy.js';
import type { Implemented } from '../../domain/enrollment.js';
import { enrollmentRef } from './enrollments.js';
import { created, ts } from './columns.js';

export const SUBMISSION_STATUSES = ['pending', 'recorded', 'refused'] as const;

/**
 * A learner's submission (competence answers, evaluation, claim, follow-up
 * answer), stored before the workflow hears of it: the workflow gets only the
 * id, so learner text never enters a history, and a retried request finds the
 * row and its result instead of submitting twice.
 */
export const submissions = pgTable(
  'submissions',
  {
    /** Derived from the submission: enrollment, kind, attempt, payload hash. */
    id: text('id').primaryKey(),
    enrollmentId: enrollmentRef().notNull(),
    kind: text('kind').$type<'competence' | 'evaluation' | 'claim' | 'follow_up'>().notNull(),
    /** Competence only: the attempt this answers. */
    attemptNo: integer('attempt_no'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    payloadHash: text('payload_hash').notNull(),
    /** The caller's Idempotency-Key header, when it sent one. */
    idempotencyKey: text('idempotency_key'),
    status: text('status').$type<(typeof SUBMISSION_STATUSES)[number]>().notNull().default('pending'),
    /** What the API answers for a recorded submission (e.g. the competence grade). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** Why a refused submission was refused: { type, message, details }. */
    refusal: jsonb('refusal').$type<{ type: string; message: string; details?: unknown }>(),
    receivedAt: created(),
    settledAt: ts('settled_at'),
  },
  (t) => [
    index('submissions_enrollment').on(t.enrollmentId, t.kind),
    uniqueIndex('submissions_idempotency_key').on(t.enrollmentId, t.idempotencyKey),
  ],
);

export const competenceAttempts = pgTable(
  'competence_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: enrollmentRef().notNull(),
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
  enrollmentId: enrollmentRef().primaryKey(),
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
    enrollmentId: enrollmentRef().notNull(),
    creditType: text('credit_type').$type<ClaimedType>().notNull(),
    credits: numeric('credits', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    topicArea: text('topic_area'),
    /** ACPE: report to CPE Monitor within 60 days; Florida: CE Broker within 30. */
    reportDueAt: ts('report_due_at'),
    claimedAt: ts('claimed_at').notNull(),
  },
  (t) => [uniqueIndex('credit_claim_type').on(t.enrollmentId, t.creditType)],
);

export const followUpResponses = pgTable('follow_up_responses', {
  enrollmentId: enrollmentRef().primaryKey(),
  implemented: text('implemented').$type<Implemented>().notNull(),
  barriers: jsonb('barriers').$type<string[]>().notNull().default([]),
  /** 1..5, how confident the learner is in sustaining the change. */
  confidence: integer('confidence'),
  comments: text('comments'),
  /** How many reminders had gone out when the learner answered (0 = answered the first email). */
  remindersBefore: integer('reminders_before').notNull().default(0),
  /** Which email's link brought the answer (0 = the first, n = reminder n); null = not through an email link. */
  viaEmail: integer('via_email'),
  respondedAt: ts('responded_at').notNull(),
});
