// What the committee reports count, kept per activity by the database as the
// facts are written (src/db/activity-summaries.ts), open and closed
// enrollments alike: a report reads these rows, never every row of every
// child table.
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { activities } from './catalog.js';

const counter = (name: string) => integer(name).notNull().default(0);
const sum = (name: string) => doublePrecision(name).notNull().default(0);

/** Per activity: the funnel, the competence and evaluation totals, the reminders sent. */
export const activitySummaries = pgTable('activity_summaries', {
  activityId: text('activity_id')
    .primaryKey()
    .references(() => activities.id),
  enrolled: counter('enrolled'),
  paid: counter('paid'),
  attended: counter('attended'),
  evaluated: counter('evaluated'),
  claimed: counter('claimed'),
  certified: counter('certified'),
  followUpSent: counter('follow_up_sent'),
  followUpAnswered: counter('follow_up_answered'),
  lapsed: counter('lapsed'),
  withdrawn: counter('withdrawn'),
  failedCompetence: counter('failed_competence'),
  /** Learners with at least one competence attempt. */
  attempted: counter('attempted'),
  attempts: counter('attempts'),
  passedFirst: counter('passed_first'),
  passedEventually: counter('passed_eventually'),
  firstScores: counter('first_scores'),
  firstScoreSum: sum('first_score_sum'),
  evaluations: counter('evaluations'),
  perceivedBias: counter('perceived_bias'),
  relevanceSum: counter('relevance_sum'),
  ratingCount: counter('rating_count'),
  ratingSum: counter('rating_sum'),
  remindersSent: counter('reminders_sent'),
});

/** Per activity and competence item, over first attempts: what difficulty and discrimination need. */
export const activitySummaryItems = pgTable(
  'activity_summary_items',
  {
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    itemId: text('item_id').notNull(),
    n: counter('n'),
    correct: counter('correct'),
    sumScoreCorrect: sum('sum_score_correct'),
    sumScore: sum('sum_score'),
    sumScoreSquared: sum('sum_score_squared'),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.itemId] })],
);

export const SUMMARY_BUCKETS = [
  /** key: the score band 0-9 of a first attempt. */
  'score_bin',
  /** key: the objective's position from 1 (0 = relevance); subkey: the rating. */
  'rating',
  /** key: reminders sent before the answer; subkey: implemented fully, partly or not. */
  'follow_up',
  /** key: the barrier named. */
  'barrier',
  /** key: the credit type; subkey: the credits claimed. */
  'credit',
  /** key: the text (anonymous, non-empty): what learners wrote, for the committee. */
  'commitment',
  'follow_up_comment',
  'bias_comment',
  /** The workspace's (ceo_workspace_summary_apply): key: reminder n of a follow-up reminder queued. */
  'reminder',
  /** key: the email whose link brought a follow-up answer ('' = none said). */
  'via_email',
  /** key: a commitment; subkey: its author's follow-up as JSON [sent, implemented, barriers]. */
  'commitment_outcome',
  /** key: a learner's objective ratings as sum '/' number ('' = none); subkey: their relevance rating. */
  'rating_sample',
  /** key: a learner's credits on valid certificates of participation, summed; subkey: the largest. */
  'participation',
] as const;

/** Counts per activity of each value a report tallies (see SUMMARY_BUCKETS). */
export const activitySummaryBuckets = pgTable(
  'activity_summary_buckets',
  {
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    kind: text('kind').$type<(typeof SUMMARY_BUCKETS)[number]>().notNull(),
    key: text('key').notNull(),
    subkey: text('subkey').notNull().default(''),
    count: counter('count'),
  },
  // Learners' text can be long: the key is indexed by its hash (the prefix serves an activity's kind).
  // A program report reads one kind over many activities: kind first, so it skips the others' rows.
  (t) => [
    uniqueIndex('activity_summary_buckets_key').on(t.activityId, t.kind, sql`md5(${t.key})`, t.subkey),
    index('activity_summary_buckets_kind').on(t.kind, t.activityId),
  ],
);

/**
 * Per activity: what its report reads of the buckets, gathered by the
 * triggers whenever they move them (the activity-report-buckets migration),
 * so a report reads one row instead of aggregating a few hundred.
 */
export const activityReportBuckets = pgTable('activity_report_buckets', {
  activityId: text('activity_id')
    .primaryKey()
    .references(() => activities.id),
  /** The buckets as four arrays (kind, key, subkey, count): src/reports/queries/activity-summary-json.ts. */
  buckets: json('buckets').notNull(),
  /** The spread of the learners' ratings (src/reports/queries/samples.ts); null before the first evaluation. */
  samples: json('samples'),
});
