// Which group a commitment joins, without comparing it with every group.
// Word sets with a Jaccard similarity of at least SIMILARITY share at least
// ⌈SIMILARITY × size⌉ words of each, so, with every set's words listed rarest
// first, they share one among the first size − ⌈SIMILARITY × size⌉ + 1 words
// of each (prefix filtering: Bayardo, Ma and Srikant, "Scaling up all pairs
// similarity search", WWW 2007). Only the labels holding one of those first
// words are compared, and the earliest similar one is the home a scan of
// every label in order would find.
import { SIMILARITY, similarity } from './commitment-words.js';

/** How many of a set's rarest words another similar set must share one of. */
function firstWordsCount(size: number): number {
  // A hair under the product, so that rounding can only lengthen the prefix, never drop a candidate.
  return size - Math.ceil(SIMILARITY * size - 1e-9) + 1;
}

export class SimilarLabels {
  /** In how many of the sets each word is: the order "rarest first" (then by the word). */
  private readonly sets = new Map<string, number>();
  private readonly labels: ReadonlySet<string>[] = [];
  /** Labels (ascending) by the words among their first ones. */
  private readonly holding = new Map<string, number[]>();
  /** The first label with no words: only another empty set is similar to it. */
  private emptyLabel = -1;

  /** `all`: every set that will be placed, so rarity is known before the first. */
  constructor(all: Iterable<ReadonlySet<string>>) {
    for (const words of all) for (const w of words) this.sets.set(w, (this.sets.get(w) ?? 0) + 1);
  }

  /** The index of the first label similar to `words`; else `words` becomes a new label, at the next index. */
  place(words: ReadonlySet<string>): number {
    if (words.size === 0) {
      if (this.emptyLabel < 0) this.emptyLabel = this.add(words, []);
      return this.emptyLabel;
    }
    const first = this.firstWords(words);
    let home = this.labels.length;
    for (const word of first) {
      const labels = this.holding.get(word);
      if (labels === undefined) continue;
      for (const label of labels) {
        if (label >= home) break;
        if (similarity(this.labels[label], words) >= SIMILARITY) home = label;
      }
    }
    return home < this.labels.length ? home : this.add(words, first);
  }

  /** The set's rarest words, as many as firstWordsCount says. */
  private firstWords(words: ReadonlySet<string>): string[] {
    const count = firstWordsCount(words.size);
    if (count === 1) {
      // Sets of one to four words (most commitments): only the rarest counts, found in one pass.
      let rarest = '';
      for (const w of words) if (rarest === '' || this.rarer(w, rarest) < 0) rarest = w;
      return [rarest];
    }
    return [...words].sort((a, b) => this.rarer(a, b)).slice(0, count);
  }

  /** The order "rarest first", then by the word. */
  private rarer(a: string, b: string): number {
    return (this.sets.get(a) ?? 0) - (this.sets.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  }

  private add(words: ReadonlySet<string>, first: string[]): number {
    const label = this.labels.push(words) - 1;
    for (const w of first) {
      const labels = this.holding.get(w);
      if (labels) labels.push(label);
      else this.holding.set(w, [label]);
    }
    return label;
  }
}
