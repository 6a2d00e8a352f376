// The spread of ratings per activity (count, sum and sum of squares of each
// evaluation's mean objective rating and of relevance), for confidence
// intervals of the means, from the activity summaries: each learner's
// ratings are kept there as a 'rating_sample' bucket (the objective ratings'
// sum and number as an exact fraction, the relevance rating), so this reads a
// few dozen summary rows per activity, never its evaluations.
import { sql, type SQL } from 'drizzle-orm';

export interface RatingSampleRow {
  activity_id: string;
  n: number;
  objectives_sum: number;
  objectives_squares: number;
  relevance_sum: number;
  relevance_squares: number;
}

/** A learner's mean objective rating as avg() over the ratings gives it (null with none), and relevance. */
const learnerRatings = (scope: SQL) =>
  sql`select activity_id, count,
      split_part(nullif(key, ''), '/', 1)::float8 / split_part(nullif(key, ''), '/', 2)::float8 as objectives,
      nullif(subkey, '')::float8 as relevance
    from activity_summary_buckets where activity_id in (${scope}) and kind = 'rating_sample' and count > 0`;

export const ratingSampleSql = (scope: SQL): SQL =>
  sql`select activity_id, sum(count)::int as n,
      coalesce(sum(count * objectives), 0)::float8 as objectives_sum,
      coalesce(sum(count * objectives * objectives), 0)::float8 as objectives_squares,
      coalesce(sum(count * relevance), 0)::float8 as relevance_sum,
      coalesce(sum(count * relevance * relevance), 0)::float8 as relevance_squares
    from (${learnerRatings(scope)}) l
    group by 1`;
