// One activity's summary as two JSON values of the report's statement (its
// activity_summaries row, and its report buckets: every bucket row the
// report reads, gathered by the triggers into activity_report_buckets with
// ceo_report_buckets) split here into the rows each section's query gives
// (./sections.ts, ./follow-up-emails.ts, ./commitments.ts). Two reads instead
// of one subquery per section: each subquery cost the statement ~0.06 ms
// however little it read, most of one activity's report; and the buckets
// gathered as they change, not on every report (aggregating them cost ~0.5 ms).
import { sql, type SQL } from 'drizzle-orm';
import type { SUMMARY_BUCKETS } from '../../db/schema/summaries.js';
import type { CompetenceRow, EvaluationRow, FunnelRow, ReminderRow } from './aggregates.js';
import type { CountedCommitmentOutcome } from './commitments.js';
import type { AnswerByEmailRow, EmailSentRow } from './follow-up-emails.js';
import type { ActivitySections } from './one-statement.js';
import { FUNNEL } from './sections.js';
import { creditRowsFrom, type CreditBucket } from './credit-buckets.js';
import { groupBy } from './sql.js';

type Kind = (typeof SUMMARY_BUCKETS)[number];

/** The activity's summary row as PostgreSQL's to_json gives it (null before its first enrollment). */
export type SummaryJson = FunnelRow &
  Omit<CompetenceRow, 'activity_id'> &
  Omit<EvaluationRow, 'activity_id' | 'responses'> &
  ReminderRow & { evaluations: number };

/** A bucket: kind, key, subkey, count. */
type Bucket = [Kind, string, string, number];

type TextKind = 'commitment' | 'follow_up_comment' | 'bias_comment';

/** The activity's summary row. */
export const summaryJson = (activityId: SQL) =>
  sql`(select to_json(s) from activity_summaries s where s.activity_id = ${activityId})`;

/** The buckets as the statement gives them (all null when there are none). */
export type BucketArrays = [Kind[] | null, string[] | null, string[] | null, number[] | null];

export type SummarySections = Omit<ActivitySections, 'items'> & {
  emailsSent: EmailSentRow[];
  answersByEmail: AnswerByEmailRow[];
  commitmentOutcomes: CountedCommitmentOutcome[];
};

const FUNNEL_ROW = ['activity_id', ...FUNNEL] as const;
const COMPETENCE = [
  'activity_id',
  'attempted',
  'attempts',
  'passed_first',
  'passed_eventually',
  'first_scores',
  'first_score_sum',
] as const;
const EVALUATION = ['perceived_bias', 'relevance_sum', 'rating_count', 'rating_sum'] as const;

/** The named columns of a summary row. */
const columns = <K extends keyof SummaryJson>(s: SummaryJson, names: readonly K[]) =>
  Object.fromEntries(names.map((name) => [name, s[name]])) as Pick<SummaryJson, K>;

/** The sections read from summary rows, each only where it counts something (as their queries read them). */
export function summaryRowSections(
  summaries: SummaryJson[],
): Pick<SummarySections, 'funnel' | 'competence' | 'evaluation' | 'reminders'> {
  return {
    funnel: summaries.filter((s) => s.enrolled > 0).map((s) => columns(s, FUNNEL_ROW)),
    competence: summaries.filter((s) => s.attempted > 0).map((s) => columns(s, COMPETENCE)),
    evaluation: summaries
      .filter((s) => s.evaluations > 0)
      .map((s) => ({ activity_id: s.activity_id, responses: s.evaluations, ...columns(s, EVALUATION) })),
    reminders: summaries
      .filter((s) => s.reminders_sent > 0)
      .map((s) => columns(s, ['activity_id', 'reminders_sent'])),
  };
}

/** The sections' rows from the summary row and the buckets, as their own queries give them. */
export function summarySections(
  activity_id: string,
  summary: SummaryJson | null,
  [kind, key, subkey, count]: BucketArrays,
  textLimit: number,
  designations: unknown,
): SummarySections {
  const buckets = (kind ?? []).map((k, i): Bucket => [k, key![i], subkey![i], count![i]]);
  const byKind = groupBy(buckets, (b) => b[0]);
  const of = (kind: Kind) => byKind.get(kind) ?? [];
  const text = (kind: TextKind) => {
    const out: string[] = [];
    for (const [, key, , count] of of(kind))
      for (let i = 0; i < count && out.length < textLimit; i++) out.push(key);
    return out;
  };
  return {
    ...summaryRowSections(summary ? [summary] : []),
    bins: of('score_bin').map(([, key, , count]) => ({ activity_id, bin: Number(key), count })),
    ratings: of('rating').map(([, key, subkey, count]) => ({
      activity_id,
      objective: Number(key),
      rating: Number(subkey),
      count,
    })),
    followUps: of('follow_up').map(([, key, subkey, count]) => ({
      activity_id,
      reminders_before: Number(key),
      implemented: subkey as 'fully' | 'partly' | 'not',
      count,
    })),
    // Most named first, then by name (stable: the buckets come in key order).
    barriers: of('barrier')
      .map(([, barrier, , count]) => ({ activity_id, barrier, count }))
      .sort((a, b) => b.count - a.count),
    text: {
      commitments: text('commitment'),
      followUpComments: text('follow_up_comment'),
      biasComments: text('bias_comment'),
    },
    emailsSent: [
      ...(summary && summary.enrolled > 0 ? [{ activity_id, email: 0, sent: summary.follow_up_sent }] : []),
      ...of('reminder').map(([, key, , count]) => ({ activity_id, email: Number(key), sent: count })),
    ],
    answersByEmail: of('via_email').map(([, key, , count]) => ({
      activity_id,
      via_email: key === '' ? null : Number(key),
      answered: count,
    })),
    credits: creditRowsFrom(
      activity_id,
      buckets.filter((b): b is CreditBucket => b[0] === 'credit' || b[0] === 'participation'),
      designations,
    ),
    commitmentOutcomes: of('commitment_outcome').map(([, commitment, outcome, count]) => ({
      commitment,
      outcome,
      count,
    })),
  };
}
