// A pure function of a text, remembered for the texts that come back (the
// same commitment wordings and follow-up outcomes in every report of an
// activity and of its series), within a bound: past so many texts, or so
// many characters in them, all are forgotten at once (cheaper than keeping
// an order of use; the texts that recur are remembered again at next use).
export interface MemoryBound {
  texts: number;
  characters: number;
}

export const REMEMBERED: Readonly<MemoryBound> = { texts: 10_000, characters: 1_000_000 };

/** `of`, remembered (it must never return undefined); what it returns is shared: never change it. */
export function remembered<R>(
  of: (text: string) => R,
  bound: Readonly<MemoryBound> = REMEMBERED,
): (text: string) => R {
  const known = new Map<string, R>();
  let characters = 0;
  return (text) => {
    let found = known.get(text);
    if (found === undefined) {
      // A text past the bound on its own is not kept at all.
      if (text.length > bound.characters) return of(text);
      if (known.size >= bound.texts || characters + text.length > bound.characters) {
        known.clear();
        characters = 0;
      }
      known.set(text, (found = of(text)));
      characters += text.length;
    }
    return found;
  };
}
