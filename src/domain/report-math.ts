// The arithmetic of outcome reports, kept pure so every figure a committee
// reads can be checked by hand. SQL does the counting (sums, counts, group by);
// these functions turn those aggregates into rates, statistics and verdicts.

/** numerator / denominator, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Mean from a sum and a count; null for no values. */
export function mean(sum: number, n: number): number | null {
  return n > 0 ? sum / n : null;
}

/** Mean of a list of values; null for an empty list. */
export function meanOf(values: number[]): number | null {
  return mean(
    values.reduce((a, b) => a + b, 0),
    values.length,
  );
}

/** Rounds for display and for CSV/JSON, so every output form shows the same digits. */
export function round(value: number | null, digits = 3): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- Score distribution ---------------------------------------------------

/** Scores (0..1) fall in SCORE_BINS bins of equal width; the last bin includes 1.0. */
export const SCORE_BINS = 10;

/**
 * The bin of a score. The tiny epsilon keeps a score stored as float4 0.7
 * (0.69999998…) in the 70–79% bin, as a reader expects; the SQL uses the same rule.
 */
export function scoreBin(score: number): number {
  return Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(score * SCORE_BINS + 1e-4)));
}

export interface HistogramBin {
  /** e.g. "70–79%"; the last is "90–100%". */
  label: string;
  from: number;
  to: number;
  count: number;
}

/** Bins with labels from counts per bin index (as SQL returns them). */
export function scoreHistogram(countsByBin: Map<number, number> | Record<number, number>): HistogramBin[] {
  const get = (i: number) => (countsByBin instanceof Map ? (countsByBin.get(i) ?? 0) : (countsByBin[i] ?? 0));
  return Array.from({ length: SCORE_BINS }, (_, i) => {
    const from = i / SCORE_BINS;
    const to = (i + 1) / SCORE_BINS;
    const lo = Math.round(from * 100);
    const hi = i === SCORE_BINS - 1 ? 100 : Math.round(to * 100) - 1;
    return { label: `${lo}–${hi}%`, from, to, count: get(i) };
  });
}

/** The histogram of raw scores (used by tests and small data; reports bin in SQL). */
export function histogramOf(scores: number[]): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(scoreBin(s), (counts.get(scoreBin(s)) ?? 0) + 1);
  return scoreHistogram(counts);
}

/** Counts of each rating 1..5 from a map rating → count; ratings outside 1..5 are ignored. */
export function ratingDistribution(counts: Map<number, number>): { rating: number; count: number }[] {
  return [1, 2, 3, 4, 5].map((rating) => ({ rating, count: counts.get(rating) ?? 0 }));
}

// ---- Item analysis --------------------------------------------------------

/**
 * Sufficient statistics of one competence item over learners' first attempts:
 * n learners, how many answered it correctly, the sum of total scores of those
 * who got it right and of everyone, and the sum of squared total scores.
 */
export interface ItemStats {
  n: number;
  correct: number;
  sumScoreCorrect: number;
  sumScore: number;
  sumScoreSquared: number;
}

/** Item difficulty: the share who answered correctly (higher = easier). */
export function itemDifficulty(s: Pick<ItemStats, 'n' | 'correct'>): number | null {
  return rate(s.correct, s.n);
}

/**
 * Item discrimination as the point-biserial correlation between answering the
 * item correctly and the total score (uncorrected: the item counts in the
 * total). r = (M1 − M0) / σ · √(p·q), with σ the population SD of total
 * scores. Near 0 or negative: the item does not separate strong from weak
 * learners (a vignette that misled the learners who otherwise did well).
 * Null when everyone (or no one) got it right, or all scores are equal.
 */
export function pointBiserial(s: ItemStats): number | null {
  const { n, correct } = s;
  if (n < 2 || correct === 0 || correct === n) return null;
  const meanAll = s.sumScore / n;
  const variance = s.sumScoreSquared / n - meanAll * meanAll;
  if (variance <= 1e-12) return null;
  const sd = Math.sqrt(variance);
  const m1 = s.sumScoreCorrect / correct;
  const m0 = (s.sumScore - s.sumScoreCorrect) / (n - correct);
  const p = correct / n;
  return ((m1 - m0) / sd) * Math.sqrt(p * (1 - p));
}

/** ItemStats from raw pairs (tests and small data). */
export function itemStatsOf(pairs: { correct: boolean; score: number }[]): ItemStats {
  const s: ItemStats = { n: 0, correct: 0, sumScoreCorrect: 0, sumScore: 0, sumScoreSquared: 0 };
  for (const { correct, score } of pairs) {
    s.n += 1;
    s.sumScore += score;
    s.sumScoreSquared += score * score;
    if (correct) {
      s.correct += 1;
      s.sumScoreCorrect += score;
    }
  }
  return s;
}

// ---- Verdicts -------------------------------------------------------------

export type Verdict = 'acceptable' | 'below_threshold' | 'too_few_responses';

export interface MeasureVerdict {
  /** Which measure, e.g. competencePassRate. */
  measure: string;
  /** The observed value (null when there were no responses at all). */
  value: number | null;
  threshold: number;
  /** 'min': value must reach the threshold; 'max': value must not exceed it (commercial bias). */
  direction: 'min' | 'max';
  /** How many responses the value rests on. */
  n: number;
  minResponses: number;
  verdict: Verdict;
}

/**
 * Judges one measure against its threshold. Fewer than minResponses answers:
 * "too few responses to judge", whatever the value.
 */
export function judge(
  measure: string,
  value: number | null,
  n: number,
  threshold: number,
  minResponses: number,
  direction: 'min' | 'max' = 'min',
): MeasureVerdict {
  let verdict: Verdict;
  if (n < minResponses || value === null) verdict = 'too_few_responses';
  else {
    // Compare in millionths so 0.7 observed meets a 0.7 threshold despite float error.
    const v = Math.round(value * 1e6);
    const t = Math.round(threshold * 1e6);
    verdict = (direction === 'min' ? v >= t : v <= t) ? 'acceptable' : 'below_threshold';
  }
  return { measure, value, threshold, direction, n, minResponses, verdict };
}

/**
 * "Most respondents implemented their change": more than half of the follow-up
 * respondents answered fully or partly. Null when too few answered to judge.
 */
export function mostImplemented(
  implementedFullyOrPartly: number,
  respondents: number,
  minResponses: number,
): boolean | null {
  if (respondents < minResponses || respondents === 0) return null;
  return implementedFullyOrPartly * 2 > respondents;
}

/** Cumulative response rates after each reminder: index k = answered with ≤ k reminders before. */
export function cumulativeResponseRates(
  answeredByRemindersBefore: Map<number, number>,
  sent: number,
  reminders: number,
): { afterReminders: number; answered: number; rate: number | null }[] {
  // Answers after more reminders than the policy lists (a policy edited later) count in the last step.
  const maxKnown = Math.max(reminders, ...answeredByRemindersBefore.keys(), 0);
  const out: { afterReminders: number; answered: number; rate: number | null }[] = [];
  let total = 0;
  for (let k = 0; k <= maxKnown; k++) {
    total += answeredByRemindersBefore.get(k) ?? 0;
    out.push({ afterReminders: k, answered: total, rate: rate(total, sent) });
  }
  return out;
}
