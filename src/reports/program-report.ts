// The program report: every activity starting in a period, side by side, the
// monthly trend, and the ACCME commendation figure (share of activities in
// which most follow-up respondents implemented their change).
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, programs } from '../db/schema/index.js';
import { mean, rate, round } from '../domain/report-math.js';
import { Invalid, NotFound } from '../domain/errors.js';
import { thresholdsOrDefaults } from '../domain/policy-schema.js';
import { headerOf } from './activity-report.js';
import { addInputs, emptyInputs, measuresFrom, type MeasureInputs } from '../domain/report-measures.js';
import { inputsFrom } from './queries/inputs.js';
import { programPeriod } from './queries/aggregates.js';
import { sectionRows } from './queries/one-statement.js';
import { latestActivityReviews, periodReviews } from './reviews.js';
import { listActions } from './actions.js';
import { groupBy, inReportSnapshot } from './queries/sql.js';
import type { ProgramActivityRow, ProgramReport, TrendPoint } from './schemas.js';

/** ACCME: at least 10% of activities show that most learners improved performance. */
export const COMMENDATION_TARGET = 0.1;

export const COMMENDATION_DEFINITION =
  'An activity counts when more than half of its follow-up respondents said they implemented their change fully or partly. Activities with fewer answers than their policy’s minimum cannot show it and count as not meeting it.';

/** Whole days, both inclusive, on the activities' start dates (UTC): YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

/** [start, end) instants of a period of whole days. */
export function periodBounds(p: Period): { start: Date; end: Date } {
  const start = new Date(`${p.from}T00:00:00Z`);
  const end = new Date(new Date(`${p.to}T00:00:00Z`).getTime() + 86_400_000);
  if (Number.isNaN(start.getTime())) throw Invalid.field('query.from', 'expected a date like 2026-01-31');
  if (Number.isNaN(end.getTime())) throw Invalid.field('query.to', 'expected a date like 2026-12-31');
  return { start, end };
}

export function programReport(
  db: Database,
  programId: string,
  period: Period,
  now = new Date(),
): Promise<ProgramReport> {
  return inReportSnapshot(db, (tx) => buildProgramReport(tx, programId, period, now));
}

async function buildProgramReport(
  db: Database,
  programId: string,
  period: Period,
  now: Date,
): Promise<ProgramReport> {
  const { start, end } = periodBounds(period);
  if (period.to < period.from) throw Invalid.field('query.to', 'is before from');
  const scope = programPeriod(programId, start, end);
  // Independent reads, sent together (one round trip on a server: postgres.js pipelines them).
  const [[program], list, sections, latest, reviews, openActions] = await Promise.all([
    db.select().from(programs).where(eq(programs.id, programId)),
    // The headers and the thresholds only: not each whole policy, parsed 200 times.
    db
      .select({
        id: activities.id,
        programId: activities.programId,
        title: activities.title,
        format: activities.format,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        thresholds: sql<unknown>`${activities.policy}->'thresholds'`,
      })
      .from(activities)
      .where(
        and(
          eq(activities.programId, programId),
          gte(activities.startsAt, start),
          lt(activities.startsAt, end),
        ),
      )
      .orderBy(asc(activities.startsAt), asc(activities.id)),
    sectionRows(db, scope, ['funnel', 'competence', 'evaluation', 'followUps']),
    latestActivityReviews(db, programId),
    periodReviews(db, programId, period.from, period.to),
    listActions(db, { programId, status: 'open' }),
  ]);
  if (!program && list.length === 0) {
    // Activities may name a program nobody registered; only a name with nothing at all is unknown.
    const [any] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.programId, programId))
      .limit(1);
    if (!any) throw new NotFound(`programId: no program "${programId}"`);
  }

  const funnel = new Map(sections.funnel.map((r) => [r.activity_id, r]));
  const competence = new Map(sections.competence.map((r) => [r.activity_id, r]));
  const evaluation = new Map(sections.evaluation.map((r) => [r.activity_id, r]));
  const followUps = groupBy(sections.followUps, (r) => r.activity_id);

  const totals = emptyInputs();
  const months = new Map<string, { activities: number; inputs: MeasureInputs }>();
  const rows: ProgramActivityRow[] = list.map((a) => {
    const inputs = inputsFrom(
      funnel.get(a.id),
      competence.get(a.id),
      evaluation.get(a.id),
      followUps.get(a.id),
    );
    addInputs(totals, inputs);
    const month = a.startsAt.toISOString().slice(0, 7);
    const m = months.get(month) ?? { activities: 0, inputs: emptyInputs() };
    m.activities += 1;
    addInputs(m.inputs, inputs);
    months.set(month, m);
    return {
      activity: headerOf(a),
      ...measuresFrom(inputs, thresholdsOrDefaults(a.thresholds)),
      latestReview: latest.get(a.id) ?? null,
    };
  });

  const trend: TrendPoint[] = [...months.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([month, { activities: n, inputs: i }]) => {
      const answered = i.fully + i.partly + i.not;
      return {
        month,
        activities: n,
        enrolled: i.enrolled,
        competencePassRate: round(rate(i.passedEventually, i.attempted), 4),
        objectivesMean: round(mean(i.ratingSum, i.ratingCount), 4),
        responseRate: round(rate(answered, i.followUpSent), 4),
        implementedShare: round(rate(i.fully + i.partly, answered), 4),
      };
    });

  const judged = rows.filter((r) => r.performance.mostImplemented !== null).length;
  const most = rows.filter((r) => r.performance.mostImplemented === true).length;
  const share = rate(most, rows.length);
  return {
    kind: 'program',
    generatedAt: now.toISOString(),
    program: { id: programId, name: program?.name ?? programId },
    period: { from: period.from, to: period.to },
    activities: rows,
    totals: measuresFrom(totals),
    trend,
    commendation: {
      definition: COMMENDATION_DEFINITION,
      activities: rows.length,
      judged,
      tooFewResponses: rows.length - judged,
      mostImplemented: most,
      share: round(share, 4),
      target: COMMENDATION_TARGET,
      meetsTarget: share !== null && share >= COMMENDATION_TARGET,
    },
    reviews,
    openActions,
  };
}
