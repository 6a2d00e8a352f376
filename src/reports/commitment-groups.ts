// Similar commitments grouped (src/domain/commitments.ts), each beside what
// its authors answered at follow-up and the barriers they named: the
// commitment groups of one activity's report. Kept quick (bench/commitment-groups.ts):
// a report groups every time it is read.
import { type CommitmentGroup, groupCommitments } from '../domain/commitments.js';
import { remembered } from '../domain/remembered.js';
import type { CommitmentOutcomeRow, CountedCommitmentOutcome } from './queries/commitments.js';
import type { CommitmentGroupSummary } from './workspace-schemas.js';

/** A learner's follow-up as the summaries count it: [sent, implemented, barriers]. */
type Outcome = [boolean, CommitmentOutcomeRow['implemented'], string[] | null];

type Barrier = CommitmentGroupSummary['barriers'][number];

const byMostNamed = (a: Barrier, b: Barrier) => b.count - a.count || (a.barrier < b.barrier ? -1 : 1);

/** Barriers named by a group's authors, in the order first named, each with how many named it. */
class NamedBarriers {
  readonly list: Barrier[] = [];
  /** Made only past a few names: a search of a short list is quicker than a map. */
  private index: Map<string, Barrier> | undefined;

  /** The list, most named first (then by name). */
  mostNamedFirst(): Barrier[] {
    const list = this.list;
    // Array.prototype.sort costs more than the rest of a group's tally on the few barriers a group
    // usually has: an insertion sort orders those (the same order: names are distinct).
    if (list.length > 16) return list.sort(byMostNamed);
    for (let i = 1; i < list.length; i++) {
      const barrier = list[i];
      let j = i;
      for (; j > 0 && byMostNamed(list[j - 1], barrier) > 0; j--) list[j] = list[j - 1];
      list[j] = barrier;
    }
    return list;
  }

  private inList(barrier: string): Barrier | undefined {
    for (const named of this.list) if (named.barrier === barrier) return named;
    return undefined;
  }

  add(barrier: string, count: number): void {
    const named = this.index ? this.index.get(barrier) : this.inList(barrier);
    if (named) named.count += count;
    else {
      const first = { barrier, count };
      this.list.push(first);
      if (this.index) this.index.set(barrier, first);
      else if (this.list.length > 8) this.index = new Map(this.list.map((b) => [b.barrier, b]));
    }
  }
}

/** One group with what its authors answered at follow-up and the barriers they named, most named first. */
function summaryOf<T>(
  group: CommitmentGroup<T>,
  outcomeOf: (member: T) => Outcome,
  countOf: (member: T) => number,
): CommitmentGroupSummary {
  const followUp = { sent: 0, answered: 0, fully: 0, partly: 0, not: 0 };
  const barriers = new NamedBarriers();
  for (const member of group.members) {
    const [sent, implemented, named] = outcomeOf(member);
    const count = countOf(member);
    if (sent) followUp.sent += count;
    if (implemented === null) continue;
    followUp.answered += count;
    if (implemented === 'fully') followUp.fully += count;
    else if (implemented === 'partly') followUp.partly += count;
    else if (implemented === 'not') followUp.not += count;
    for (const barrier of named ?? []) barriers.add(barrier, count);
  }
  return {
    label: group.label,
    count: group.count,
    // The group is made for this summary alone: a short list is kept as it is, not copied.
    wordings: group.wordings.length > 10 ? group.wordings.slice(0, 10) : group.wordings,
    followUp,
    barriers: barriers.mostNamedFirst(),
  };
}

/** The groups from one row per learner. */
export const commitmentGroups = (rows: CommitmentOutcomeRow[]): CommitmentGroupSummary[] =>
  groupCommitments(rows, (r) => r.commitment).map((group) =>
    summaryOf(
      group,
      (r) => [r.follow_up_sent, r.implemented, r.barriers],
      () => 1,
    ),
  );

/** A follow-up from its JSON text: the same few recur in every report, each is parsed once. */
const outcomeOf = remembered((text: string) => JSON.parse(text) as Outcome);

/** The groups from the summary's counted rows, as they come (never one row per learner). */
export function countedCommitmentGroups(counted: CountedCommitmentOutcome[]): CommitmentGroupSummary[] {
  return groupCommitments(
    counted,
    (r) => r.commitment,
    (r) => r.count,
  ).map((group) =>
    summaryOf(
      group,
      (r) => outcomeOf(r.outcome),
      (r) => r.count,
    ),
  );
}
