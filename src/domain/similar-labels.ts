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

/** What placing knows of one word. */
interface Word {
  /** In how many of the sets it is: the order "rarest first" (then by the word). */
  sets: number;
  /** The labels (ascending) that have it among their first words. */
  labels: number[] | undefined;
}

export class SimilarLabels {
  private readonly words = new Map<string, Word>();
  private readonly labels: ReadonlySet<string>[] = [];
  /** The first label with no words: only another empty set is similar to it. */
  private emptyLabel = -1;

  /** `all`: every set that will be placed, so rarity is known before the first. */
  constructor(all: Iterable<ReadonlySet<string>>) {
    for (const words of all)
      for (const w of words) {
        const word = this.words.get(w);
        if (word) word.sets += 1;
        else this.words.set(w, { sets: 1, labels: undefined });
      }
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
      if (word.labels === undefined) continue;
      for (const label of word.labels) {
        if (label >= home) break;
        if (similarity(this.labels[label], words) >= SIMILARITY) home = label;
      }
    }
    return home < this.labels.length ? home : this.add(words, first);
  }

  /** The set's rarest words, as many as firstWordsCount says. */
  private firstWords(words: ReadonlySet<string>): Word[] {
    const count = firstWordsCount(words.size);
    if (count === 1) {
      // Sets of one or two words: only the rarest counts, found in one pass.
      let rarest = '';
      let rarestWord: Word | undefined;
      for (const w of words) {
        const word = this.wordOf(w);
        if (
          rarestWord === undefined ||
          word.sets < rarestWord.sets ||
          (word.sets === rarestWord.sets && w < rarest)
        ) {
          rarest = w;
          rarestWord = word;
        }
      }
      return [rarestWord!];
    }
    return [...words]
      .sort((a, b) => this.wordOf(a).sets - this.wordOf(b).sets || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, count)
      .map((w) => this.wordOf(w));
  }

  /** A word of a set placed (a set not given to the constructor has its words added, as if in no set). */
  private wordOf(w: string): Word {
    let word = this.words.get(w);
    if (word === undefined) this.words.set(w, (word = { sets: 0, labels: undefined }));
    return word;
  }

  private add(words: ReadonlySet<string>, first: Word[]): number {
    const label = this.labels.push(words) - 1;
    for (const word of first) (word.labels ??= []).push(label);
    return label;
  }
}
