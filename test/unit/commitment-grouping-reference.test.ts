// The fast commitment grouping (src/domain/commitments.ts,
// src/domain/similar-labels.ts, src/reports/commitment-groups.ts)
// gives exactly what the grouping gave before it was made fast
// (test/support/commitment-groups-reference.ts): same labels, counts,
// wordings in the same order, members in the same order, follow-up tallies
// and barriers in the same order, on the bench's data and on arbitrary rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupCommitments } from '../../src/domain/commitments.js';
import { commitmentWords, similarity, SIMILARITY } from '../../src/domain/commitment-words.js';
import { remembered } from '../../src/domain/remembered.js';
import { SimilarLabels } from '../../src/domain/similar-labels.js';
import { countedCommitmentGroups } from '../../src/reports/commitment-groups.js';
import { benchLikeCommitments, countedRows, wording } from '../support/commitment-data.js';
import {
  referenceCommitmentWords,
  referenceCountedCommitmentGroups,
  referenceGroupCommitments,
} from '../support/commitment-groups-reference.js';

/** Equal as the report's JSON is: every key, in the same order. */
const sameJson = (actual: unknown, expected: unknown) =>
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));

describe('the fast commitment grouping against the reference', () => {
  it("gives the reference's groups on the bench's data, first time and remembered", () => {
    const rows = benchLikeCommitments();
    const expected = referenceCountedCommitmentGroups(rows);
    expect(expected).toHaveLength(50);
    sameJson(countedCommitmentGroups(rows), expected);
    sameJson(countedCommitmentGroups(structuredClone(rows)), expected);
    // The order rows come in does not matter, to either.
    sameJson(countedCommitmentGroups([...rows].reverse()), expected);
  });

  it("gives the reference's groups on texts no form lets through: NUL, lone surrogates, megabytes, year 9999", () => {
    const odd = [
      'Order\u0000 tests',
      '\ud800 order tests',
      'order tests '.repeat(100_000),
      '9999-12-31 tests',
      '🙂🙂',
    ];
    const rows = odd.flatMap((commitment, i) => [
      { commitment, outcome: '[true, "partly", ["time", "time"]]', count: i + 1 },
      { commitment: ` ${commitment}\t`, outcome: '[false, null, null]', count: 2 },
    ]);
    sameJson(countedCommitmentGroups(rows), referenceCountedCommitmentGroups(rows));
  });

  it("gives the reference's groups on arbitrary counted rows", () => {
    fc.assert(
      fc.property(countedRows, (rows) => {
        sameJson(countedCommitmentGroups(rows), referenceCountedCommitmentGroups(rows));
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('keeps the members of each group in the same order, one author per item by default', () => {
    const items = fc.array(fc.record({ id: fc.nat(), text: wording }), { maxLength: 60 });
    fc.assert(
      fc.property(items, (xs) => {
        const fast = groupCommitments(xs, (x) => x.text);
        const reference = referenceGroupCommitments(xs, (x) => x.text);
        sameJson(fast, reference);
        // The very items, not copies.
        fast.forEach((g, i) => g.members.forEach((m, j) => expect(m).toBe(reference[i].members[j])));
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('finds the same words in a commitment, remembered or not', () => {
    fc.assert(
      fc.property(wording, (text) => {
        expect([...commitmentWords(text)]).toEqual([...referenceCommitmentWords(text)]);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('placing word sets among similar labels', () => {
  /** Word sets over few words, so that many pairs sit near the 60% threshold. */
  const wordSets = fc.array(
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), { maxLength: 10 }),
    { maxLength: 40 },
  );

  it('puts each set with the first similar label, as comparing with every label in order does', () => {
    fc.assert(
      fc.property(wordSets, (lists) => {
        const sets = lists.map((l) => new Set(l));
        const labels = new SimilarLabels(sets);
        const scanned: Set<string>[] = [];
        for (const words of sets) {
          let home = scanned.findIndex((label) => similarity(label, words) >= SIMILARITY);
          if (home < 0) home = scanned.push(words) - 1;
          expect(labels.place(words)).toBe(home);
        }
      }),
      { numRuns: 1000, seed: 99 },
    );
  });
});

describe('remembering a pure function of a text', () => {
  it('answers from memory until the bound, then forgets all and starts again', () => {
    let calls = 0;
    const length = remembered(
      (text: string) => {
        calls += 1;
        return text.length;
      },
      { texts: 3, characters: 10 },
    );
    expect([length('ab'), length('ab'), length('cde')]).toEqual([2, 2, 3]);
    expect(calls).toBe(2);
    length('fgh'); // 8 characters: still within
    expect(length('ab')).toBe(2);
    expect(calls).toBe(3);
    length('ijk'); // a fourth text: all forgotten first
    expect(length('ab')).toBe(2);
    expect(calls).toBe(5);
    length('0123456789'); // over the characters: forgotten again
    length('ab');
    expect(calls).toBe(7);
    // Longer than the bound on its own: answered, never kept (what was kept stays).
    length('x'.repeat(11));
    length('x'.repeat(11));
    length('ab');
    expect(calls).toBe(9);
  });
});
