// The reporting ledger: one row per enrollment and regulator that must hear of
// the credit (CPE Monitor, CE Broker, PARS), its exact payload, status and
// deadline; every request sent for it (keyed, so a worker killed mid-request
// never sends twice); an audit log of every change; per activity, the numbers
// the regulators know it by and the result of the UAN look-up; and the
// transports staff set at run time.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CreditType } from '../../domain/policy.js';
import type { Regulator, RejectionKind, SubmissionStatus } from '../../domain/reporting.js';
import { activities } from './catalog.js';
import { enrollmentRef } from './enrollments.js';
import { created, ts } from './columns.js';

export const regulatorSubmissions = pgTable(
  'regulator_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: enrollmentRef().notNull(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    regulator: text('regulator').$type<Regulator>().notNull(),
    creditType: text('credit_type').$type<CreditType>().notNull(),
    status: text('status').$type<SubmissionStatus>().notNull().default('pending'),
    /** The record as the regulator receives it (its own field names are in the adapter). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** 1, then one more per correction: each revision has its own idempotency key. */
    revision: integer('revision').notNull().default(1),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Requests sent to the regulator so far. */
    attempts: integer('attempts').notNull().default(0),
    completedAt: ts('completed_at').notNull(),
    /** Completion + 60 days (CPE Monitor), + 30 (CE Broker); none for PARS. */
    dueAt: ts('due_at'),
    rejectionKind: text('rejection_kind').$type<RejectionKind>(),
    /** The regulator's own words. */
    rejectionMessage: text('rejection_message'),
    /** Why it is held before sending (an unknown UAN, a missing course number), until staff act. */
    blockedReason: text('blocked_reason'),
    /** A worker stopped while a request was on its way: the answer is unknown, nothing is resent on its own. */
    deliveryUnknown: boolean('delivery_unknown').notNull().default(false),
    /** web_service, or file (staff upload the batch file). */
    transport: text('transport').$type<'web_service' | 'file'>(),
    /** The regulator's reference for the accepted record, when it gives one. */
    confirmation: text('confirmation'),
    workflowId: text('workflow_id'),
    /** Set by the dispatcher once the submission's workflow runs (see src/reporting/dispatcher.ts). */
    workflowStartedAt: ts('workflow_started_at'),
    submittedAt: ts('submitted_at'),
    acceptedAt: ts('accepted_at'),
    rejectedAt: ts('rejected_at'),
    lateAt: ts('late_at'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('regulator_submission_once').on(t.enrollmentId, t.regulator),
    index('regulator_submissions_status_due').on(t.status, t.dueAt),
    index('regulator_submissions_activity').on(t.activityId),
    // The dispatcher's look-up: rows whose workflow has not started.
    index('regulator_submissions_undispatched')
      .on(t.createdAt)
      .where(sql`workflow_started_at is null`),
  ],
);

/** Every change to a submission: who (workflow, learner, staff), what, when. */
export const regulatorSubmissionEvents = pgTable(
  'regulator_submission_events',
  {
    id: serial('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => regulatorSubmissions.id),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: created(),
  },
  (t) => [index('regulator_submission_events_submission').on(t.submissionId)],
);

/**
 * One row per request sent, written before the request leaves: a row still
 * "sending" when the next attempt starts means its worker died mid-request.
 */
export const regulatorAttempts = pgTable(
  'regulator_attempts',
  {
    id: serial('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => regulatorSubmissions.id),
    idempotencyKey: text('idempotency_key').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    state: text('state').$type<'sending' | 'answered' | 'failed' | 'unknown'>().notNull(),
    /** What was sent, credentials left out. */
    request: text('request').notNull(),
    httpStatus: integer('http_status'),
    response: text('response'),
    startedAt: created(),
    finishedAt: ts('finished_at'),
  },
  (t) => [uniqueIndex('regulator_attempt_no').on(t.submissionId, t.attemptNo)],
);

/** The UAN look-up's answer, kept per activity. */
export interface UanCheck {
  uan: string;
  checkedAt: string;
  /** found: known and its dates fit; unknown; dates_differ; unchecked (no web service). */
  result: 'found' | 'unknown' | 'dates_differ' | 'unchecked';
  title?: string;
  releaseDate?: string | null;
  expirationDate?: string | null;
  liveDates?: string[];
  problem?: string;
}

/** What the regulators know an activity by, set by staff, and the UAN look-up. */
export const reportingActivities = pgTable('reporting_activities', {
  activityId: text('activity_id')
    .primaryKey()
    .references(() => activities.id),
  /** CE Broker course tracking number (20-…). */
  ceBrokerCourseId: text('ce_broker_course_id'),
  /** The activity's ID in PARS. */
  parsActivityId: text('pars_activity_id'),
  uanCheck: jsonb('uan_check').$type<UanCheck>(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A regulator's transport set by staff at run time (PUT /reporting/transports/…),
 * over the environment's. No row: the environment decides (unset = file only).
 */
export const reportingTransports = pgTable('reporting_transports', {
  regulator: text('regulator').$type<Regulator>().primaryKey(),
  /** Null: file only, staff upload the batch files. */
  url: text('url'),
  username: text('username'),
  secret: text('secret'),
  providerId: text('provider_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
