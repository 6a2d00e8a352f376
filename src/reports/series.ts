// Closing the loop along a series: the activity before this one in its series
// (the one the committee last reviewed, else simply the previous one), the
// actions the reviews of earlier activities required, and each measure before
// and after with n and a 95% confidence interval, so the committee sees
// whether the change helped.
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
import type { ActivityJson, SeriesJson } from './queries/activity-statement.js';
import { inputsFrom } from './queries/inputs.js';
import type { RatingSampleRow } from './queries/samples.js';
import { groupBy } from './queries/sql.js';
import { actionFrom, isoTime } from './queries/workspace-json.js';
import type { SeriesComparison, SeriesMeasure } from './workspace-schemas.js';

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

/**
 * The comparison with the series' earlier activity (read in the report's
 * statement, ./queries/activity-statement.ts); null when there is none.
 */
export function seriesComparison(
  activity: Pick<ActivityJson, 'id' | 'title' | 'startsAt' | 'seriesId'>,
  found: SeriesJson | null,
): SeriesComparison | null {
  const seriesId = activity.seriesId;
  if (!seriesId || !found) return null;
  const funnel = new Map(found.funnel.map((r) => [r.activity_id, r]));
  const competence = new Map(found.competence.map((r) => [r.activity_id, r]));
  const evaluation = new Map(found.evaluation.map((r) => [r.activity_id, r]));
  const followUps = groupBy(found.followUps, (r) => r.activity_id);
  const samples = new Map(found.samples.map((r) => [r.activity_id, r]));
  const inputs = (id: string) =>
    inputsFrom(funnel.get(id), competence.get(id), evaluation.get(id), followUps.get(id));
  const header = (a: { id: string; title: string; startsAt: string }) => ({
    id: a.id,
    title: a.title,
    startsAt: isoTime(a.startsAt),
  });
  const previous = found.before;
  return {
    seriesId,
    basis: found.review ? 'last_review' : 'previous_activity',
    before: header(previous),
    after: header(activity),
    review: found.review,
    actions: found.actions.map(actionFrom),
    measures: compareMeasures(inputs(previous.id), inputs(activity.id), [
      samples.get(previous.id),
      samples.get(activity.id),
    ]),
    method: COMPARISON_METHOD,
  };
}
