// The story: a committee opens the report of an activity whose cohort the test
// chose (seed.ts), and every figure is the one worked out by hand here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { activityReport } from '../../src/reports/activity-report.js';
import { NotFound } from '../../src/domain/errors.js';
import { COHORT_A, COHORT_SILENT, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
  await seedProgram(database.db, 'cardio', 'Cardiology CME');
  await seedActivity(
    database.db,
    { id: 'act-a', programId: 'cardio', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_A,
  );
  await seedActivity(
    database.db,
    { id: 'act-small', programId: 'cardio', startsAt: '2026-01-20T14:00:00Z' },
    COHORT_SMALL,
  );
  await seedActivity(
    database.db,
    { id: 'act-silent', programId: 'cardio', startsAt: '2026-02-10T14:00:00Z' },
    COHORT_SILENT,
  );
});
afterAll(async () => {
  await database?.close();
});

/** Pearson correlation, written out independently of report-math's formula. */
function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b) / n;
  const my = ys.reduce((a, b) => a + b) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('activity report of a cohort the test chose', () => {
  it('counts the funnel: 10 enrolled, 9 paid, 8 attended, 6 passed first time, 7 eventually, 7 evaluated and certified, 7 followed up, 5 answered', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.funnel).toEqual({
      enrolled: 10,
      paid: 9,
      attended: 8,
      competencePassedFirstAttempt: 6,
      competencePassedEventually: 7,
      evaluated: 7,
      claimed: 7,
      certified: 7,
      followUpSent: 7,
      followUpAnswered: 5,
      lapsed: 1,
      withdrawn: 1,
      failedCompetence: 1,
    });
  });

  it('measures competence: mean first score 2/3, pass rates 6/8 and 7/8, scores in three bins', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.competence).toEqual({
      attempted: 8,
      attempts: 10,
      meanScore: 0.6667,
      passRateFirstAttempt: 0.75,
      passRateEventually: 0.875,
    });
    const bins = Object.fromEntries(r.competenceDetail.distribution.map((b) => [b.label, b.count]));
    expect(bins).toEqual({
      '0–9%': 0,
      '10–19%': 0,
      '20–29%': 0,
      '30–39%': 2,
      '40–49%': 0,
      '50–59%': 0,
      '60–69%': 4,
      '70–79%': 0,
      '80–89%': 0,
      '90–100%': 2,
    });
  });

  it('analyses each item: difficulty is the share correct, discrimination the item–total correlation', async () => {
    const r = await activityReport(database.db, 'act-a');
    // First attempts of learners 1–8, items i1, i2, i3.
    const first = [
      [1, 1, 1],
      [1, 1, 0],
      [1, 0, 1],
      [1, 0, 0],
      [0, 1, 1],
      [1, 1, 1],
      [0, 0, 1],
      [1, 1, 0],
    ];
    const totals = first.map((a) => (a[0] + a[1] + a[2]) / 3);
    const expected = ['i1', 'i2', 'i3'].map((id, j) => ({
      itemId: id,
      n: 8,
      correct: first.filter((a) => a[j] === 1).length,
      discrimination: pearson(
        first.map((a) => a[j]),
        totals,
      ),
    }));
    expect(expected.map((e) => e.correct)).toEqual([6, 5, 5]);
    expect(r.competenceDetail.items.map((i) => i.difficulty)).toEqual([0.75, 0.625, 0.625]);
    for (const [j, item] of r.competenceDetail.items.entries()) {
      expect(item.itemId).toBe(expected[j].itemId);
      expect(item.n).toBe(8);
      expect(item.correct).toBe(expected[j].correct);
      expect(item.discrimination).toBeCloseTo(expected[j].discrimination, 3);
    }
    expect(r.competenceDetail.items[0].kind).toBe('vignette');
  });

  it('summarises the evaluation: objectives 28/7 and 29/7, relevance 30/7, one in seven saw bias', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.evaluation).toEqual({
      responses: 7,
      objectivesMean: 4.0714, // 57 / 14
      relevanceMean: 4.2857, // 30 / 7
      perceivedBias: 1,
      perceivedBiasShare: 0.1429,
    });
    const [o1, o2] = r.evaluationDetail.objectives;
    expect(o1).toEqual({
      label: 'Choose the right test',
      n: 7,
      mean: 4,
      distribution: [
        { rating: 1, count: 0 },
        { rating: 2, count: 1 },
        { rating: 3, count: 1 },
        { rating: 4, count: 2 },
        { rating: 5, count: 3 },
      ],
    });
    expect(o2.mean).toBe(4.1429);
    expect(r.evaluationDetail.relevance.n).toBe(7);
    expect(r.evaluationDetail.relevance.distribution.map((d) => d.count)).toEqual([0, 0, 1, 3, 3]);
  });

  it('measures performance: 5 of 7 answered, 2 before any reminder, 4 after one, 5 after two; 2 fully, 2 partly, 1 not', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.performance).toEqual({
      sent: 7,
      answered: 5,
      responseRate: 0.7143,
      fully: 2,
      partly: 2,
      not: 1,
      fullyShare: 0.4,
      partlyShare: 0.4,
      notShare: 0.2,
      implementedShare: 0.8,
      mostImplemented: true,
    });
    expect(r.performanceDetail.afterReminders).toEqual([
      { afterReminders: 0, answered: 2, rate: 0.2857 },
      { afterReminders: 1, answered: 4, rate: 0.5714 },
      { afterReminders: 2, answered: 5, rate: 0.7143 },
    ]);
    expect(r.performanceDetail.barriers).toEqual([
      { barrier: 'time', count: 3 },
      { barrier: 'cost', count: 1 },
      { barrier: 'staffing', count: 1 },
    ]);
    expect(r.performanceDetail.remindersSent).toBe(8);
    expect(r.performanceDetail.nonRespondents).toBe(2);
  });

  it('compares credits claimed with the designated maximum', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.credits).toEqual([
      {
        creditType: 'ama_pra_1',
        label: 'AMA PRA Category 1 Credit™',
        designatedMax: 2,
        claimants: 7,
        totalClaimed: 11.25,
        meanClaimed: 1.61,
        maxClaimed: 2,
        atMaximum: 4,
      },
    ]);
  });

  it('judges each measure against the thresholds, with the numbers behind it', async () => {
    const r = await activityReport(database.db, 'act-a');
    const byMeasure = Object.fromEntries(r.acceptability.map((v) => [v.measure, v]));
    expect(byMeasure.competencePassRate).toMatchObject({
      value: 0.875,
      n: 8,
      threshold: 0.7,
      verdict: 'acceptable',
    });
    expect(byMeasure.objectivesMean).toMatchObject({
      value: 4.0714,
      n: 7,
      threshold: 4,
      verdict: 'acceptable',
    });
    expect(byMeasure.relevanceMean).toMatchObject({ value: 4.2857, n: 7, verdict: 'acceptable' });
    expect(byMeasure.commercialBiasShare).toMatchObject({
      value: 0.1429,
      n: 7,
      threshold: 0.1,
      direction: 'max',
      verdict: 'below_threshold',
    });
    expect(byMeasure.followUpResponseRate).toMatchObject({ value: 0.7143, n: 7, verdict: 'acceptable' });
    expect(byMeasure.implementedShare).toMatchObject({
      value: 0.8,
      n: 5,
      threshold: 0.5,
      verdict: 'acceptable',
    });
  });

  it('shows free text without names, sorted so order ties nothing to a learner', async () => {
    const r = await activityReport(database.db, 'act-a');
    expect(r.freeText.commitments).toEqual([
      'Check statins',
      'Order fewer tests',
      'Order fewer tests',
      'Order fewer tests',
      'Order fewer tests',
      'Order fewer tests',
      'Use the new risk score',
    ]);
    expect(r.freeText.followUpComments).toEqual(['Went well']);
    expect(r.freeText.biasComments).toEqual(['Drug names only from one company']);
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/Learner act-a|@example\.test|act-a-L\d/);
  });

  it('says "too few responses" when fewer than minResponses answered', async () => {
    const r = await activityReport(database.db, 'act-small');
    expect(r.funnel.enrolled).toBe(3);
    expect(r.competence.passRateEventually).toBe(0.6667);
    expect(r.acceptability.map((v) => [v.measure, v.n, v.verdict])).toEqual([
      ['competencePassRate', 3, 'too_few_responses'],
      ['objectivesMean', 2, 'too_few_responses'],
      ['relevanceMean', 2, 'too_few_responses'],
      ['commercialBiasShare', 2, 'too_few_responses'],
      ['followUpResponseRate', 2, 'too_few_responses'],
      ['implementedShare', 2, 'too_few_responses'],
    ]);
    expect(r.performance.mostImplemented).toBeNull();
  });

  it('reports an activity where nobody answered the follow-up: 0% response, implementation not judgeable', async () => {
    const r = await activityReport(database.db, 'act-silent');
    expect(r.performance).toMatchObject({
      sent: 6,
      answered: 0,
      responseRate: 0,
      implementedShare: null,
      fullyShare: null,
      mostImplemented: null,
    });
    const byMeasure = Object.fromEntries(r.acceptability.map((v) => [v.measure, v]));
    expect(byMeasure.followUpResponseRate).toMatchObject({ value: 0, n: 6, verdict: 'below_threshold' });
    expect(byMeasure.implementedShare).toMatchObject({ value: null, n: 0, verdict: 'too_few_responses' });
    expect(r.performanceDetail.afterReminders).toEqual([
      { afterReminders: 0, answered: 0, rate: 0 },
      { afterReminders: 1, answered: 0, rate: 0 },
      { afterReminders: 2, answered: 0, rate: 0 },
    ]);
    expect(r.performanceDetail.barriers).toEqual([]);
  });

  it('refuses an unknown activity as not found, naming it', async () => {
    const refused = activityReport(database.db, 'nope');
    await expect(refused).rejects.toBeInstanceOf(NotFound);
    await expect(refused).rejects.toThrow('activityId: no activity "nope"');
  });
});
