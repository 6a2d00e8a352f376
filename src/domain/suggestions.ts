// What to take next: this provider's activities open for enrollment that would
// fill what a credential is missing, those that fill the most missing minimums
// first, then those worth the most hours toward it, then the soonest.
import type { CredentialStanding } from './credential-standing.js';
import type { RequirementSet } from './credential-requirements.js';
import type { TopicArea } from './topics.js';

export interface OpenActivity {
  activityId: string;
  title: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  /** Designated maximum per credit type. */
  credits: { type: string; maxCredits: number }[];
  topics: { area: TopicArea; hours?: number }[];
}

export interface Suggestion {
  activityId: string;
  title: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  /** Hours toward this credential (the largest accepted designation). */
  hours: number;
  /** Labels of the missing minimums it covers. */
  fills: string[];
}

export function suggestActivities(
  standing: CredentialStanding,
  requirement: RequirementSet,
  open: OpenActivity[],
  limit = 5,
): Suggestion[] {
  if (standing.allMet || !standing.cycle) return [];
  const missing = standing.minimums.filter((m) => !m.met);
  return open
    .map((a) => {
      const hours = Math.max(
        0,
        ...a.credits.filter((c) => requirement.acceptedCredit.includes(c.type)).map((c) => c.maxCredits),
      );
      const fills = missing
        .filter((m) => a.topics.some((t) => m.topics.includes(t.area)))
        .map((m) => m.label);
      return { ...a, hours, fills };
    })
    .filter(
      (a) =>
        a.hours > 0 &&
        // A live activity after the cycle ends does not help this cycle.
        a.startsAt.slice(0, 10) <= standing.cycle!.endsOn &&
        (a.fills.length > 0 || standing.remaining > 0),
    )
    .sort(
      (a, b) => b.fills.length - a.fills.length || b.hours - a.hours || a.startsAt.localeCompare(b.startsAt),
    )
    .slice(0, limit)
    .map(({ activityId, title, format, startsAt, endsAt, hours, fills }) => ({
      activityId,
      title,
      format,
      startsAt,
      endsAt,
      hours,
      fills,
    }));
}
