// THE REFERENCE: the commitment grouping exactly as it was before it was made
// fast (src/domain/commitments.ts and the groups of
// src/reports/activity-workspace.ts at 8912919), kept unchanged so tests and
// bench/commitment-groups.ts can compare the fast one with it. Do not
// optimise or "fix" this file: its only job is to be the old behaviour.
import type { CountedCommitmentOutcome } from '../../src/reports/queries/commitments.js';
import type { CommitmentGroupSummary } from '../../src/reports/workspace-schemas.js';

const COMMON = new Set(
  "a an and any are as at be by for from i i'll ill in into is it its my of on or our so that the their them then this to we will with would more all each every".split(
    ' ',
  ),
);

const SIMILARITY = 0.6;

function stem(word: string): string {
  if (word.length <= 4) return word;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  for (const end of ['ing', 'ed', 's']) if (word.endsWith(end)) return word.slice(0, -end.length);
  return word;
}

export function referenceCommitmentWords(text: string): Set<string> {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !COMMON.has(w))
    .map(stem);
  return new Set(words);
}

export function referenceSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

interface Group<T> {
  label: string;
  wordings: { text: string; count: number }[];
  members: T[];
  count: number;
}

export function referenceGroupCommitments<T>(
  items: T[],
  textOf: (item: T) => string,
  weightOf: (item: T) => number = () => 1,
): Group<T>[] {
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
  const groups: { words: Set<string>; group: Group<T> }[] = [];
  for (const [text, { members, count }] of wordings) {
    const words = referenceCommitmentWords(text);
    const home = groups.find((g) => referenceSimilarity(g.words, words) >= SIMILARITY);
    if (home) {
      home.group.wordings.push({ text, count });
      home.group.members.push(...members);
      home.group.count += count;
    } else groups.push({ words, group: { label: text, wordings: [{ text, count }], members, count } });
  }
  return groups.map((g) => g.group).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}

interface CommitmentAuthors {
  commitment: string;
  sent: boolean;
  implemented: 'fully' | 'partly' | 'not' | null;
  barriers: string[] | null;
  count: number;
}

function groupedCommitments(rows: CommitmentAuthors[]): CommitmentGroupSummary[] {
  return referenceGroupCommitments(
    rows,
    (r) => r.commitment,
    (r) => r.count,
  ).map((g) => {
    const followUp = { sent: 0, answered: 0, fully: 0, partly: 0, not: 0 };
    const barriers = new Map<string, number>();
    for (const m of g.members) {
      if (m.sent) followUp.sent += m.count;
      if (m.implemented === null) continue;
      followUp.answered += m.count;
      if (m.implemented === 'fully' || m.implemented === 'partly' || m.implemented === 'not')
        followUp[m.implemented] += m.count;
      for (const b of m.barriers ?? []) barriers.set(b, (barriers.get(b) ?? 0) + m.count);
    }
    return {
      label: g.label,
      count: g.count,
      wordings: g.wordings.slice(0, 10),
      followUp,
      barriers: [...barriers.entries()]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([barrier, count]) => ({ barrier, count })),
    };
  });
}

type Outcome = [boolean, CommitmentAuthors['implemented'], string[] | null];

export function referenceCountedCommitmentGroups(
  counted: CountedCommitmentOutcome[],
): CommitmentGroupSummary[] {
  const outcomes = new Map<string, Outcome>();
  const outcomeOf = (text: string) => {
    let parsed = outcomes.get(text);
    if (!parsed) outcomes.set(text, (parsed = JSON.parse(text) as Outcome));
    return parsed;
  };
  return groupedCommitments(
    counted.map(({ commitment, outcome, count }) => {
      const [sent, implemented, barriers] = outcomeOf(outcome);
      return { commitment, sent, implemented, barriers, count };
    }),
  );
}
