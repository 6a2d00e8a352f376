// From aggregate counts to the measures a committee reads. The raw counts
// (MeasureInputs) add up across activities, so program totals and monthly
// trends are sums of counts, never averages of rates.
import { judge, mean, mostImplemented, rate, round, type MeasureVerdict } from './report-math.js';
import type { Thresholds } from './policy.js';
import type { ActivityMeasures } from './report-shapes.js';

export interface MeasureInputs {
  enrolled: number;
  paid: number;
  attended: number;
  evaluatedStage: number;
  claimed: number;
  certified: number;
  followUpSent: number;
  lapsed: number;
  withdrawn: number;
  failedCompetence: number;
  attempted: number;
  attempts: number;
  passedFirst: number;
  passedEventually: number;
  firstScores: number;
  firstScoreSum: number;
  evaluations: number;
  perceivedBias: number;
  relevanceSum: number;
  ratingCount: number;
  ratingSum: number;
  fully: number;
  partly: number;
  not: number;
}

export const emptyInputs = (): MeasureInputs => ({
  enrolled: 0,
  paid: 0,
  attended: 0,
  evaluatedStage: 0,
  claimed: 0,
  certified: 0,
  followUpSent: 0,
  lapsed: 0,
  withdrawn: 0,
  failedCompetence: 0,
  attempted: 0,
  attempts: 0,
  passedFirst: 0,
  passedEventually: 0,
  firstScores: 0,
  firstScoreSum: 0,
  evaluations: 0,
  perceivedBias: 0,
  relevanceSum: 0,
  ratingCount: 0,
  ratingSum: 0,
  fully: 0,
  partly: 0,
  not: 0,
});

export function addInputs(into: MeasureInputs, more: MeasureInputs): MeasureInputs {
  for (const k of Object.keys(into) as (keyof MeasureInputs)[]) into[k] += more[k];
  return into;
}

const r4 = (v: number | null) => round(v, 4);

/** The measures, and their verdicts when thresholds are given (program totals have none). */
export function measuresFrom(i: MeasureInputs, thresholds?: Thresholds): ActivityMeasures {
  const answered = i.fully + i.partly + i.not;
  const implemented = i.fully + i.partly;
  const m: ActivityMeasures = {
    funnel: {
      enrolled: i.enrolled,
      paid: i.paid,
      attended: i.attended,
      competencePassedFirstAttempt: i.passedFirst,
      competencePassedEventually: i.passedEventually,
      evaluated: i.evaluations,
      claimed: i.claimed,
      certified: i.certified,
      followUpSent: i.followUpSent,
      followUpAnswered: answered,
      lapsed: i.lapsed,
      withdrawn: i.withdrawn,
      failedCompetence: i.failedCompetence,
    },
    competence: {
      attempted: i.attempted,
      attempts: i.attempts,
      meanScore: r4(mean(i.firstScoreSum, i.firstScores)),
      passRateFirstAttempt: r4(rate(i.passedFirst, i.attempted)),
      passRateEventually: r4(rate(i.passedEventually, i.attempted)),
    },
    evaluation: {
      responses: i.evaluations,
      objectivesMean: r4(mean(i.ratingSum, i.ratingCount)),
      relevanceMean: r4(mean(i.relevanceSum, i.evaluations)),
      perceivedBias: i.perceivedBias,
      perceivedBiasShare: r4(rate(i.perceivedBias, i.evaluations)),
    },
    performance: {
      sent: i.followUpSent,
      answered,
      responseRate: r4(rate(answered, i.followUpSent)),
      fully: i.fully,
      partly: i.partly,
      not: i.not,
      fullyShare: r4(rate(i.fully, answered)),
      partlyShare: r4(rate(i.partly, answered)),
      notShare: r4(rate(i.not, answered)),
      implementedShare: r4(rate(implemented, answered)),
      mostImplemented: null,
    },
    acceptability: [],
  };
  if (thresholds) {
    m.performance.mostImplemented = mostImplemented(implemented, answered, thresholds.minResponses);
    m.acceptability = verdicts(i, thresholds);
  }
  return m;
}

/** Each measure against the activity's thresholds, with the numbers behind it (judged unrounded). */
export function verdicts(i: MeasureInputs, t: Thresholds): MeasureVerdict[] {
  const min = t.minResponses;
  const answered = i.fully + i.partly + i.not;
  const shown = (v: MeasureVerdict) => ({ ...v, value: r4(v.value) });
  return [
    judge(
      'competencePassRate',
      rate(i.passedEventually, i.attempted),
      i.attempted,
      t.competencePassRate,
      min,
    ),
    judge('objectivesMean', mean(i.ratingSum, i.ratingCount), i.evaluations, t.evaluationMeanRating, min),
    judge('relevanceMean', mean(i.relevanceSum, i.evaluations), i.evaluations, t.evaluationMeanRating, min),
    judge(
      'commercialBiasShare',
      rate(i.perceivedBias, i.evaluations),
      i.evaluations,
      t.commercialBiasShare,
      min,
      'max',
    ),
    judge(
      'followUpResponseRate',
      rate(answered, i.followUpSent),
      i.followUpSent,
      t.followUpResponseRate,
      min,
    ),
    judge('implementedShare', rate(i.fully + i.partly, answered), answered, t.implementedShare, min),
  ].map(shown);
}
