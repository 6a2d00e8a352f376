// How figures are written for people (HTML, CLI, digest). CSV and JSON carry
// the same values unformatted: 0.875 there is 87.5% here.
import type { Verdict } from '../../domain/report-math.js';

export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return '—';
  return `${(v * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

export function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined) return '—';
  return String(Math.round(v * 10 ** digits) / 10 ** digits);
}

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
