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

/** Barriers most named first, then by name. */
const byMostNamed = (a: Barrier, b: Barrier) => b.count - a.count || (a.barrier < b.barrier ? -1 : 1);

/** One group with what its authors answered at follow-up and the barriers they named, most named first. */
function summaryOf<T>(
  group: CommitmentGroup<T>,
  outcomeOf: (member: T) => Outcome,
  countOf: (member: T) => number,
): CommitmentGroupSummary {
  const followUp = { sent: 0, answered: 0, fully: 0, partly: 0, not: 0 };
  const barriers = new Map<string, Barrier>();
  for (const member of group.members) {
    const [sent, implemented, named] = outcomeOf(member);
    const count = countOf(member);
    if (sent) followUp.sent += count;
    if (implemented === null) continue;
    followUp.answered += count;
    if (implemented === 'fully') followUp.fully += count;
    else if (implemented === 'partly') followUp.partly += count;
    else if (implemented === 'not') followUp.not += count;
    for (const barrier of named ?? []) {
      const seen = barriers.get(barrier);
      if (seen) seen.count += count;
      else barriers.set(barrier, { barrier, count });
    }
  }
  return {
    label: group.label,
    count: group.count,
    // The group is made for this summary alone: a short list is kept as it is, not copied.
    wordings: group.wordings.length > 10 ? group.wordings.slice(0, 10) : group.wordings,
    followUp,
    barriers: [...barriers.values()].sort(byMostNamed),
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
