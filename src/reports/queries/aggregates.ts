// The aggregate queries behind every report. Each takes a scope, a SQL
// subquery yielding activity ids, and groups by activity, so one activity's
// report and a program's 200 activities run the same few GROUP BYs instead of
// loading rows into JS.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

/** Scope of one activity. */
export const oneActivity = (activityId: string): SQL => sql`select ${activityId}::text`;

/** Scope of a program's activities starting in [from, to). */
export const programPeriod = (programId: string, from: Date, to: Date): SQL =>
  sql`select id from activities where program_id = ${programId} and starts_at >= ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz`;

/**
 * FROM a child table of enrollments, each row joined to its enrollment (as e)
 * and limited to the activities in scope; `lateral` unnests a column of the
 * row, `and` narrows the rows. Table names and aliases are constants here.
 */
function rowsInScope(table: string, alias: string, scope: SQL, more: { lateral?: SQL; and?: SQL } = {}): SQL {
  const lateral = more.lateral ? sql` cross join lateral ${more.lateral}` : sql``;
  const and = more.and ? sql` and ${more.and}` : sql``;
  return sql`from ${sql.raw(`${table} ${alias}`)} join enrollments e on e.id = ${sql.raw(alias)}.enrollment_id${lateral}
    where e.activity_id in (${scope})${and}`;
}

export interface FunnelRow {
  activity_id: string;
  enrolled: number;
  paid: number;
  attended: number;
  evaluated: number;
  claimed: number;
  certified: number;
  follow_up_sent: number;
  follow_up_answered: number;
  lapsed: number;
  withdrawn: number;
  failed_competence: number;
}

export function funnelRows(db: Database, scope: SQL): Promise<FunnelRow[]> {
  return queryRows<FunnelRow>(
    db,
    sql`select e.activity_id,
      count(*)::int as enrolled,
      count(*) filter (where e.paid_at is not null or e.fee_waiver is not null)::int as paid,
      count(e.attendance_completed_at)::int as attended,
      count(e.evaluated_at)::int as evaluated,
      count(e.claimed_at)::int as claimed,
      count(e.certified_at)::int as certified,
      count(e.follow_up_sent_at)::int as follow_up_sent,
      count(e.follow_up_answered_at)::int as follow_up_answered,
      count(*) filter (where e.outcome = 'lapsed')::int as lapsed,
      count(*) filter (where e.outcome = 'withdrawn')::int as withdrawn,
      count(*) filter (where e.outcome = 'failed_competence')::int as failed_competence
    from enrollments e
    where e.activity_id in (${scope})
    group by e.activity_id`,
  );
}

export interface CompetenceRow {
  activity_id: string;
  /** Learners with at least one attempt. */
  attempted: number;
  attempts: number;
  passed_first: number;
  passed_eventually: number;
  first_scores: number;
  first_score_sum: number;
}

export function competenceRows(db: Database, scope: SQL): Promise<CompetenceRow[]> {
  return queryRows<CompetenceRow>(
    db,
    sql`with per_learner as (
      select e.activity_id, ca.enrollment_id,
        count(*) as attempts,
        bool_or(ca.passed) as passed_any,
        bool_or(ca.passed and ca.attempt_no = 1) as passed_first,
        max(ca.score::float8) filter (where ca.attempt_no = 1) as first_score
      ${rowsInScope('competence_attempts', 'ca', scope)}
      group by e.activity_id, ca.enrollment_id
    )
    select activity_id,
      count(*)::int as attempted,
      sum(attempts)::int as attempts,
      count(*) filter (where passed_first)::int as passed_first,
      count(*) filter (where passed_any)::int as passed_eventually,
      count(first_score)::int as first_scores,
      coalesce(sum(first_score), 0)::float8 as first_score_sum
    from per_learner
    group by activity_id`,
  );
}

export interface ScoreBinRow {
  activity_id: string;
  bin: number;
  count: number;
}

/** First-attempt scores in ten bins; the epsilon matches scoreBin() in report-math. */
export function scoreBinRows(db: Database, scope: SQL): Promise<ScoreBinRow[]> {
  return queryRows<ScoreBinRow>(
    db,
    sql`select e.activity_id,
      least(9, greatest(0, floor(ca.score::float8 * 10 + 0.0001)))::int as bin,
      count(*)::int as count
    ${rowsInScope('competence_attempts', 'ca', scope, { and: sql`ca.attempt_no = 1` })}
    group by 1, 2`,
  );
}

export interface ItemRow {
  activity_id: string;
  item_id: string;
  n: number;
  correct: number;
  sum_score_correct: number;
  sum_score: number;
  sum_score_squared: number;
}

/** Sufficient statistics per item over first attempts (difficulty and point-biserial). */
export function itemRows(db: Database, scope: SQL): Promise<ItemRow[]> {
  return queryRows<ItemRow>(
    db,
    sql`select e.activity_id, item.key as item_id,
      count(*)::int as n,
      count(*) filter (where item.value = 'true')::int as correct,
      coalesce(sum(ca.score::float8) filter (where item.value = 'true'), 0)::float8 as sum_score_correct,
      sum(ca.score::float8)::float8 as sum_score,
      sum(ca.score::float8 * ca.score::float8)::float8 as sum_score_squared
    ${rowsInScope('competence_attempts', 'ca', scope, { lateral: sql`jsonb_each_text(ca.item_results) as item`, and: sql`ca.attempt_no = 1` })}
    group by 1, 2`,
  );
}

export interface EvaluationRow {
  activity_id: string;
  responses: number;
  perceived_bias: number;
  relevance_sum: number;
  rating_count: number;
  rating_sum: number;
}

export function evaluationRows(db: Database, scope: SQL): Promise<EvaluationRow[]> {
  return queryRows<EvaluationRow>(
    db,
    sql`select e.activity_id,
      count(*)::int as responses,
      count(*) filter (where not ev.free_of_commercial_bias)::int as perceived_bias,
      sum(ev.relevance)::int as relevance_sum,
      sum(jsonb_array_length(ev.objective_ratings))::int as rating_count,
      sum((select coalesce(sum(r::int), 0) from jsonb_array_elements_text(ev.objective_ratings) as r))::int as rating_sum
    ${rowsInScope('evaluations', 'ev', scope)}
    group by e.activity_id`,
  );
}

export interface RatingRow {
  activity_id: string;
  /** 1-based objective position; 0 = relevance. */
  objective: number;
  rating: number;
  count: number;
}

/** Distribution of ratings per objective (objective ≥ 1) and of relevance (objective 0). */
export function ratingRows(db: Database, scope: SQL): Promise<RatingRow[]> {
  return queryRows<RatingRow>(
    db,
    sql`select e.activity_id, o.idx::int as objective, o.rating::int as rating, count(*)::int as count
    ${rowsInScope('evaluations', 'ev', scope, { lateral: sql`jsonb_array_elements_text(ev.objective_ratings) with ordinality as o(rating, idx)` })}
    group by 1, 2, 3
    union all
    select e.activity_id, 0, ev.relevance, count(*)::int
    ${rowsInScope('evaluations', 'ev', scope)}
    group by 1, 2, 3`,
  );
}

export interface FollowUpRow {
  activity_id: string;
  reminders_before: number;
  implemented: 'fully' | 'partly' | 'not';
  count: number;
}

export function followUpRows(db: Database, scope: SQL): Promise<FollowUpRow[]> {
  return queryRows<FollowUpRow>(
    db,
    sql`select e.activity_id, r.reminders_before::int as reminders_before, r.implemented, count(*)::int as count
    ${rowsInScope('follow_up_responses', 'r', scope)}
    group by 1, 2, 3`,
  );
}

export interface BarrierRow {
  activity_id: string;
  barrier: string;
  count: number;
}

export function barrierRows(db: Database, scope: SQL): Promise<BarrierRow[]> {
  return queryRows<BarrierRow>(
    db,
    sql`select e.activity_id, b.barrier, count(*)::int as count
    ${rowsInScope('follow_up_responses', 'r', scope, { lateral: sql`jsonb_array_elements_text(r.barriers) as b(barrier)` })}
    group by 1, 2
    order by 3 desc, 2`,
  );
}

export interface ReminderRow {
  activity_id: string;
  reminders_sent: number;
}

export function reminderRows(db: Database, scope: SQL): Promise<ReminderRow[]> {
  return queryRows<ReminderRow>(
    db,
    sql`select e.activity_id, count(*)::int as reminders_sent
    ${rowsInScope('email_outbox', 'o', scope, { and: sql`o.kind = 'follow_up_reminder'` })}
    group by 1`,
  );
}

export interface CreditRow {
  activity_id: string;
  credit_type: string;
  claimants: number;
  total: number;
  max_claimed: number;
  at_maximum: number;
}

/** Claims per credit type, and the certificates of participation of learners who could claim none on their own line. */
export function creditRows(db: Database, scope: SQL): Promise<CreditRow[]> {
  return queryRows<CreditRow>(
    db,
    sql`select e.activity_id, c.credit_type,
      count(*)::int as claimants,
      sum(c.credits)::float8 as total,
      max(c.credits)::float8 as max_claimed,
      count(*) filter (where c.credits >= (
        select (d->>'maxCredits')::numeric from activities a, jsonb_array_elements(a.policy->'credits') d
        where a.id = e.activity_id and d->>'type' = c.credit_type limit 1))::int as at_maximum
    ${rowsInScope('credit_claims', 'c', scope)}
    group by 1, 2
    union all
    select e.activity_id, 'participation', count(distinct c.enrollment_id)::int,
      sum(c.credits)::float8, max(c.credits)::float8, 0
    ${rowsInScope('certificates', 'c', scope, { and: sql`c.credit_type = 'participation' and c.status = 'valid'` })}
    group by 1`,
  );
}

/**
 * Free text for the committee, with no names or ids and sorted alphabetically
 * so that order cannot tie a statement back to an enrollment.
 */
export async function freeText(
  db: Database,
  activityId: string,
  limit = 200,
): Promise<{ commitments: string[]; followUpComments: string[]; biasComments: string[] }> {
  const pick = (column: SQL, table: SQL) =>
    queryRows<{ text: string }>(
      db,
      sql`select ${column} as text from ${table} t join enrollments e on e.id = t.enrollment_id
      where e.activity_id = ${activityId} and coalesce(btrim(${column}), '') <> ''
      order by 1 limit ${limit}`,
    ).then((rows) => rows.map((r) => r.text));
  const [commitments, followUpComments, biasComments] = await Promise.all([
    pick(sql`t.commitment`, sql`evaluations`),
    pick(sql`t.comments`, sql`follow_up_responses`),
    pick(sql`t.bias_comment`, sql`evaluations`),
  ]);
  return { commitments, followUpComments, biasComments };
}
