// Commitments to change grouped as a reader would: case, punctuation, plural
// and common words do not make two intentions different.
import { describe, expect, it } from 'vitest';
import { groupCommitments } from '../../src/domain/commitments.js';
import { commitmentWords, similarity } from '../../src/domain/commitment-words.js';

describe('grouping commitments', () => {
  it('puts the same intention written ten ways in one group, most used wording first', () => {
    const texts = [
      'Order fewer tests.',
      'order fewer tests',
      'Order fewer tests',
      'Order fewer tests',
      'Ordering fewer tests',
      'Use the new risk score',
      'Use the new risk scores at triage',
      'Check statins',
    ];
    const groups = groupCommitments(texts, (t) => t);
    expect(groups.map((g) => [g.label, g.members.length])).toEqual([
      ['Order fewer tests', 5],
      ['Use the new risk score', 2],
      ['Check statins', 1],
    ]);
    expect(groups[0].wordings).toEqual([
      { text: 'Order fewer tests', count: 2 },
      { text: 'Order fewer tests.', count: 1 },
      { text: 'Ordering fewer tests', count: 1 },
      { text: 'order fewer tests', count: 1 },
    ]);
  });

  it('keeps different intentions apart and ignores empty ones; the order rows came in does not matter', () => {
    const texts = ['Check statins', 'Check renal function', '  ', 'Refer to the lipid clinic'];
    const a = groupCommitments(texts, (t) => t).map((g) => g.label);
    const b = groupCommitments([...texts].reverse(), (t) => t).map((g) => g.label);
    expect(a).toEqual(['Check renal function', 'Check statins', 'Refer to the lipid clinic']);
    expect(b).toEqual(a);
  });

  it('measures similarity on the words that say something (Jaccard)', () => {
    expect([...commitmentWords('I will order FEWER tests!')].sort()).toEqual(['fewer', 'order', 'test']);
    expect(
      similarity(commitmentWords('Use the new risk score'), commitmentWords('Use new risk scores at triage')),
    ).toBe(0.8);
  });
});
