// What is offered: programs (with the committee that reviews them) and their activities.
import { boolean, index, integer, jsonb, numeric, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';
import type { CreditType, Policy, RetiredCreditType } from '../../domain/policy.js';
import { ts, created } from './columns.js';

export interface CommitteeMember {
  name: string;
  email?: string;
  role?: string;
}

export const programs = pgTable('programs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Who receives the periodic outcome digest. */
  committeeEmails: jsonb('committee_emails').$type<string[]>().notNull().default([]),
  /** Who sits on the committee (named on reviews); emails optional. */
  committeeMembers: jsonb('committee_members').$type<CommitteeMember[]>().notNull().default([]),
  lastDigestAt: ts('last_digest_at'),
  createdAt: created(),
});

export const activities = pgTable(
  'activities',
  {
    id: text('id').primaryKey(),
    programId: text('program_id').notNull().default('default'),
    /** Activities repeated over time (a yearly course): the committee's actions carry over along it. */
    seriesId: text('series_id'),
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
  (t) => [
    index('activities_program_starts').on(t.programId, t.startsAt),
    // "The previous activity of the series" is looked up by series and start.
    index('activities_series_starts').on(t.seriesId, t.startsAt),
  ],
);

/** Every change of a designated maximum (lowered, or set before the start): RULES.md wants it audited. */
export const designationChanges = pgTable(
  'designation_changes',
  {
    id: serial('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    creditType: text('credit_type').$type<CreditType>().notNull(),
    fromMax: numeric('from_max', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    toMax: numeric('to_max', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    /** Whether the activity had started: a change after the start can only lower. */
    afterStart: boolean('after_start').notNull(),
    actor: text('actor').notNull(),
    at: created(),
  },
  (t) => [index('designation_changes_activity').on(t.activityId)],
);

/**
 * Designations of the retired types (ca_cls, fl_cls, ascp_cmp) taken out of
 * stored policies by migration 0007, kept as they were: an activity's, or an
 * enrollment's snapshot of its policy.
 */
export const retiredDesignations = pgTable('retired_designations', {
  id: uuid('id').primaryKey().defaultRandom(),
  activityId: text('activity_id').references(() => activities.id),
  enrollmentId: uuid('enrollment_id'),
  creditType: text('credit_type').$type<RetiredCreditType>().notNull(),
  designation: jsonb('designation').$type<Record<string, unknown>>().notNull(),
  retiredAt: created(),
});
