// Grouping learners' commitments to change: the same intention written ten
// times ("Order fewer tests.", "order fewer tests") is one line with a count.
// Two commitments are similar when, ignoring case, punctuation, simple plural
// and tense endings and common words, they share most of their words.

/** Words that carry no intention of their own. */
const COMMON = new Set(
  "a an and any are as at be by for from i i'll ill in into is it its my of on or our so that the their them then this to we will with would more all each every".split(
    ' ',
  ),
);

/** Share of shared words (Jaccard) from which two commitments are one group. */
export const SIMILARITY = 0.6;

export const GROUPING_METHOD =
  'Commitments are grouped when, ignoring case, punctuation, plural and tense endings and common words, at least 60% of their words are shared (Jaccard similarity).';

/** A crude stem: enough to make "tests"/"test" and "ordering"/"order" one word. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  for (const end of ['ing', 'ed', 's']) if (word.endsWith(end)) return word.slice(0, -end.length);
  return word;
}

/** The words of a commitment that say what it is. */
export function commitmentWords(text: string): Set<string> {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !COMMON.has(w))
    .map(stem);
  return new Set(words);
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export interface CommitmentGroup<T> {
  /** The wording most authors used (alphabetically first on a tie). */
  label: string;
  /** Distinct wordings in the group, most used first. */
  wordings: { text: string; count: number }[];
  members: T[];
  /** Authors in the group (members.length when each item is one author). */
  count: number;
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
  const byText = new Map<string, { members: T[]; count: number }>();
  for (const item of items) {
    const text = textOf(item).trim().replace(/\s+/g, ' ');
    if (!text) continue;
    const wording = byText.get(text) ?? { members: [], count: 0 };
    wording.members.push(item);
    wording.count += weightOf(item);
    byText.set(text, wording);
  }
  const wordings = [...byText.entries()].sort(
    ([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0),
  );
  const groups: { words: Set<string>; group: CommitmentGroup<T> }[] = [];
  for (const [text, { members, count }] of wordings) {
    const words = commitmentWords(text);
    const home = groups.find((g) => similarity(g.words, words) >= SIMILARITY);
    if (home) {
      home.group.wordings.push({ text, count });
      home.group.members.push(...members);
      home.group.count += count;
    } else groups.push({ words, group: { label: text, wordings: [{ text, count }], members, count } });
  }
  return groups.map((g) => g.group).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}
