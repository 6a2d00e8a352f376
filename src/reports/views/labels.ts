// The words committee views use for verdicts, decisions and measures (HTML, CLI,
// digest); numbers are written by src/platform/format.ts.
import type { Verdict } from '../../domain/report-math.js';
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
