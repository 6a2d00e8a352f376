// Commitment rows for comparing the grouping with its reference
// (./commitment-groups-reference.ts): the shape of the report bench's data
// (bench/report-seed.ts) for one activity, and arbitrary wordings a learner
// could type (case, punctuation, plurals, unicode, whitespace runs, empties).
import fc from 'fast-check';
import type { CountedCommitmentOutcome } from '../../src/reports/queries/commitments.js';

/** Follow-ups as the summaries store them: jsonb [sent, implemented, barriers] as text. */
const IMPLEMENTED = ['"fully"', '"partly"', '"not"'];
const BARRIERS = ['[]', '["time"]', '["cost"]', '["staffing"]', '["patient preference"]'];
export const BENCH_OUTCOMES = [
  '[false, null, null]',
  '[true, null, null]',
  ...IMPLEMENTED.flatMap((i) => BARRIERS.map((b) => `[true, ${i}, ${b}]`)),
].slice(0, 14);

/**
 * One bench activity's counted rows: 162 distinct [commitment, outcome] rows
 * over the 50 wordings "Commitment 0".."Commitment 49" (`word` replaces
 * "Commitment", so a bench can time wordings never seen before), 14 distinct
 * outcomes, ordered by commitment as the query returns them.
 */
export function benchLikeCommitments(word = 'Commitment'): CountedCommitmentOutcome[] {
  const rows: CountedCommitmentOutcome[] = [];
  for (let i = 0; i < 50; i++)
    for (let j = 0; j < (i < 12 ? 4 : 3); j++)
      rows.push({
        commitment: `${word} ${i}`,
        outcome: BENCH_OUTCOMES[(i * 5 + j * 3) % BENCH_OUTCOMES.length],
        count: 1 + ((i * 7 + j * 13) % 23),
      });
  return rows.sort((a, b) => (a.commitment < b.commitment ? -1 : a.commitment > b.commitment ? 1 : 0));
}

/** Words in several spellings of few stems (so many wordings are similar), common words, unicode. */
const WORDS = [
  ...['order', 'Order', 'ORDER', 'ordering', 'ordered', 'orders'],
  ...['test', 'tests', 'Testing', 'ｔｅｓｔｓ'],
  ...['fewer', 'Fewer'],
  ...['statin', 'statins', 'Statins'],
  ...['risk', 'risks', 'score', 'scores', 'patches', 'patch', 'status', 'analysis', 'class'],
  ...['the', 'I', "I'll", 'I’ll', 'will', 'a', 'of', 'at'],
  ...['café', 'cafe\u0301', 'ﬁle', 'Straße', 'İstanbul', 'ΣΊΣΥΦΟΣ', '患者', '🙂', '💊s', '2', '½', ''],
];
const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', ', ', '. ', '!', '-', '’', "'", ''];

/** A wording a learner could type: words from a small vocabulary (so many are similar) with any separators. */
export const wording = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...WORDS)), { maxLength: 7 })
      .chain((parts) =>
        fc.constantFrom(...SEPARATORS).map((end) => parts.map(([s, w]) => s + w).join('') + end),
      ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t \n', 'the', 'I will', '!!!') },
);

/** Counted rows over a few wordings (so rows repeat and groups form), with any outcome and count. */
export const countedRows = fc.array(wording, { minLength: 1, maxLength: 24, size: 'max' }).chain((texts) =>
  fc.array(
    fc.record({
      commitment: fc.constantFrom(...texts),
      outcome: fc.constantFrom(...BENCH_OUTCOMES),
      count: fc.oneof(
        fc.integer({ min: 1, max: 50 }),
        fc.constant(1),
        fc.integer({ min: 0, max: 1_000_000 }),
      ),
    }),
    { maxLength: 120, size: 'max' },
  ),
);
