// Committee reviews of an activity's or a program period's outcomes.
import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { activities } from './catalog.js';
import { created, ts } from './columns.js';

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

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * A change a review required, tracked until done: it belongs to the reviewed
 * activity's series, so the next activity of the series shows what changed.
 */
export const reviewActions = pgTable(
  'review_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => committeeReviews.id),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    programId: text('program_id').notNull(),
    /** The reviewed activity's series; null when it has none (the action stays with the activity). */
    seriesId: text('series_id'),
    description: text('description').notNull(),
    owner: text('owner'),
    dueOn: date('due_on'),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    /** What was done, or why it was dropped. */
    note: text('note'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('review_actions_program').on(t.programId, t.status),
    index('review_actions_series').on(t.seriesId),
    index('review_actions_activity').on(t.activityId),
  ],
);
