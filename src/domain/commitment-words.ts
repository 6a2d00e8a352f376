// When two commitments to change say the same: ignoring case, punctuation,
// simple plural and tense endings and common words, they share most of their
// words (Jaccard similarity).

/** Words that carry no intention of their own. */
const COMMON = new Set(
  "a an and any are as at be by for from i i'll ill in into is it its my of on or our so that the their them then this to we will with would more all each every".split(
    ' ',
  ),
);

/** Share of shared words (Jaccard) from which two commitments are one group. */
export const SIMILARITY = 0.6;

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

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}
