// Closing the loop along a series: the activity before this one in its series
// (the one the committee last reviewed, else simply the previous one), the
// actions the reviews of earlier activities required, and each measure before
// and after with n and a 95% confidence interval, so the committee sees
// whether the change helped.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, committeeReviews } from '../db/schema/index.js';
import {
  changeOf,
  meanDifference,
  meanInterval,
  shareDifference,
  wilson,
  type Interval,
  type Sample,
  within,
} from '../domain/intervals.js';
import { RATING_MAX, RATING_MIN } from '../domain/ratings.js';
import { round } from '../domain/report-math.js';
import type { MeasureInputs } from '../domain/report-measures.js';
import { listActions } from './actions.js';
import { competenceRows, evaluationRows, followUpRows, funnelRows } from './queries/aggregates.js';
import { inputsFrom } from './queries/inputs.js';
import { ratingSampleRows, type RatingSampleRow } from './queries/samples.js';
import { groupBy, idList } from './queries/sql.js';
import type { SeriesComparison, SeriesMeasure } from './workspace-schemas.js';

type ActivityRow = typeof activities.$inferSelect;

export const COMPARISON_METHOD =
  'Shares with 95% Wilson score intervals and the difference with Newcombe’s hybrid score interval; means of each learner’s rating with Student t intervals and the difference with Welch’s interval. A change is shown as better or worse only when the interval of the difference excludes zero.';

const r4 = (v: number | null) => round(v, 4);
const shown = (i: Interval | null) => (i ? { low: r4(i.low)!, high: r4(i.high)! } : null);

function share(
  measure: string,
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  lowerIsBetter = false,
): SeriesMeasure {
  const side = (x: number, n: number) => ({
    value: n > 0 ? r4(x / n) : null,
    n,
    interval: shown(wilson(x, n)),
  });
  const diff = shareDifference(x1, n1, x2, n2);
  return {
    measure,
    kind: 'share',
    before: side(x1, n1),
    after: side(x2, n2),
    difference: n1 > 0 && n2 > 0 ? r4(x2 / n2 - x1 / n1) : null,
    differenceInterval: shown(diff),
    change: changeOf(diff, lowerIsBetter),
  };
}

function mean(measure: string, a: Sample, b: Sample): SeriesMeasure {
  const side = (s: Sample) => ({
    value: s.n > 0 ? r4(s.sum / s.n) : null,
    n: s.n,
    interval: shown(within(meanInterval(s), RATING_MIN, RATING_MAX)),
  });
  const span = RATING_MAX - RATING_MIN;
  const diff = within(meanDifference(a, b), -span, span);
  return {
    measure,
    kind: 'mean',
    before: side(a),
    after: side(b),
    difference: a.n > 0 && b.n > 0 ? r4(b.sum / b.n - a.sum / a.n) : null,
    differenceInterval: shown(diff),
    change: changeOf(diff),
  };
}

const sample = (r: RatingSampleRow | undefined, which: 'objectives' | 'relevance'): Sample => ({
  n: r?.n ?? 0,
  sum: r?.[`${which}_sum`] ?? 0,
  sumSquares: r?.[`${which}_squares`] ?? 0,
});

/** The measures of two activities side by side. */
export function compareMeasures(
  before: MeasureInputs,
  after: MeasureInputs,
  samples: [RatingSampleRow | undefined, RatingSampleRow | undefined],
): SeriesMeasure[] {
  const answered = (i: MeasureInputs) => i.fully + i.partly + i.not;
  return [
    share(
      'competencePassRate',
      before.passedEventually,
      before.attempted,
      after.passedEventually,
      after.attempted,
    ),
    mean('objectivesMean', sample(samples[0], 'objectives'), sample(samples[1], 'objectives')),
    mean('relevanceMean', sample(samples[0], 'relevance'), sample(samples[1], 'relevance')),
    share(
      'commercialBiasShare',
      before.perceivedBias,
      before.evaluations,
      after.perceivedBias,
      after.evaluations,
      true,
    ),
    share('followUpResponseRate', answered(before), before.followUpSent, answered(after), after.followUpSent),
    share(
      'implementedShare',
      before.fully + before.partly,
      answered(before),
      after.fully + after.partly,
      answered(after),
    ),
  ];
}

/** The comparison with the series' earlier activity; null when there is none. */
export async function seriesComparison(
  db: Database,
  activity: ActivityRow,
): Promise<SeriesComparison | null> {
  const seriesId = activity.seriesId;
  if (!seriesId) return null;
  const earlier = and(eq(activities.seriesId, seriesId), lt(activities.startsAt, activity.startsAt));
  const [lastReview] = await db
    .select({ review: committeeReviews, activity: activities })
    .from(committeeReviews)
    .innerJoin(activities, eq(activities.id, committeeReviews.activityId))
    .where(earlier)
    .orderBy(desc(committeeReviews.reviewedOn), desc(committeeReviews.createdAt))
    .limit(1);
  const [previous] = lastReview
    ? [lastReview.activity]
    : await db.select().from(activities).where(earlier).orderBy(desc(activities.startsAt)).limit(1);
  if (!previous) return null;

  const scope = idList([previous.id, activity.id]);
  const funnel = new Map((await funnelRows(db, scope)).map((r) => [r.activity_id, r]));
  const competence = new Map((await competenceRows(db, scope)).map((r) => [r.activity_id, r]));
  const evaluation = new Map((await evaluationRows(db, scope)).map((r) => [r.activity_id, r]));
  const followUps = groupBy(await followUpRows(db, scope), (r) => r.activity_id);
  const samples = new Map((await ratingSampleRows(db, scope)).map((r) => [r.activity_id, r]));
  const inputs = (id: string) =>
    inputsFrom(funnel.get(id), competence.get(id), evaluation.get(id), followUps.get(id));
  const earlierIds = (await db.select({ id: activities.id }).from(activities).where(earlier)).map(
    (r) => r.id,
  );

  const header = (a: ActivityRow) => ({ id: a.id, title: a.title, startsAt: a.startsAt.toISOString() });
  return {
    seriesId,
    basis: lastReview ? 'last_review' : 'previous_activity',
    before: header(previous),
    after: header(activity),
    review: lastReview
      ? {
          id: lastReview.review.id,
          reviewedOn: lastReview.review.reviewedOn,
          decision: lastReview.review.decision,
          changes: lastReview.review.changes,
        }
      : null,
    actions: await listActions(db, { seriesId, activityIds: earlierIds }),
    measures: compareMeasures(inputs(previous.id), inputs(activity.id), [
      samples.get(previous.id),
      samples.get(activity.id),
    ]),
    method: COMPARISON_METHOD,
  };
}
