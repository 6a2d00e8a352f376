// Committee reviews of an activity's or a program period's outcomes.
import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { activities } from './catalog.js';
import { created } from './columns.js';

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
    /** Who recorded it: the signed-in person or the named key (null before sign-in by name existed). */
    recordedBy: text('recorded_by'),
    createdAt: created(),
  },
  // Every report lists the reviews of its activity or program.
  (t) => [
    index('committee_reviews_activity').on(t.activityId),
    index('committee_reviews_program').on(t.programId),
  ],
);
