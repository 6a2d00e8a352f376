// Where a learner stands on one credential: which of their credit counts
// (in the cycle, of a kind the credential accepts), the allocation to its
// requirements, what is missing and why the allocation is the one shown.
import { allocate, type AllocationProblem, type AllocationSource } from './allocation.js';
import { explainMinimum, explainSummary } from './allocation-explain.js';
import {
  cycleOf,
  daysLeft,
  minimumsFor,
  type Cycle,
  type RequirementSet,
} from './credential-requirements.js';
import type { StoredCredential } from './profile.js';
import type { EntryKind, EntryStatus, TopicArea } from './topics.js';
import { ENTRY_KIND_LABELS } from './topics.js';

/** Credit the learner has: an activity of this provider (claimed credit) or an entry from elsewhere. */
export interface CreditRecord {
  /** "enrollment:<id>" or "entry:<id>". */
  id: string;
  title: string;
  provider: string;
  /** YYYY-MM-DD. */
  completedOn: string;
  /** This provider's activities: hours per credit type claimed (the same hours, claimed under each type). */
  claimed?: { type: string; hours: number }[];
  /** CE from elsewhere. */
  entry?: { kind: EntryKind; hours: number; status: EntryStatus };
  topics: { area: TopicArea; hours?: number }[];
}

/** Hours and points are counted in quarters, so allocations stay whole. */
export const UNITS_PER_HOUR = 4;
const toUnits = (hours: number) => Math.round(hours * UNITS_PER_HOUR);
const toHours = (units: number) => units / UNITS_PER_HOUR;

export interface SourceStanding {
  id: string;
  title: string;
  hours: number;
  counts: boolean;
  /** Why it does not count, when it does not. */
  reason?: string;
}

export interface MinimumStanding {
  id: string;
  label: string;
  needed: number;
  earned: number;
  remaining: number;
  met: boolean;
  from: { sourceId: string; title: string; hours: number }[];
  topics: TopicArea[];
  why: string;
}

export interface CredentialStanding {
  cycle: Cycle | null;
  daysLeft: number | null;
  earned: number;
  needed: number;
  remaining: number;
  totalMet: boolean;
  academic: { offered: number; counted: number; cap: number } | null;
  minimums: MinimumStanding[];
  met: number;
  of: number;
  allMet: boolean;
  sources: SourceStanding[];
  /** Sources the learner allocated by hand. */
  moved: string[];
  /** Requirements the best allocation meets (differs from `met` only when a hand move costs one). */
  bestMet: number;
  why: string[];
}

/** Hours a record is worth for this requirement: the largest accepted claim (one activity counts once), or the entry's. */
export function hoursFor(record: CreditRecord, set: RequirementSet): number {
  if (record.entry) return set.acceptedEntryKinds.includes(record.entry.kind) ? record.entry.hours : 0;
  const accepted = (record.claimed ?? []).filter((c) => set.acceptedCredit.includes(c.type));
  return Math.max(0, ...accepted.map((c) => c.hours));
}

function notCounted(record: CreditRecord, set: RequirementSet, cycle: Cycle | null): string | undefined {
  if (!cycle) return 'the cycle dates are not known yet';
  if (record.completedOn < cycle.startsOn || record.completedOn > cycle.endsOn)
    return `completed ${record.completedOn}, outside the cycle ${cycle.startsOn} to ${cycle.endsOn}`;
  if (hoursFor(record, set) > 0) return undefined;
  if (record.entry) return `${ENTRY_KIND_LABELS[record.entry.kind]} does not count toward ${set.name}`;
  return `${set.name} does not accept the credit claimed (${(record.claimed ?? []).map((c) => c.type).join(', ')})`;
}

export interface StandingInput {
  credential: StoredCredential;
  requirement: RequirementSet;
  records: CreditRecord[];
  /** sourceId → minimum id → hours the learner moved there. */
  moves?: Record<string, Record<string, number>>;
  /** YYYY-MM-DD. */
  today: string;
}

/** The allocation problem for the credential, in units, and the records that count. */
export function allocationProblem(input: StandingInput): {
  problem: AllocationProblem;
  cycle: Cycle | null;
  sources: SourceStanding[];
} {
  const { requirement: set, credential } = input;
  const cycle = cycleOf(credential, set.cycleYears) ?? null;
  const sources = input.records.map((r) => {
    const reason = notCounted(r, set, cycle);
    return {
      id: r.id,
      title: r.title,
      hours: hoursFor(r, set),
      counts: !reason,
      ...(reason ? { reason } : {}),
    };
  });
  const counting: AllocationSource[] = input.records
    .filter((_r, i) => sources[i].counts)
    .map((r) => ({
      id: r.id,
      units: toUnits(hoursFor(r, set)),
      academic: r.entry?.kind === 'academic',
      topics: r.topics.map((t) =>
        t.hours === undefined ? { area: t.area } : { area: t.area, units: toUnits(t.hours) },
      ),
    }));
  const moves = Object.fromEntries(
    Object.entries(input.moves ?? {}).map(([id, split]) => [
      id,
      Object.fromEntries(Object.entries(split).map(([m, h]) => [m, toUnits(h)])),
    ]),
  );
  const problem: AllocationProblem = {
    totalUnits: toUnits(set.total),
    academicCapUnits:
      set.academicMaxShare === null ? null : Math.floor(toUnits(set.total) * set.academicMaxShare),
    minimums: minimumsFor(set, credential).map((m) => ({
      id: m.id,
      units: toUnits(m.hours),
      topics: m.topics,
    })),
    sources: counting,
    moves,
  };
  return { problem, cycle, sources };
}

export function credentialStanding(input: StandingInput): CredentialStanding {
  const { requirement: set, credential } = input;
  const { problem, cycle, sources } = allocationProblem(input);
  const allocation = allocate(problem);
  const best = allocation.movedSources.length ? allocate({ ...problem, moves: {} }).met : allocation.met;
  const titles = new Map(input.records.map((r) => [r.id, r.title]));
  const labels = minimumsFor(set, credential);
  const minimums: MinimumStanding[] = allocation.minimums.map((m, i) => ({
    id: m.id,
    label: labels[i].label,
    needed: toHours(m.needed),
    earned: toHours(Math.min(m.units, m.needed)),
    remaining: toHours(Math.max(0, m.needed - m.units)),
    met: m.met,
    from: Object.entries(m.from).map(([sourceId, units]) => ({
      sourceId,
      title: titles.get(sourceId) ?? sourceId,
      hours: toHours(units),
    })),
    topics: labels[i].topics,
    why: explainMinimum(problem, allocation, i, labels, set.unit),
  }));
  const earned = toHours(allocation.countedUnits);
  return {
    cycle,
    daysLeft: cycle ? daysLeft(cycle, input.today) : null,
    earned,
    needed: set.total,
    remaining: Math.max(0, set.total - earned),
    totalMet: allocation.totalMet,
    academic:
      problem.academicCapUnits === null
        ? null
        : {
            offered: toHours(allocation.academicUnits),
            counted: toHours(allocation.academicCounted),
            cap: toHours(problem.academicCapUnits),
          },
    minimums,
    met: allocation.met,
    of: allocation.of,
    allMet: allocation.met === allocation.of,
    sources,
    moved: allocation.movedSources,
    bestMet: best,
    why: explainSummary(set, allocation, best, cycle),
  };
}
