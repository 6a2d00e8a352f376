// The aggregate rows of one activity as the counts the measures are computed from.
import { emptyInputs, type MeasureInputs } from '../../domain/report-measures.js';
import type { CompetenceRow, EvaluationRow, FollowUpRow, FunnelRow } from './aggregates.js';

/** Which aggregate column gives each input. */
type Columns<R> = Partial<Record<keyof MeasureInputs, keyof R & string>>;

const FUNNEL: Columns<FunnelRow> = {
  enrolled: 'enrolled',
  paid: 'paid',
  attended: 'attended',
  evaluatedStage: 'evaluated',
  claimed: 'claimed',
  certified: 'certified',
  followUpSent: 'follow_up_sent',
  lapsed: 'lapsed',
  withdrawn: 'withdrawn',
  failedCompetence: 'failed_competence',
};
const COMPETENCE: Columns<CompetenceRow> = {
  attempted: 'attempted',
  attempts: 'attempts',
  passedFirst: 'passed_first',
  passedEventually: 'passed_eventually',
  firstScores: 'first_scores',
  firstScoreSum: 'first_score_sum',
};
const EVALUATION: Columns<EvaluationRow> = {
  evaluations: 'responses',
  perceivedBias: 'perceived_bias',
  relevanceSum: 'relevance_sum',
  ratingCount: 'rating_count',
  ratingSum: 'rating_sum',
};

function fill<R>(into: MeasureInputs, row: R | undefined, columns: Columns<R>): void {
  if (!row) return;
  for (const [input, column] of Object.entries(columns) as [keyof MeasureInputs, keyof R][])
    into[input] = Number(row[column]);
}

export function inputsFrom(
  funnel: FunnelRow | undefined,
  competence: CompetenceRow | undefined,
  evaluation: EvaluationRow | undefined,
  followUps: FollowUpRow[] | undefined,
): MeasureInputs {
  const i = emptyInputs();
  fill(i, funnel, FUNNEL);
  fill(i, competence, COMPETENCE);
  fill(i, evaluation, EVALUATION);
  for (const f of followUps ?? []) i[f.implemented] += f.count;
  return i;
}
