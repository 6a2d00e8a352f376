// Why the allocation is the one shown, in sentences the learner reads on the
// dashboard: what it meets, why a minimum is short (nothing covers it, not
// enough covers it, or what covers it is needed by minimums it meets), the
// academic cap, and what a hand-made move costs.
import { reachableUnits, type Allocation, type AllocationProblem } from './allocation.js';
import type { Cycle, RequirementSet, TopicMinimum } from './credential-requirements.js';

const hours = (units: number) => String(units / 4);
/** Lower-cased inside a sentence, but names and acronyms (HIV/AIDS, Florida) kept. */
const inSentence = (label: string) => label.replace(/^(?!Florida)[A-Z][a-z]/, (w) => w.toLowerCase());
const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;

export function explainMinimum(
  problem: AllocationProblem,
  allocation: Allocation,
  i: number,
  labels: TopicMinimum[],
  unit: 'points' | 'hours',
): string {
  const m = allocation.minimums[i];
  const label = labels[i].label;
  const moved = Object.keys(m.from).filter((id) => allocation.movedSources.includes(id));
  if (m.met) {
    return moved.length > 0
      ? `Met, partly by credit you moved here by hand.`
      : `Met: ${hours(m.units)} of the ${hours(m.needed)} ${unit} needed.`;
  }
  const reachable = reachableUnits(problem, m.id);
  if (reachable === 0) return `None of your credit in this cycle covers ${inSentence(label)}.`;
  if (reachable < m.needed)
    return `Your credit covering ${inSentence(label)} adds up to ${hours(reachable)} of the ${hours(m.needed)} ${unit} needed.`;
  const rivals = allocation.minimums
    .map((other, k) => ({ other, k }))
    .filter(({ other, k }) => k !== i && other.met && Object.keys(other.from).length > 0)
    .map(({ k }) => inSentence(labels[k].label));
  return (
    `The credit that covers ${inSentence(label)} also covers ${rivals.join(', ') || 'other requirements'}, ` +
    `and it cannot fill them all: it went where it meets more requirements.`
  );
}

export function explainSummary(
  set: RequirementSet,
  allocation: Allocation,
  bestMet: number,
  cycle: Cycle | null,
): string[] {
  if (!cycle) return [`Add the dates of your ${set.cycleYears}-year cycle to see what counts toward it.`];
  const lines: string[] = [];
  if (allocation.movedSources.length === 0) {
    lines.push(
      `This allocation meets ${allocation.met} of ${allocation.of} requirements: no other allocation of your credit meets more.`,
    );
  } else if (bestMet > allocation.met) {
    lines.push(
      `You moved credit by hand: this meets ${allocation.met} of ${allocation.of} requirements; the best allocation meets ${bestMet}. Reset your moves to use it.`,
    );
  } else {
    lines.push(
      `You moved credit by hand; the rest is allocated to meet as many requirements as possible: ${allocation.met} of ${allocation.of} met.`,
    );
  }
  lines.push(
    'Each activity counts once toward each of your credentials, and may count toward several; an hour allocated to one topic is not counted in another.',
  );
  const cap = set.academicMaxShare;
  if (cap !== null && allocation.academicUnits > 0) {
    const counted = allocation.academicCounted;
    lines.push(
      counted < allocation.academicUnits
        ? `Academic credit counts for at most ${cap * 100}% of the ${set.total} ${set.unit}: ${hours(counted)} of your ${hours(allocation.academicUnits)} academic ${set.unit} count.`
        : `Academic credit counts for at most ${cap * 100}% of the ${set.total} ${set.unit}; all ${plural(Number(hours(counted)), set.unit)} of yours count.`,
    );
  }
  return lines;
}
