// The SQL of each report section: the activity summaries (closed enrollments,
// counted once as they closed: src/db/activity-summaries.ts) plus the same
// tally, row by row, over the enrollments not summarized yet (the open ones,
// found through a partial index), added together. The live half is exactly the
// query every report ran over all rows before the summaries, so the figures
// are the same whichever side an enrollment is on.
//
// Each section takes the open enrollments as a relation (`open`): by default a
// subquery of its own; a report that runs every section in one statement
// passes the name of a CTE that found them once (./one-statement.ts).
import { sql, type SQL } from 'drizzle-orm';

const raw = (s: string) => sql.raw(s);

/** The enrollments of the scope not summarized yet: few, through the partial index enrollments_unsummarized. */
export const openEnrollments = (scope: SQL): SQL =>
  sql`select * from enrollments where activity_id in (${scope}) and not summarized`;

const openOf = (scope: SQL, open?: SQL) => open ?? sql`(${openEnrollments(scope)})`;

/** FROM the open enrollments (as e) and their rows of a child table; `lateral` unnests, `and` narrows. */
function liveRows(table: string, alias: string, open: SQL, more: { lateral?: SQL; and?: SQL } = {}): SQL {
  const lateral = more.lateral ? sql` cross join lateral ${more.lateral}` : sql``;
  const and = more.and ? sql` where ${more.and}` : sql``;
  return sql`from ${open} e join ${raw(`${table} ${alias}`)} on ${raw(alias)}.enrollment_id = e.id${lateral}${and}`;
}

/**
 * Both halves, summed per key. `sums` maps each output column to its SQL
 * type; both halves yield the keys then those columns, in that order.
 */
function merged(keys: string[], sums: Record<string, string>, summary: SQL, live: SQL): SQL {
  const columns = Object.entries(sums)
    .map(([name, type]) => `sum(${name})::${type} as ${name}`)
    .join(', ');
  const group = keys.join(', ');
  return sql`select ${raw(group)}, ${raw(columns)} from (${summary} union all ${live}) merged
    group by ${raw(group)}`;
}

/** One summary bucket kind in scope: activity_id, key, subkey, count. */
const bucket = (kind: string, scope: SQL, key: string, subkey = "''") =>
  sql`select activity_id, ${raw(key)}, ${raw(subkey)}, count from activity_summary_buckets
    where activity_id in (${scope}) and kind = ${kind} and count > 0`;

const FUNNEL: Record<string, string> = {
  enrolled: 'count(*)',
  paid: 'count(*) filter (where e.paid_at is not null or e.fee_waiver is not null)',
  attended: 'count(e.attendance_completed_at)',
  evaluated: 'count(e.evaluated_at)',
  claimed: 'count(e.claimed_at)',
  certified: 'count(e.certified_at)',
  follow_up_sent: 'count(e.follow_up_sent_at)',
  follow_up_answered: 'count(e.follow_up_answered_at)',
  lapsed: "count(*) filter (where e.outcome = 'lapsed')",
  withdrawn: "count(*) filter (where e.outcome = 'withdrawn')",
  failed_competence: "count(*) filter (where e.outcome = 'failed_competence')",
};
const ints = (names: string[]) => Object.fromEntries(names.map((n) => [n, 'int']));

export function funnelSql(scope: SQL, open?: SQL): SQL {
  const names = Object.keys(FUNNEL);
  return merged(
    ['activity_id'],
    ints(names),
    sql`select activity_id, ${raw(names.join(', '))} from activity_summaries where activity_id in (${scope})`,
    sql`select e.activity_id, ${raw(names.map((n) => `${FUNNEL[n]} as ${n}`).join(', '))}
      from ${openOf(scope, open)} e group by e.activity_id`,
  );
}

export function competenceSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id'],
    {
      ...ints(['attempted', 'attempts', 'passed_first', 'passed_eventually', 'first_scores']),
      first_score_sum: 'float8',
    },
    sql`select activity_id, attempted, attempts, passed_first, passed_eventually, first_scores, first_score_sum
      from activity_summaries where activity_id in (${scope}) and attempted > 0`,
    sql`select activity_id, count(*) as attempted, sum(attempts) as attempts,
        count(*) filter (where passed_first) as passed_first,
        count(*) filter (where passed_any) as passed_eventually,
        count(first_score) as first_scores, coalesce(sum(first_score), 0)::float8 as first_score_sum
      from (
        select e.activity_id, ca.enrollment_id, count(*) as attempts,
          bool_or(ca.passed) as passed_any,
          bool_or(ca.passed and ca.attempt_no = 1) as passed_first,
          max(ca.score::float8) filter (where ca.attempt_no = 1) as first_score
        ${liveRows('competence_attempts', 'ca', live)}
        group by e.activity_id, ca.enrollment_id
      ) per_learner group by activity_id`,
  );
}

/** First-attempt scores in ten bins; the epsilon matches scoreBin() in report-math. */
export function scoreBinSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id', 'bin'],
    { count: 'int' },
    sql`select activity_id, key::int as bin, count from activity_summary_buckets
      where activity_id in (${scope}) and kind = 'score_bin' and count > 0`,
    sql`select e.activity_id, least(9, greatest(0, floor(ca.score::float8 * 10 + 0.0001)))::int as bin, count(*)
      ${liveRows('competence_attempts', 'ca', live, { and: sql`ca.attempt_no = 1` })} group by 1, 2`,
  );
}

/** Sufficient statistics per item over first attempts (difficulty and point-biserial). */
export function itemSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id', 'item_id'],
    {
      n: 'int',
      correct: 'int',
      sum_score_correct: 'float8',
      sum_score: 'float8',
      sum_score_squared: 'float8',
    },
    sql`select activity_id, item_id, n, correct, sum_score_correct, sum_score, sum_score_squared
      from activity_summary_items where activity_id in (${scope}) and n > 0`,
    sql`select e.activity_id, item.key as item_id, count(*) as n,
        count(*) filter (where item.value = 'true') as correct,
        coalesce(sum(ca.score::float8) filter (where item.value = 'true'), 0) as sum_score_correct,
        sum(ca.score::float8) as sum_score, sum(ca.score::float8 * ca.score::float8) as sum_score_squared
      ${liveRows('competence_attempts', 'ca', live, { lateral: sql`jsonb_each_text(ca.item_results) as item`, and: sql`ca.attempt_no = 1` })}
      group by 1, 2`,
  );
}

export function evaluationSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id'],
    ints(['responses', 'perceived_bias', 'relevance_sum', 'rating_count', 'rating_sum']),
    sql`select activity_id, evaluations as responses, perceived_bias, relevance_sum, rating_count, rating_sum
      from activity_summaries where activity_id in (${scope}) and evaluations > 0`,
    sql`select e.activity_id, count(*) as responses,
        count(*) filter (where not ev.free_of_commercial_bias) as perceived_bias,
        sum(ev.relevance) as relevance_sum,
        sum(jsonb_array_length(ev.objective_ratings)) as rating_count,
        sum((select coalesce(sum(r::int), 0) from jsonb_array_elements_text(ev.objective_ratings) as r)) as rating_sum
      ${liveRows('evaluations', 'ev', live)} group by e.activity_id`,
  );
}

/** Distribution of ratings per objective (objective ≥ 1) and of relevance (objective 0). */
export function ratingSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id', 'objective', 'rating'],
    { count: 'int' },
    bucket('rating', scope, 'key::int as objective', 'subkey::int as rating'),
    sql`select e.activity_id, o.idx::int as objective, o.rating::int as rating, count(*)
      ${liveRows('evaluations', 'ev', live, { lateral: sql`jsonb_array_elements_text(ev.objective_ratings) with ordinality as o(rating, idx)` })}
      group by 1, 2, 3
      union all
      select e.activity_id, 0, ev.relevance, count(*) ${liveRows('evaluations', 'ev', live)} group by 1, 2, 3`,
  );
}

export function followUpSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id', 'reminders_before', 'implemented'],
    { count: 'int' },
    bucket('follow_up', scope, 'key::int as reminders_before', 'subkey as implemented'),
    sql`select e.activity_id, r.reminders_before::int, r.implemented, count(*)
      ${liveRows('follow_up_responses', 'r', live)} group by 1, 2, 3`,
  );
}

export function barrierSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  const tally = merged(
    ['activity_id', 'barrier'],
    { count: 'int' },
    sql`select activity_id, key as barrier, count from activity_summary_buckets
      where activity_id in (${scope}) and kind = 'barrier' and count > 0`,
    sql`select e.activity_id, b.barrier, count(*)
      ${liveRows('follow_up_responses', 'r', live, { lateral: sql`jsonb_array_elements_text(r.barriers) as b(barrier)` })}
      group by 1, 2`,
  );
  return sql`${tally} order by 3 desc, 2`;
}

export function reminderSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return merged(
    ['activity_id'],
    { reminders_sent: 'int' },
    sql`select activity_id, reminders_sent from activity_summaries
      where activity_id in (${scope}) and reminders_sent > 0`,
    sql`select e.activity_id, count(*) ${liveRows('email_outbox', 'o', live, { and: sql`o.kind = 'follow_up_reminder'` })}
      group by 1`,
  );
}

/**
 * Per credit type: claimants, total, largest claim, and how many claimed the
 * activity's maximum now; then the certificates of participation of learners
 * who could claim no type, on their own line (read from the certificates).
 */
export function creditSql(scope: SQL, open?: SQL): SQL {
  const live = openOf(scope, open);
  return sql`select activity_id, credit_type,
      sum(n)::int as claimants,
      sum(credits * n)::float8 as total,
      max(credits)::float8 as max_claimed,
      coalesce(sum(n) filter (where credits >= (
        select (d->>'maxCredits')::numeric from activities a, jsonb_array_elements(a.policy->'credits') d
        where a.id = claimed.activity_id and d->>'type' = claimed.credit_type limit 1)), 0)::int as at_maximum
    from (
      ${bucket('credit', scope, 'key as credit_type', 'subkey::numeric as credits')}
      union all
      select e.activity_id, c.credit_type, c.credits, 1 ${liveRows('credit_claims', 'c', live)}
    ) claimed (activity_id, credit_type, credits, n)
    group by 1, 2
    union all
    select e.activity_id, 'participation', count(distinct c.enrollment_id)::int,
      sum(c.credits)::float8, max(c.credits)::float8, 0
    from certificates c join enrollments e on e.id = c.enrollment_id
    where e.activity_id in (${scope}) and c.credit_type = 'participation' and c.status = 'valid'
    group by 1`;
}

export type FreeTextKind = 'commitment' | 'follow_up_comment' | 'bias_comment';

const FREE_TEXT_SOURCES: Record<FreeTextKind, { table: string; column: string }> = {
  commitment: { table: 'evaluations', column: 'commitment' },
  follow_up_comment: { table: 'follow_up_responses', column: 'comments' },
  bias_comment: { table: 'evaluations', column: 'bias_comment' },
};

/** One kind of free text of an activity, non-empty, sorted, at most `limit` (duplicates kept). */
export function freeTextSql(activityId: string, kind: FreeTextKind, limit: number): SQL {
  const { table, column } = FREE_TEXT_SOURCES[kind];
  return sql`select text from (
      select b.key as text from (
        select key, count from activity_summary_buckets
        where activity_id = ${activityId} and kind = ${kind} and count > 0 order by key limit ${limit}
      ) b cross join generate_series(1, b.count)
      union all
      select t.${raw(column)} from ${raw(table)} t join enrollments e on e.id = t.enrollment_id
      where e.activity_id = ${activityId} and not e.summarized and coalesce(btrim(t.${raw(column)}), '') <> ''
    ) texts order by 1 limit ${limit}`;
}
