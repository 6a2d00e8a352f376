import { describe, it, expect } from 'vitest';
import { checkAnswers, gradeCompetence } from '../../src/domain/grading.js';
import { parseUan } from '../../src/domain/uan.js';
import { toMs } from '../../src/domain/duration.js';
import type { CompetenceItem } from '../../src/domain/policy.js';

const item = (id: string, correct: string): CompetenceItem => ({
  id,
  kind: 'vignette',
  vignette: 'A 54-year-old with fever after travel…',
  prompt: 'Which test next?',
  options: [
    { id: 'a', text: 'Blood smear' },
    { id: 'b', text: 'Urine culture' },
    { id: 'c', text: 'Chest X-ray' },
  ],
  correctOptionId: correct,
});
const items = [
  item('q1', 'a'),
  item('q2', 'b'),
  item('q3', 'c'),
  item('q4', 'a'),
  item('q5', 'a'),
  item('q6', 'b'),
  item('q7', 'c'),
  item('q8', 'a'),
  item('q9', 'b'),
  item('q10', 'c'),
];

describe('competence grading', () => {
  it('scores the share correct and passes at the mark, exactly at 0.7', () => {
    const answers = Object.fromEntries(
      items.map((i, n) => [i.id, n < 7 ? i.correctOptionId : 'a' === i.correctOptionId ? 'b' : 'a']),
    );
    const grade = gradeCompetence(items, answers, 0.7);
    expect(grade.score).toBeCloseTo(0.7);
    expect(grade.passed).toBe(true);
    expect(grade.itemResults.q1).toBe(true);
    expect(grade.itemResults.q10).toBe(false);
    expect(gradeCompetence(items, answers, 0.75).passed).toBe(false);
  });

  it('names unanswered items, unknown items and unknown options', () => {
    expect(checkAnswers([item('q1', 'a'), item('q2', 'b')], { q1: 'z', q9: 'a' })).toEqual([
      'answers.q9: no such item in this activity',
      'answers.q1: "z" is not one of its options',
      'answers.q2: not answered',
    ]);
    expect(checkAnswers([item('q1', 'a')], { q1: 'b' })).toEqual([]);
  });
});

describe('ACPE Universal Activity Number', () => {
  it('parses the example and refuses malformed numbers', () => {
    expect(parseUan('0001-0000-26-001-L01-P')).toEqual({
      provider: '0001',
      jointProvider: '0000',
      year: 2026,
      sequence: '001',
      format: 'live',
      topic: '01',
      audience: 'pharmacist',
    });
    expect(parseUan('0001-9999-26-014-H05-T')?.format).toBe('home_study');
    expect(parseUan('0001-0000-26-001-L01')).toBeNull();
    expect(parseUan('1-0000-26-001-L01-P')).toBeNull();
  });
});

describe('policy durations', () => {
  it('turn into milliseconds so 90 days and 2 seconds run the same workflow', () => {
    expect(toMs('90d')).toBe(7_776_000_000);
    expect(toMs('2s')).toBe(2000);
    expect(toMs('500ms')).toBe(500);
    expect(() => toMs('soon')).toThrow(/invalid duration "soon"/);
  });
});
