// Grouping learners' commitments to change: the same intention written ten
// times ("Order fewer tests.", "order fewer tests") is one line with a count.
// Two commitments are similar when, ignoring case, punctuation, simple plural
// and tense endings and common words, they share most of their words
// (./commitment-words.ts).
import { commitmentWords } from './commitment-words.js';
import { remembered } from './remembered.js';
import { SimilarLabels } from './similar-labels.js';

export const GROUPING_METHOD =
  'Commitments are grouped when, ignoring case, punctuation, plural and tense endings and common words, at least 60% of their words are shared (Jaccard similarity).';

export interface CommitmentGroup<T> {
  /** The wording most authors used (alphabetically first on a tie). */
  label: string;
  /** Distinct wordings in the group, most used first. */
  wordings: { text: string; count: number }[];
  members: T[];
  /** Authors in the group (members.length when each item is one author). */
  count: number;
}

/** A commitment as written, tidied (whitespace runs made one space), with its words. */
interface Tidied {
  text: string;
  words: ReadonlySet<string>;
}

/**
 * A text tidied, with its words; null when empty. Remembered: the same
 * wordings come back in every report. The word sets are shared: never change one.
 */
const tidied = remembered((raw: string): Tidied | null => {
  const text = raw.trim().replace(/\s+/g, ' ');
  return text ? { text, words: commitmentWords(text) } : null;
});

/** One wording and the items that wrote it. */
interface Wording<T> extends Tidied {
  members: T[];
  count: number;
}

/** The items by wording, in the order each wording first came; empty wordings are left out. */
function distinctWordings<T>(
  items: T[],
  textOf: (item: T) => string,
  weightOf: (item: T) => number,
): Wording<T>[] {
  const byText = new Map<string, Wording<T>>();
  const wordings: Wording<T>[] = [];
  // A report's rows repeat each wording once per follow-up outcome, in a run: each text is looked up once.
  let lastRaw: string | undefined;
  let wording: Wording<T> | null = null;
  for (const item of items) {
    const raw = textOf(item);
    if (raw !== lastRaw) {
      lastRaw = raw;
      const tidy = tidied(raw);
      wording = tidy && (byText.get(tidy.text) ?? null);
      if (tidy && !wording) {
        wording = { text: tidy.text, words: tidy.words, members: [], count: 0 };
        byText.set(tidy.text, wording);
        wordings.push(wording);
      }
    }
    if (wording === null) continue;
    wording.members.push(item);
    wording.count += weightOf(item);
  }
  return wordings;
}

/**
 * Groups commitments: each joins the first group whose label is similar
 * enough, in the order of the most common wordings first, so the result does
 * not depend on the order rows came in. An item may stand for several
 * authors of the same wording (`weightOf`, one each by default), so a report
 * groups its distinct rows, not one per learner.
 */
export function groupCommitments<T>(
  items: T[],
  textOf: (item: T) => string,
  weightOf: (item: T) => number = () => 1,
): CommitmentGroup<T>[] {
  const wordings = distinctWordings(items, textOf, weightOf).sort(
    (x, y) => y.count - x.count || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0),
  );
  const groups: CommitmentGroup<T>[] = [];
  const homes = new SimilarLabels(wordings.map((w) => w.words));
  for (const { text, words, members, count } of wordings) {
    const home = homes.place(words);
    if (home < groups.length) {
      const group = groups[home];
      group.wordings.push({ text, count });
      group.members.push(...members);
      group.count += count;
    } else groups.push({ label: text, wordings: [{ text, count }], members, count });
  }
  return groups.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}
