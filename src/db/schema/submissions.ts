// What learners submit: competence attempts, the evaluation and commitment,
// credit claims and the follow-up answer.
import {
  boolean,
  integer,
  jsonb,
  numeric,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CreditType } from '../../domain/policy.js';
import type { Implemented } from '../../domain/enrollment.js';
import { enrollmentRef } from './enrollments.js';
import { ts } from './columns.js';

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
    creditType: text('credit_type').$type<CreditType>().notNull(),
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
  respondedAt: ts('responded_at').notNull(),
});
