// The SQL of each report section, read from the activity summaries alone:
// the database keeps them current as every fact is written, for open and
// closed enrollments alike (src/db/activity-summaries.ts), so a section reads
// a few rows per activity, never an enrollment's rows. The summaries hold
// exactly the tallies the report queries once made over every row (the
// arithmetic of ceo_summary_apply), so the figures are the same.
import { sql, type SQL } from 'drizzle-orm';
import { literal } from './sql.js';

const raw = (s: string) => sql.raw(s);

/** The summary columns, cast as the reports read them. */
const columns = (names: Record<string, string>) =>
  raw(
    Object.entries(names)
      .map(([name, source]) => `${source} as ${name}`)
      .join(', '),
  );

/** One summary bucket kind in scope: activity_id, key, subkey as named, count. */
const bucket = (kind: string, scope: SQL, key: string, subkey = "''") =>
  sql`select activity_id, ${raw(key)}, ${raw(subkey)}, count from activity_summary_buckets
    where activity_id in (${scope}) and kind = ${literal(kind)} and count > 0`;

/** The funnel's columns of a summary row. */
export const FUNNEL = [
  'enrolled',
  'paid',
  'attended',
  'evaluated',
  'claimed',
  'certified',
  'follow_up_sent',
  'follow_up_answered',
  'lapsed',
  'withdrawn',
  'failed_competence',
] as const;

export function funnelSql(scope: SQL): SQL {
  return sql`select activity_id, ${raw(FUNNEL.join(', '))} from activity_summaries
    where activity_id in (${scope}) and enrolled > 0`;
}

export function competenceSql(scope: SQL): SQL {
  return sql`select activity_id, attempted, attempts, passed_first, passed_eventually, first_scores, first_score_sum
    from activity_summaries where activity_id in (${scope}) and attempted > 0`;
}

/** First-attempt scores in ten bins; the epsilon matches scoreBin() in report-math. */
export function scoreBinSql(scope: SQL): SQL {
  return sql`select activity_id, key::int as bin, count from activity_summary_buckets
    where activity_id in (${scope}) and kind = 'score_bin' and count > 0`;
}

/** Sufficient statistics per item over first attempts (difficulty and point-biserial), in item order (items since removed from the policy are listed so). */
export function itemSql(scope: SQL): SQL {
  return sql`select activity_id, item_id, n, correct, sum_score_correct, sum_score, sum_score_squared
    from activity_summary_items where activity_id in (${scope}) and n > 0 order by activity_id, item_id`;
}

export function evaluationSql(scope: SQL): SQL {
  return sql`select activity_id, ${columns({
    responses: 'evaluations',
    perceived_bias: 'perceived_bias',
    relevance_sum: 'relevance_sum',
    rating_count: 'rating_count',
    rating_sum: 'rating_sum',
  })} from activity_summaries where activity_id in (${scope}) and evaluations > 0`;
}

/** Distribution of ratings per objective (objective ≥ 1) and of relevance (objective 0). */
export function ratingSql(scope: SQL): SQL {
  return bucket('rating', scope, 'key::int as objective', 'subkey::int as rating');
}

export function followUpSql(scope: SQL): SQL {
  return bucket('follow_up', scope, 'key::int as reminders_before', 'subkey as implemented');
}

export function barrierSql(scope: SQL): SQL {
  return sql`select activity_id, key as barrier, count from activity_summary_buckets
    where activity_id in (${scope}) and kind = 'barrier' and count > 0 order by 3 desc, 2`;
}

export function reminderSql(scope: SQL): SQL {
  return sql`select activity_id, reminders_sent from activity_summaries
    where activity_id in (${scope}) and reminders_sent > 0`;
}

/**
 * Per credit type: claimants, total, largest claim, and how many claimed the
 * activity's maximum now; then the certificates of participation of learners
 * who could claim no type, on their own line (each learner's credits summed,
 * and the largest, kept by the summaries as 'participation').
 */
export function creditSql(scope: SQL): SQL {
  return sql`select activity_id, credit_type,
      sum(n)::int as claimants,
      sum(credits * n)::float8 as total,
      max(credits)::float8 as max_claimed,
      coalesce(sum(n) filter (where credits >= (
        select (d->>'maxCredits')::numeric from activities a, jsonb_array_elements(a.policy->'credits') d
        where a.id = claimed.activity_id and d->>'type' = claimed.credit_type limit 1)), 0)::int as at_maximum
    from (${bucket('credit', scope, 'key as credit_type', 'subkey::numeric as credits')})
      claimed (activity_id, credit_type, credits, n)
    group by 1, 2
    union all
    select activity_id, 'participation', sum(n)::int, sum(total * n)::float8, max(largest)::float8, 0
    from (${bucket('participation', scope, 'key::numeric as total', 'subkey::numeric as largest')})
      certified (activity_id, total, largest, n)
    group by 1
    order by 1, 2`;
}

export type FreeTextKind = 'commitment' | 'follow_up_comment' | 'bias_comment';

/** One kind of free text of an activity (its id, or SQL giving it), non-empty, sorted, at most `limit` (duplicates kept). */
export function freeTextSql(activityId: string | SQL, kind: FreeTextKind, limit: number): SQL {
  return sql`select b.key as text from (
      select key, count from activity_summary_buckets
      where activity_id = ${activityId} and kind = ${literal(kind)} and count > 0 order by key limit ${literal(limit)}
    ) b cross join generate_series(1, b.count) order by 1 limit ${literal(limit)}`;
}
