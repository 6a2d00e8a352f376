// What a credential needs each cycle, as data (staff edit it; the seed is
// RULES.md's: ASCP CMP per certification, California CLS and phlebotomists,
// Florida laboratory personnel), and which of a learner's credentials a
// requirement applies to. Types only; the zod schema is in
// ./credential-requirements-schema.ts.
import type { CredentialKind, StoredCredential } from './profile.js';
import { topicsForCategory, type EntryKind, type TopicArea } from './topics.js';

/** At least `hours` in one of `topics` (or in the credential's own licensed category). */
export interface TopicMinimum {
  /** Stable within the requirement, e.g. "ethics". */
  id: string;
  label: string;
  hours: number;
  topics: TopicArea[];
  /** Florida: 1 hour in the licence's own category, whatever it is. */
  licensedCategory?: boolean;
}

export interface RequirementSet {
  /** e.g. "ascp-mls", "ca-cls", "fl-lab". */
  id: string;
  name: string;
  /** Which credentials it applies to: the kind, the state, and the subtypes (none listed = any). */
  appliesTo: { kind: CredentialKind; state?: string | null; subtypes?: string[] | null };
  cycleYears: number;
  /** Points (ASCP CMP) or contact hours (licences) per cycle. */
  total: number;
  unit: 'points' | 'hours';
  minimums: TopicMinimum[];
  /** ASCP CMP: academic credit counts for at most this share of the total (0.5). */
  academicMaxShare: number | null;
  /** Claimed credit types (and participation) whose hours count. */
  acceptedCredit: string[];
  /** Kinds of CE from elsewhere that count. */
  acceptedEntryKinds: EntryKind[];
  /** Where the numbers come from. */
  source: string;
}

/** The requirement a credential follows: the most specific one that applies (subtypes named beat any). */
export function requirementFor(
  sets: RequirementSet[],
  credential: Pick<StoredCredential, 'kind' | 'state' | 'subtype'>,
): RequirementSet | undefined {
  const applies = sets.filter(
    (s) =>
      s.appliesTo.kind === credential.kind &&
      (!s.appliesTo.state || s.appliesTo.state === credential.state) &&
      (!s.appliesTo.subtypes?.length || s.appliesTo.subtypes.includes(credential.subtype ?? '')),
  );
  const score = (s: RequirementSet) => (s.appliesTo.subtypes?.length ? 2 : 0) + (s.appliesTo.state ? 1 : 0);
  return applies.sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0];
}

/**
 * A stable name for one of a learner's credentials, unchanged when the
 * profile is sent again: "ascp_certification:MLS", "state_licence:FL:technologist:microbiology".
 */
export function credentialKey(c: Pick<StoredCredential, 'kind' | 'state' | 'subtype' | 'category'>): string {
  return [c.kind, c.state, c.subtype, c.category]
    .filter((part) => part !== null && part !== undefined && part !== '')
    .join(':');
}

/** The minimums as they apply to this credential: the licensed category named. */
export function minimumsFor(
  set: RequirementSet,
  credential: Pick<StoredCredential, 'category'>,
): TopicMinimum[] {
  return set.minimums.map((m) =>
    m.licensedCategory
      ? {
          ...m,
          label: credential.category ? `${m.label}: ${credential.category.replaceAll('_', ' ')}` : m.label,
          topics: [...new Set([...m.topics, ...topicsForCategory(credential.category)])],
        }
      : m,
  );
}

export interface Cycle {
  startsOn: string;
  endsOn: string;
}

/** YYYY-MM-DD plus whole years (February 29 becomes March 1 in other years). */
export function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The current cycle: both dates as stored, or one of them with the
 * requirement's cycle length; undefined when neither is known.
 */
export function cycleOf(
  credential: Pick<StoredCredential, 'cycleStartsOn' | 'cycleEndsOn'>,
  cycleYears: number,
): Cycle | undefined {
  const { cycleStartsOn: start, cycleEndsOn: end } = credential;
  if (start && end) return { startsOn: start, endsOn: end };
  if (end) return { startsOn: addDays(addYears(end, -cycleYears), 1), endsOn: end };
  if (start) return { startsOn: start, endsOn: addDays(addYears(start, cycleYears), -1) };
  return undefined;
}

/** Whole days from `today` to the end of the cycle's last day (0 on that day, negative after). */
export function daysLeft(cycle: Cycle, today: string): number {
  return Math.round(
    (Date.parse(`${cycle.endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** When the cycle is over: the end of its last day, UTC. */
export function cycleEndsAt(cycle: Pick<Cycle, 'endsOn'>): Date {
  return new Date(Date.parse(`${addDays(cycle.endsOn, 1)}T00:00:00Z`));
}
