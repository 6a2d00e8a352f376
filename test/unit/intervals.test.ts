// The confidence intervals of the before/after comparison, checked against
// values worked out by hand (and Newcombe 1998, table II, for the difference).
import { describe, expect, it } from 'vitest';
import {
  changeOf,
  meanDifference,
  meanInterval,
  within,
  shareDifference,
  t95,
  wilson,
} from '../../src/domain/intervals.js';

const r4 = (i: { low: number; high: number } | null) =>
  i && { low: Math.round(i.low * 1e4) / 1e4, high: Math.round(i.high * 1e4) / 1e4 };

describe('Wilson score interval of a share', () => {
  it('4 of 8: centred on one half, 0.2152 to 0.7848', () => {
    // centre (0.5 + 1.96²/16) / (1 + 1.96²/8) = 0.5; half 1.96·√(0.25/8 + 1.96²/256) / 1.4802 = 0.2848
    expect(r4(wilson(4, 8))).toEqual({ low: 0.2152, high: 0.7848 });
  });
  it('9 of 10: 0.5958 to 0.9821; all of 4: up to 1; nothing sent: none', () => {
    expect(r4(wilson(9, 10))).toEqual({ low: 0.5958, high: 0.9821 });
    expect(r4(wilson(4, 4))).toEqual({ low: 0.5101, high: 1 });
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('Newcombe interval of a difference of shares', () => {
  it('matches Newcombe 1998 (56/70 vs 48/80: 0.0524 to 0.3339)', () => {
    // Newcombe's example 1, method 10: difference 0.2, CI 0.0524 to 0.3339.
    expect(r4(shareDifference(48, 80, 56, 70))).toEqual({ low: 0.0524, high: 0.3339 });
  });
  it('50% → 90% on 8 and 10 learners is no clear change: −0.0167 to 0.6964', () => {
    const d = shareDifference(4, 8, 9, 10);
    expect(r4(d)).toEqual({ low: -0.0167, high: 0.6964 });
    expect(changeOf(d)).toBe('no_clear_change');
    expect(changeOf(shareDifference(48, 80, 56, 70))).toBe('better');
    expect(changeOf(shareDifference(48, 80, 56, 70), true)).toBe('worse');
    expect(changeOf(null)).toBe('not_enough_data');
  });
});

describe('means with Student t', () => {
  it('t quantiles: the table, between rows, and toward 1.96', () => {
    expect(t95(8)).toBe(2.306);
    expect(t95(30)).toBe(2.042);
    expect(t95(35)).toBeCloseTo(2.03, 2);
    expect(t95(1e9)).toBeCloseTo(1.96, 3);
    expect(t95(0.5)).toBeNaN();
  });
  it('nine ratings (five 5s, four 4s): 4.5556 ± 2.306·0.1757 = 4.1504 to 4.9607', () => {
    expect(r4(meanInterval({ n: 9, sum: 41, sumSquares: 189 }))).toEqual({ low: 4.1504, high: 4.9607 });
    expect(meanInterval({ n: 1, sum: 4, sumSquares: 16 })).toBeNull();
  });
  it('two ratings (4 and 5): 4.5 ± 12.706·0.5 = -1.853 to 10.853, cut to the 1–5 scale', () => {
    const i = meanInterval({ n: 2, sum: 9, sumSquares: 41 });
    expect(r4(i)).toEqual({ low: -1.853, high: 10.853 });
    expect(within(i, 1, 5)).toEqual({ low: 1, high: 5 });
    expect(within({ low: 4.1, high: 4.9 }, 1, 5)).toEqual({ low: 4.1, high: 4.9 });
    expect(within(null, 1, 5)).toBeNull();
  });
  it('Welch: four 4s before, those nine after: +0.5556, 0.1504 to 0.9607 (df 8), better', () => {
    const d = meanDifference({ n: 4, sum: 16, sumSquares: 64 }, { n: 9, sum: 41, sumSquares: 189 });
    expect(r4(d)).toEqual({ low: 0.1504, high: 0.9607 });
    expect(changeOf(d)).toBe('better');
  });
});
