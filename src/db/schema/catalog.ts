// What is offered: programs (with the committee that reviews them) and their activities.
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Policy } from '../../domain/policy.js';
import { ts, created } from './columns.js';

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
