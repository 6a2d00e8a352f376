// The words committee views use for verdicts, decisions and measures (HTML, CLI,
// digest); numbers are written by src/platform/format.ts.
import type { Verdict } from '../../domain/report-math.js';
import type { Funnel } from '../../domain/report-shapes.js';
import { num, pct } from '../../platform/format.js';

export const VERDICT_LABELS: Record<Verdict, string> = {
  acceptable: 'Acceptable',
  below_threshold: 'Below threshold',
  too_few_responses: 'Too few responses to judge',
};

export const DECISION_LABELS: Record<string, string> = {
  acceptable: 'Acceptable',
  changes_required: 'Changes required',
  not_acceptable: 'Not acceptable',
};

/** Rates are shown as percentages, ratings as numbers. */
export function formatMeasure(measure: string, v: number | null): string {
  return measure.endsWith('Mean') ? num(v, 2) : pct(v);
}

/** Human labels of the measures, shared by HTML, CSV and the CLI. */
export const MEASURE_LABELS: Record<string, string> = {
  competencePassRate: 'Competence pass rate (eventually)',
  objectivesMean: 'Objectives met, mean rating (1–5)',
  relevanceMean: 'Relevance to practice, mean rating (1–5)',
  commercialBiasShare: 'Share perceiving commercial bias (at most)',
  followUpResponseRate: 'Follow-up response rate',
  implementedShare: 'Respondents who implemented fully or partly',
};

/** The funnel from enrolment to the answered follow-up, step by step (charts and tables). */
export function funnelSteps(f: Funnel): { label: string; value: number }[] {
  return [
    { label: 'Enrolled', value: f.enrolled },
    { label: 'Paid (or fee waived)', value: f.paid },
    { label: 'Attended', value: f.attended },
    { label: 'Passed competence, 1st attempt', value: f.competencePassedFirstAttempt },
    { label: 'Passed competence, eventually', value: f.competencePassedEventually },
    { label: 'Evaluated', value: f.evaluated },
    { label: 'Certified', value: f.certified },
    { label: 'Follow-up sent', value: f.followUpSent },
    { label: 'Follow-up answered', value: f.followUpAnswered },
  ];
}
