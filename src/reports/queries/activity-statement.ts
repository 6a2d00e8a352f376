// One activity's whole report as one SQL statement: the activity row, every
// section, the reviews and the CE office's workspace (disclosures, actions,
// follow-up emails, commitments, the series comparison), each column one JSON
// value. One statement sees one snapshot by itself, so the parts agree
// without a repeatable-read transaction, and it is one round trip, planned
// once per connection (./sql.ts prepares it). No row: no such activity.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { holdReason } from '../../disclosures/status.js';
import type { Action } from '../actions.js';
import type { Review } from '../schemas.js';
import { type CompetenceRow, type EvaluationRow, type FollowUpRow, type FunnelRow } from './aggregates.js';
import {
  summaryJson,
  summaryRowSections,
  summarySections,
  type BucketArrays,
  type SummaryJson,
  type SummarySections,
} from './activity-summary-json.js';
import { jsonRows, sectionColumns, type SectionRows } from './one-statement.js';
import type { RatingSampleRow } from './samples.js';
import { followUpSql } from './sections.js';
import { literal, oneParameterStatement } from './sql.js';
import { actionsJson, peopleJson, reviewsJson, type PersonJson } from './workspace-json.js';

/** The activity's columns the report reads; timestamps as PostgreSQL's JSON text. */
export interface ActivityJson {
  id: string;
  programId: string;
  seriesId: string | null;
  title: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  learningObjectives: string[];
  /** The stored policy as JSON text, parsed once per distinct text (../stored-policy.ts). */
  policy: string;
}

/** The series' earlier activity to compare with, and both activities' counts (as ../series.ts reads them). */
export interface SeriesJson {
  before: { id: string; title: string; startsAt: string };
  /** The review that picked `before`; null when it is simply the previous activity. */
  review: { id: string; reviewedOn: string; decision: Review['decision']; changes: string } | null;
  funnel: FunnelRow[];
  competence: CompetenceRow[];
  evaluation: EvaluationRow[];
  followUps: FollowUpRow[];
  samples: RatingSampleRow[];
  /** The actions the reviews of the series' earlier activities required. */
  actions: Action[];
}

/** The statement's row: the summary's sections as two values (./activity-summary-json.ts). */
interface StatementRow extends Pick<SectionRows, 'items'> {
  activity: ActivityJson;
  /** The stored policy's credit designations, raw (./credit-buckets.ts). */
  designations: unknown;
  summary: SummaryJson | null;
  /** The activity's report buckets (null before its first enrollment). */
  buckets: BucketArrays | null;
  samples: RatingSampleRow | null;
  reviews: Review[];
  programName: string | null;
  people: PersonJson[];
  heldEmails: number;
  actions: Action[];
  /** The earlier activity's part: its summary row, follow-up buckets and samples. */
  series:
    | (Omit<SeriesJson, 'funnel' | 'competence' | 'evaluation' | 'samples'> & {
        summary: SummaryJson | null;
        samples: RatingSampleRow | null;
      })
    | null;
}

export type ActivityStatement = Omit<
  StatementRow,
  'summary' | 'buckets' | 'samples' | 'designations' | 'series'
> &
  SummarySections & { series: SeriesJson | null };

/** Wordings of each kind of free text the report lists: as ceo_report_buckets_refresh gathers them. */
export const TEXT_LIMIT = 200;

/**
 * The series' earlier activities, the latest review among them, and the one
 * to compare with: the one last reviewed, else simply the previous one.
 */
const seriesCtes = (activityId: SQL) => sql`me as (select * from activities where id = ${activityId}),
  earlier as (select a.id, a.starts_at from activities a
    join me on a.series_id = me.series_id and a.starts_at < me.starts_at),
  last_review as (select r.id, r.reviewed_on, r.decision, r.changes, r.activity_id
    from committee_reviews r join earlier e on e.id = r.activity_id
    order by r.reviewed_on desc, r.created_at desc limit 1),
  previous as (select a.id, a.title, a.starts_at from activities a where a.id = coalesce(
    (select activity_id from last_review), (select id from earlier order by starts_at desc limit 1)))`;

/**
 * The earlier activity's own figures only: this activity's summary row,
 * follow-up buckets and samples are in the statement already (joined in JS,
 * seriesFrom). Each read is by the earlier activity's id alone (a subquery
 * over the CTEs made the generic plan hash-join whole tables).
 */
function seriesJson(): SQL {
  const before = sql`select p.id`;
  return sql`(select json_build_object(
      'before', json_build_object('id', p.id, 'title', p.title, 'startsAt', p.starts_at),
      'review', (select json_build_object('id', id, 'reviewedOn', reviewed_on, 'decision', decision,
        'changes', changes) from last_review),
      'summary', ${summaryJson(sql`p.id`)},
      'followUps', ${jsonRows(followUpSql(before))},
      'samples', (select d.samples from activity_report_buckets d where d.activity_id = p.id),
      'actions', ${actionsJson(sql`ra.series_id = me.series_id and ra.activity_id in (select id from earlier)`)})
    from previous p)`;
}

/**
 * The id is a parameter once, in \`me\`: every part reads it from there, so a
 * plan made for one activity is as good for any other and PostgreSQL settles
 * on one generic plan for the prepared statement instead of planning this
 * large statement on every call (planning would cost more than running it).
 */
export function activityStatementSql(activityId: SQL): SQL {
  const id = sql`me.id`;
  const scope = sql`values (me.id)`;
  return sql`with ${seriesCtes(activityId)}
    select json_build_object('id', me.id, 'programId', me.program_id, 'seriesId', me.series_id,
        'title', me.title, 'format', me.format, 'startsAt', me.starts_at, 'endsAt', me.ends_at,
        'learningObjectives', me.learning_objectives, 'policy', me.policy::text) as activity,
      me.policy -> 'credits' as designations,
      ${summaryJson(id)} as summary,
      d.buckets, d.samples,
      ${sql.join(sectionColumns(['items'], scope), sql`, `)},
      ${reviewsJson(id)} as reviews,
      (select p.name from programs p where p.id = me.program_id) as "programName",
      ${peopleJson(id)} as people,
      (select count(*)::int from email_outbox
        where status = 'held' and held_reason = ${literal(holdReason(''))} || me.id) as "heldEmails",
      ${actionsJson(sql`ra.activity_id = me.id`)} as actions,
      ${seriesJson()} as series
    from me left join activity_report_buckets d on d.activity_id = me.id`;
}

const activityStatement = oneParameterStatement<StatementRow>((id) => activityStatementSql(id));

/** The series' part with both activities' sections: the earlier one's from its part, this one's from the statement's. */
function seriesFrom(
  { summary: earlier, followUps, samples: earlierSamples, ...series }: NonNullable<StatementRow['series']>,
  own: Pick<StatementRow, 'summary' | 'samples'> & Pick<SummarySections, 'followUps'>,
): SeriesJson {
  const summaries = [earlier, own.summary].filter((s): s is SummaryJson => s !== null);
  const { funnel, competence, evaluation } = summaryRowSections(summaries);
  return {
    ...series,
    funnel,
    competence,
    evaluation,
    followUps: [...followUps, ...own.followUps],
    samples: [earlierSamples, own.samples].filter((s): s is RatingSampleRow => s !== null),
  };
}

/** Everything one activity's report needs, in one round trip; undefined when there is no such activity. */
export async function readActivityStatement(
  db: Database,
  activityId: string,
): Promise<ActivityStatement | undefined> {
  const [row] = await activityStatement(db, activityId);
  if (!row) return undefined;
  const { summary, buckets, samples, designations, series, ...rest } = row;
  const sections = summarySections(
    row.activity.id,
    summary,
    buckets ?? [null, null, null, null],
    TEXT_LIMIT,
    designations,
  );
  return {
    ...rest,
    ...sections,
    series: series && seriesFrom(series, { summary, samples, followUps: sections.followUps }),
  };
}
