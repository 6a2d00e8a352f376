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

/** The 'rating_sample' buckets in scope as one JSON value of four arrays (activity_id, key, subkey, count), for ratingSamplesFrom. */
export const ratingSampleBucketsSql = (scope: SQL): SQL =>
  sql`(select json_build_array(array_agg(activity_id), array_agg(key), array_agg(subkey), array_agg(count))
    from activity_summary_buckets where activity_id in (${scope}) and kind = 'rating_sample' and count > 0)`;

export type RatingSampleBuckets = [string[] | null, string[] | null, string[] | null, number[] | null];

/**
 * The samples per activity from the buckets, with float8 arithmetic and nulls
 * skipped as a grouped SQL sum would (test/support/report-recount.ts keeps that
 * SQL as the tests' reference): aggregating in the report's statement cost it
 * ~0.07-0.15 ms, the JS a few microseconds. Sums may differ from the SQL's in
 * the last bits (another order of the same terms).
 */
export function ratingSamplesFrom([ids, keys, subkeys, counts]: RatingSampleBuckets): RatingSampleRow[] {
  const rows = new Map<string, RatingSampleRow>();
  (ids ?? []).forEach((activity_id, i) => {
    const [key, subkey, count] = [keys![i], subkeys![i], counts![i]];
    let row = rows.get(activity_id);
    if (!row) {
      row = {
        activity_id,
        n: 0,
        objectives_sum: 0,
        objectives_squares: 0,
        relevance_sum: 0,
        relevance_squares: 0,
      };
      rows.set(activity_id, row);
    }
    row.n += count;
    if (key !== '') {
      const [sum, n] = key.split('/');
      const objectives = Number(sum) / Number(n);
      row.objectives_sum += count * objectives;
      row.objectives_squares += count * objectives * objectives;
    }
    if (subkey !== '') {
      const relevance = Number(subkey);
      row.relevance_sum += count * relevance;
      row.relevance_squares += count * relevance * relevance;
    }
  });
  return [...rows.values()];
}
