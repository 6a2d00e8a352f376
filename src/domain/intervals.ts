// Confidence intervals for the before/after comparison of a series: a share
// (Wilson score interval), a mean (Student's t), and the difference between
// two activities (Newcombe's hybrid score interval for shares, Welch's for
// means), all at 95%. Pure arithmetic, checked by hand in the unit tests.

export const Z95 = 1.959964;

export interface Interval {
  low: number;
  high: number;
}

/** Two-sided 95% Student t critical values, df 1..30, then 40, 60, 120 and ∞. */
const T95: [number, number][] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [11, 2.201],
  [12, 2.179],
  [13, 2.16],
  [14, 2.145],
  [15, 2.131],
  [16, 2.12],
  [17, 2.11],
  [18, 2.101],
  [19, 2.093],
  [20, 2.086],
  [21, 2.08],
  [22, 2.074],
  [23, 2.069],
  [24, 2.064],
  [25, 2.06],
  [26, 2.056],
  [27, 2.052],
  [28, 2.048],
  [29, 2.045],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
];

/** The 97.5th percentile of t with `df` degrees of freedom (interpolated in 1/df between table rows). */
export function t95(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  for (let i = 0; i < T95.length; i++) {
    const [d, t] = T95[i];
    if (df === d) return t;
    if (df < d) {
      const [d0, t0] = T95[i - 1];
      const f = (1 / d0 - 1 / df) / (1 / d0 - 1 / d);
      return t0 + f * (t - t0);
    }
  }
  const [d0, t0] = T95[T95.length - 1];
  return t0 + ((1 / d0 - 1 / df) / (1 / d0)) * (Z95 - t0);
}

/** Wilson score interval of x successes in n; null for n = 0. */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's interval for p2 − p1 (after minus before), from the two Wilson intervals. */
export function shareDifference(x1: number, n1: number, x2: number, n2: number): Interval | null {
  const a = wilson(x1, n1);
  const b = wilson(x2, n2);
  if (!a || !b) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p2 - p1;
  return {
    low: d - Math.sqrt((p2 - b.low) ** 2 + (a.high - p1) ** 2),
    high: d + Math.sqrt((b.high - p2) ** 2 + (p1 - a.low) ** 2),
  };
}

/** A sample summarised by its count, sum and sum of squares (as SQL returns it). */
export interface Sample {
  n: number;
  sum: number;
  sumSquares: number;
}

/** The sample variance (n − 1); null under two values. */
export function variance(s: Sample): number | null {
  if (s.n < 2) return null;
  return Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1));
}

/** Mean ± t·s/√n; null under two values. */
export function meanInterval(s: Sample): Interval | null {
  const v = variance(s);
  if (v === null) return null;
  const m = s.sum / s.n;
  const half = t95(s.n - 1) * Math.sqrt(v / s.n);
  return { low: m - half, high: m + half };
}

/** Welch's interval for mean2 − mean1; null when either has under two values. */
export function meanDifference(before: Sample, after: Sample): Interval | null {
  const v1 = variance(before);
  const v2 = variance(after);
  if (v1 === null || v2 === null) return null;
  const a = v1 / before.n;
  const b = v2 / after.n;
  const d = after.sum / after.n - before.sum / before.n;
  const se = Math.sqrt(a + b);
  if (se === 0) return { low: d, high: d };
  const df = (a + b) ** 2 / (a ** 2 / (before.n - 1) + b ** 2 / (after.n - 1));
  const half = t95(df) * se;
  return { low: d - half, high: d + half };
}

/**
 * An interval cut to the values the measure can take (a mean of 1–5 ratings
 * lies in 1–5, the difference of two in −4 to +4): with few ratings Student's
 * t reaches past them, which says nothing more and reads as an error.
 */
export function within(i: Interval | null, min: number, max: number): Interval | null {
  if (!i) return null;
  return { low: Math.min(max, Math.max(min, i.low)), high: Math.max(min, Math.min(max, i.high)) };
}

export type Change = 'better' | 'worse' | 'no_clear_change' | 'not_enough_data';

/** Whether the difference's interval lies wholly on one side of zero; `lowerIsBetter` for shares to keep down. */
export function changeOf(diff: Interval | null, lowerIsBetter = false): Change {
  if (!diff) return 'not_enough_data';
  if (diff.low > 0) return lowerIsBetter ? 'worse' : 'better';
  if (diff.high < 0) return lowerIsBetter ? 'better' : 'worse';
  return 'no_clear_change';
}
