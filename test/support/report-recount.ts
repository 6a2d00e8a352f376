// The report figures counted straight from the fact rows, as every report
// counted them before the summaries (the row-by-row SQL the report queries
// ran over each enrollment), beside what the reports now read from the
// activity summaries. Tests compare the two on the same data: each section's
// rows, sorted, must be equal.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/reports/queries/sql.js';
import * as sections from '../../src/reports/queries/sections.js';
import { answersByEmailSql, followUpEmailsSentSql } from '../../src/reports/queries/follow-up-emails.js';
import { commitmentOutcomeRows, commitmentOutcomesFrom } from '../../src/reports/queries/commitments.js';
import { readActivityStatement } from '../../src/reports/queries/activity-statement.js';

const raw = (s: string) => sql.raw(s);

/** Every enrollment of the scope (as e) and its rows of a child table. */
function rows(scope: SQL, table: string, alias: string, more: { lateral?: SQL; and?: SQL } = {}): SQL {
  const lateral = more.lateral ? sql` cross join lateral ${more.lateral}` : sql``;
  const and = more.and ? sql` and ${more.and}` : sql``;
  return sql`from enrollments e join ${raw(`${table} ${alias}`)} on ${raw(alias)}.enrollment_id = e.id${lateral}
    where e.activity_id in (${scope})${and}`;
}

const recount = {
  funnel: (scope: SQL) => sql`select e.activity_id, count(*)::int as enrolled,
      count(*) filter (where e.paid_at is not null or e.fee_waiver is not null)::int as paid,
      count(e.attendance_completed_at)::int as attended, count(e.evaluated_at)::int as evaluated,
      count(e.claimed_at)::int as claimed, count(e.certified_at)::int as certified,
      count(e.follow_up_sent_at)::int as follow_up_sent, count(e.follow_up_answered_at)::int as follow_up_answered,
      count(*) filter (where e.outcome = 'lapsed')::int as lapsed,
      count(*) filter (where e.outcome = 'withdrawn')::int as withdrawn,
      count(*) filter (where e.outcome = 'failed_competence')::int as failed_competence
    from enrollments e where e.activity_id in (${scope}) group by 1`,
  competence: (
    scope: SQL,
  ) => sql`select activity_id, count(*)::int as attempted, sum(attempts)::int as attempts,
      count(*) filter (where passed_first)::int as passed_first,
      count(*) filter (where passed_any)::int as passed_eventually,
      count(first_score)::int as first_scores, coalesce(sum(first_score), 0)::float8 as first_score_sum
    from (
      select e.activity_id, ca.enrollment_id, count(*) as attempts, bool_or(ca.passed) as passed_any,
        bool_or(ca.passed and ca.attempt_no = 1) as passed_first,
        max(ca.score::float8) filter (where ca.attempt_no = 1) as first_score
      ${rows(scope, 'competence_attempts', 'ca')} group by 1, 2
    ) per_learner group by 1`,
  bins: (scope: SQL) => sql`select e.activity_id,
      least(9, greatest(0, floor(ca.score::float8 * 10 + 0.0001)))::int as bin, count(*)::int as count
    ${rows(scope, 'competence_attempts', 'ca', { and: sql`ca.attempt_no = 1` })} group by 1, 2`,
  items: (scope: SQL) => sql`select e.activity_id, item.key as item_id, count(*)::int as n,
      count(*) filter (where item.value = 'true')::int as correct,
      coalesce(sum(ca.score::float8) filter (where item.value = 'true'), 0)::float8 as sum_score_correct,
      sum(ca.score::float8)::float8 as sum_score, sum(ca.score::float8 * ca.score::float8)::float8 as sum_score_squared
    ${rows(scope, 'competence_attempts', 'ca', { lateral: sql`jsonb_each_text(ca.item_results) as item`, and: sql`ca.attempt_no = 1` })}
    group by 1, 2`,
  evaluation: (scope: SQL) => sql`select e.activity_id, count(*)::int as responses,
      count(*) filter (where not ev.free_of_commercial_bias)::int as perceived_bias,
      sum(ev.relevance)::int as relevance_sum, sum(jsonb_array_length(ev.objective_ratings))::int as rating_count,
      sum((select coalesce(sum(r::int), 0) from jsonb_array_elements_text(ev.objective_ratings) as r))::int as rating_sum
    ${rows(scope, 'evaluations', 'ev')} group by 1`,
  ratings: (
    scope: SQL,
  ) => sql`select e.activity_id, o.idx::int as objective, o.rating::int as rating, count(*)::int as count
      ${rows(scope, 'evaluations', 'ev', { lateral: sql`jsonb_array_elements_text(ev.objective_ratings) with ordinality as o(rating, idx)` })}
      group by 1, 2, 3
    union all
    select e.activity_id, 0, ev.relevance, count(*)::int ${rows(scope, 'evaluations', 'ev')} group by 1, 2, 3`,
  followUps: (
    scope: SQL,
  ) => sql`select e.activity_id, r.reminders_before::int as reminders_before, r.implemented,
      count(*)::int as count ${rows(scope, 'follow_up_responses', 'r')} group by 1, 2, 3`,
  barriers: (scope: SQL) => sql`select e.activity_id, b.barrier, count(*)::int as count
    ${rows(scope, 'follow_up_responses', 'r', { lateral: sql`jsonb_array_elements_text(r.barriers) as b(barrier)` })}
    group by 1, 2`,
  reminders: (scope: SQL) => sql`select e.activity_id, count(*)::int as reminders_sent
    ${rows(scope, 'email_outbox', 'o', { and: sql`o.kind = 'follow_up_reminder'` })} group by 1`,
  credits: (
    scope: SQL,
  ) => sql`select activity_id, credit_type, count(*)::int as claimants, sum(credits)::float8 as total,
      max(credits)::float8 as max_claimed,
      count(*) filter (where credits >= (
        select (d->>'maxCredits')::numeric from activities a, jsonb_array_elements(a.policy->'credits') d
        where a.id = claimed.activity_id and d->>'type' = claimed.credit_type limit 1))::int as at_maximum
    from (select e.activity_id, c.credit_type, c.credits ${rows(scope, 'credit_claims', 'c')}) claimed
    group by 1, 2
    union all
    select e.activity_id, 'participation', count(distinct c.enrollment_id)::int,
      sum(c.credits)::float8, max(c.credits)::float8, 0
    ${rows(scope, 'certificates', 'c', { and: sql`c.credit_type = 'participation' and c.status = 'valid'` })}
    group by 1`,
  emailsSent: (scope: SQL) => sql`select e.activity_id, 0 as email, count(e.follow_up_sent_at)::int as sent
    from enrollments e where e.activity_id in (${scope}) group by 1
    union all
    select e.activity_id, substring(o.dedupe_key from '(\\d+)$')::int as email, count(*)::int as sent
    ${rows(scope, 'email_outbox', 'o', { and: sql`o.kind = 'follow_up_reminder' and o.dedupe_key ~ '\\d+$'` })}
    group by 1, 2`,
  answersByEmail: (scope: SQL) => sql`select e.activity_id, r.via_email, count(*)::int as answered
    ${rows(scope, 'follow_up_responses', 'r')} group by 1, 2`,
  // Each learner's mean objective rating, computed once per evaluation.
  samples: (scope: SQL) => sql`select e.activity_id, count(*)::int as n,
      coalesce(sum(l.objectives), 0)::float8 as objectives_sum,
      coalesce(sum(l.objectives * l.objectives), 0)::float8 as objectives_squares,
      coalesce(sum(ev.relevance), 0)::float8 as relevance_sum,
      coalesce(sum(ev.relevance * ev.relevance), 0)::float8 as relevance_squares
    ${rows(scope, 'evaluations', 'ev', { lateral: sql`(select avg(r::float8) as objectives from jsonb_array_elements_text(ev.objective_ratings) as r) l` })}
    group by 1`,
} satisfies Record<string, (scope: SQL) => SQL>;

type Part = keyof typeof recount;

/** A learner's mean objective rating as avg() over the ratings gives it (null with none), and relevance. */
const learnerRatings = (scope: SQL) =>
  sql`select activity_id, count,
      split_part(nullif(key, ''), '/', 1)::float8 / split_part(nullif(key, ''), '/', 2)::float8 as objectives,
      nullif(subkey, '')::float8 as relevance
    from activity_summary_buckets where activity_id in (${scope}) and kind = 'rating_sample' and count > 0`;

/** The samples per activity summed in SQL, as ceo_report_rating_samples sums one activity's into its report buckets. */
export const ratingSampleSql = (scope: SQL): SQL =>
  sql`select activity_id, sum(count)::int as n,
      coalesce(sum(count * objectives), 0)::float8 as objectives_sum,
      coalesce(sum(count * objectives * objectives), 0)::float8 as objectives_squares,
      coalesce(sum(count * relevance), 0)::float8 as relevance_sum,
      coalesce(sum(count * relevance * relevance), 0)::float8 as relevance_squares
    from (${learnerRatings(scope)}) l
    group by 1`;

const fromSummaries: Record<Part, (scope: SQL) => SQL> = {
  funnel: sections.funnelSql,
  competence: sections.competenceSql,
  bins: sections.scoreBinSql,
  items: sections.itemSql,
  evaluation: sections.evaluationSql,
  ratings: sections.ratingSql,
  followUps: sections.followUpSql,
  barriers: sections.barrierSql,
  reminders: sections.reminderSql,
  credits: sections.creditSql,
  emailsSent: followUpEmailsSentSql,
  answersByEmail: answersByEmailSql,
  samples: ratingSampleSql,
};

const FREE_TEXT = {
  commitment: { table: 'evaluations', column: 'commitment', report: 'commitments' },
  follow_up_comment: { table: 'follow_up_responses', column: 'comments', report: 'followUpComments' },
  bias_comment: { table: 'evaluations', column: 'bias_comment', report: 'biasComments' },
} as const;

/** The sections one activity's report reads from its report buckets (activity_report_buckets). */
const FROM_REPORT_BUCKETS = [
  'bins',
  'ratings',
  'followUps',
  'barriers',
  'credits',
  'emailsSent',
  'answersByEmail',
] as const;

function freeTextRecount(activityId: string, kind: keyof typeof FREE_TEXT): SQL {
  const { table, column } = FREE_TEXT[kind];
  return sql`select t.${raw(column)} as text from ${raw(table)} t join enrollments e on e.id = t.enrollment_id
    where e.activity_id = ${activityId} and coalesce(btrim(t.${raw(column)}), '') <> '' order by 1`;
}

const commitmentRecount = (activityId: string) =>
  sql`select ev.commitment, e.follow_up_sent_at is not null as follow_up_sent, r.implemented, r.barriers
    from evaluations ev join enrollments e on e.id = ev.enrollment_id
    left join follow_up_responses r on r.enrollment_id = ev.enrollment_id
    where e.activity_id = ${activityId} and coalesce(btrim(ev.commitment), '') <> ''`;

/**
 * A number as compared: sums of the same fractions in another order (or a
 * count times a value instead of the value added count times) differ in the
 * last bits, so to 12 significant digits.
 */
const comparable = (v: unknown) => {
  const n = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && !Number.isInteger(n) ? Number(n.toPrecision(12)) : n;
};

/** Rows in one order whatever order a query returned them in (numbers as numbers). */
const sorted = (rows: unknown[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r as Record<string, unknown>)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, comparable(v)]),
        ),
      ),
    )
    .sort();

export interface BothWays {
  summaries: Record<string, string[]>;
  recount: Record<string, string[]>;
}

/** Every section of the scope's reports (and the free text and commitments of each activity named), both ways. */
export async function countedBothWays(
  db: Database,
  scope: SQL,
  activityIds: string[] = [],
): Promise<BothWays> {
  const out: BothWays = { summaries: {}, recount: {} };
  for (const part of Object.keys(recount) as Part[]) {
    out.summaries[part] = sorted(await queryRows(db, fromSummaries[part](scope)));
    out.recount[part] = sorted(await queryRows(db, recount[part](scope)));
  }
  for (const id of activityIds) {
    // What the activity's report reads, gathered by the triggers: its sections as its statement splits them.
    const report = await readActivityStatement(db, id);
    if (!report) throw new Error(`no activity ${id}`);
    const one = sql`values (${id})`;
    for (const part of FROM_REPORT_BUCKETS) {
      out.summaries[`${id}:report:${part}`] = sorted(report[part]);
      out.recount[`${id}:report:${part}`] = sorted(await queryRows(db, recount[part](one)));
    }
    out.summaries[`${id}:report:samples`] = sorted(
      await queryRows(
        db,
        sql`select (samples->>'n')::int as n, samples->>'objectives_sum' as objectives_sum,
        samples->>'objectives_squares' as objectives_squares, samples->>'relevance_sum' as relevance_sum,
        samples->>'relevance_squares' as relevance_squares, samples->>'activity_id' as activity_id
        from activity_report_buckets where activity_id = ${id} and samples is not null`,
      ),
    );
    out.recount[`${id}:report:samples`] = sorted(await queryRows(db, recount.samples(one)));
    for (const kind of Object.keys(FREE_TEXT) as (keyof typeof FREE_TEXT)[]) {
      out.summaries[`${id}:${kind}`] = sorted(await queryRows(db, sections.freeTextSql(id, kind, 10_000)));
      out.recount[`${id}:${kind}`] = sorted(await queryRows(db, freeTextRecount(id, kind)));
      out.summaries[`${id}:report:${kind}`] = sorted(
        report.text[FREE_TEXT[kind].report].map((text) => ({ text })),
      );
      out.recount[`${id}:report:${kind}`] = out.recount[`${id}:${kind}`];
    }
    out.summaries[`${id}:commitments`] = sorted(await commitmentOutcomeRows(db, id));
    out.recount[`${id}:commitments`] = sorted(await queryRows(db, commitmentRecount(id)));
    out.summaries[`${id}:report:commitments`] = sorted(commitmentOutcomesFrom(report.commitmentOutcomes));
    out.recount[`${id}:report:commitments`] = out.recount[`${id}:commitments`];
  }
  return out;
}
