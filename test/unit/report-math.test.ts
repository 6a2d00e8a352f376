// The report arithmetic on numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  cumulativeResponseRates,
  histogramOf,
  itemDifficulty,
  itemStatsOf,
  judge,
  mean,
  mostImplemented,
  pointBiserial,
  rate,
  round,
  scoreBin,
} from '../../src/domain/report-math.js';

describe('rates and means', () => {
  it('divide, and say null rather than 0 when there is nothing to divide by', () => {
    expect(rate(5, 7)).toBeCloseTo(0.714285, 5);
    expect(rate(0, 6)).toBe(0);
    expect(rate(0, 0)).toBeNull();
    expect(mean(57, 14)).toBeCloseTo(4.0714, 4);
    expect(mean(0, 0)).toBeNull();
    expect(round(2 / 3, 4)).toBe(0.6667);
    expect(round(null)).toBeNull();
  });
});

describe('score distribution', () => {
  it('puts a float4 0.7 in the 70–79% band and 1.0 in the last band', () => {
    expect(scoreBin(Math.fround(0.7))).toBe(7);
    expect(scoreBin(2 / 3)).toBe(6);
    expect(scoreBin(1)).toBe(9);
    expect(scoreBin(0)).toBe(0);
    const bins = histogramOf([1, 2 / 3, 2 / 3, 1 / 3, 0.05]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 0, 2, 0, 0, 1]);
    expect(bins[0].label).toBe('0–9%');
    expect(bins[9].label).toBe('90–100%');
  });
});

describe('item analysis', () => {
  // Four learners: item right for the two best (totals 1 and 0.75), wrong for the others (0.5, 0.25).
  const pairs = [
    { correct: true, score: 1 },
    { correct: true, score: 0.75 },
    { correct: false, score: 0.5 },
    { correct: false, score: 0.25 },
  ];

  it('difficulty is the share who answered correctly', () => {
    expect(itemDifficulty(itemStatsOf(pairs))).toBe(0.5);
  });

  it('discrimination is the point-biserial correlation: (M1 − M0)/σ · √(pq)', () => {
    // M1 = 0.875, M0 = 0.375, σ = √0.078125 = 0.279508, p = q = 0.5 → 0.5 / 0.279508 × 0.5 = 0.894427
    expect(pointBiserial(itemStatsOf(pairs))).toBeCloseTo(0.894427, 5);
    // Reversed (the strong learners missed it): negative.
    const misleading = pairs.map((p) => ({ ...p, correct: !p.correct }));
    expect(pointBiserial(itemStatsOf(misleading))).toBeCloseTo(-0.894427, 5);
  });

  it('is undefined when everyone or no one got it right, or all scores are equal', () => {
    expect(pointBiserial(itemStatsOf(pairs.map((p) => ({ ...p, correct: true }))))).toBeNull();
    expect(pointBiserial(itemStatsOf(pairs.map((p) => ({ ...p, correct: false }))))).toBeNull();
    expect(pointBiserial(itemStatsOf(pairs.map((p) => ({ ...p, score: 0.5 }))))).toBeNull();
  });
});

describe('verdicts', () => {
  it('judges a measure against its threshold, and refuses to judge on too few responses', () => {
    expect(judge('passRate', 0.7, 10, 0.7, 5).verdict).toBe('acceptable');
    expect(judge('passRate', 0.69, 10, 0.7, 5).verdict).toBe('below_threshold');
    expect(judge('passRate', 0.1, 4, 0.7, 5)).toMatchObject({
      verdict: 'too_few_responses',
      n: 4,
      value: 0.1,
    });
    expect(judge('passRate', null, 0, 0.7, 5).verdict).toBe('too_few_responses');
    // Commercial bias: lower is better.
    expect(judge('bias', 0.1, 10, 0.1, 5, 'max').verdict).toBe('acceptable');
    expect(judge('bias', 1 / 7, 7, 0.1, 5, 'max').verdict).toBe('below_threshold');
  });

  it('"most implemented" is more than half of respondents, undecided below the minimum', () => {
    expect(mostImplemented(4, 5, 5)).toBe(true);
    expect(mostImplemented(3, 6, 5)).toBe(false);
    expect(mostImplemented(2, 2, 5)).toBeNull();
    expect(mostImplemented(0, 0, 1)).toBeNull();
  });
});

describe('response rate after each reminder', () => {
  it('is cumulative over the follow-up emails sent', () => {
    const byReminders = new Map([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
    expect(cumulativeResponseRates(byReminders, 10, 2)).toEqual([
      { afterReminders: 0, answered: 2, rate: 0.2 },
      { afterReminders: 1, answered: 4, rate: 0.4 },
      { afterReminders: 2, answered: 5, rate: 0.5 },
    ]);
    expect(cumulativeResponseRates(new Map(), 0, 1)).toEqual([
      { afterReminders: 0, answered: 0, rate: null },
      { afterReminders: 1, answered: 0, rate: null },
    ]);
  });
});
