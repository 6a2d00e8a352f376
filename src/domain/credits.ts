// Credit a learner may claim, per credit type, commensurate with participation
// and within who may claim it. The numbers are the accreditors' (see
// shared/domain/RULES.md); what a provider chooses (the designated maximum,
// UAN, topic area) is in the policy.
import type { CreditDesignation, CreditType } from './policy.js';
import { CREDIT_TYPE_LABELS } from './policy.js';
import { parseUan } from './uan.js';
import { licencesByState, type LearnerProfile, type Profession } from './profile.js';
import { ineligibility, PACE_HOURS_PER_DAY, activityDays, type ActivitySpan } from './eligibility.js';

export { participationHours, licencesAccepting, type ActivitySpan } from './eligibility.js';

/** What the workflow may know about a learner's credentials: flags, never the ids. */
export interface LearnerCredentialFlags {
  /** Undefined in flags recorded before professions were known (v1 histories): not checked then. */
  profession?: Profession | null;
  hasNabpEProfileId: boolean;
  hasBirthMonthDay: boolean;
  /** States the learner holds a licence number for, e.g. ['CA', 'FL']. */
  licenceStates: string[];
  hasAscpId: boolean;
}

export interface ClaimLine {
  creditType: CreditType;
  credits: number;
}

export interface ClaimProblem {
  creditType?: CreditType;
  /** Where the problem is, e.g. claims.0.credits. */
  field: string;
  message: string;
}

export interface Claimable {
  /** Most the learner may claim of this type; 0 when the type is unavailable. */
  max: number;
  /** Why the type is unavailable or capped below the designation. */
  reason?: string;
}

/** Credits are claimed in quarter steps for every type. */
export const CREDIT_STEP = 0.25;

/** Minutes that make one credit or contact hour. */
export const MINUTES_PER_UNIT: Record<CreditType, number> = { ama_pra_1: 60, acpe: 60, pace: 50 };

/** Laboratory contact hours need at least 50 minutes of education. */
export const LAB_MINIMUM_MINUTES = 50;

/** Quarter units for the minutes: AMA rounds to the nearest quarter hour, contact hours only count whole quarters. */
export function unitsForMinutes(type: CreditType, minutes: number): number {
  const quarters = (minutes / MINUTES_PER_UNIT[type]) * 4;
  const whole = type === 'ama_pra_1' ? Math.round(quarters) : Math.floor(quarters + 1e-9);
  return whole / 4;
}

function unavailable(reason: string): Claimable {
  return { max: 0, reason };
}

/**
 * The most a learner may claim of one designated type.
 * @param minutesAttended minutes of participation; null when not measured
 *   (an enduring activity completed on demand counts as its designated time)
 * @param span the activity's dates, for P.A.C.E.'s 7 hours a day (absent in v1 runs)
 */
export function claimableCredits(
  designation: CreditDesignation,
  minutesAttended: number | null,
  learner: LearnerCredentialFlags,
  span?: ActivitySpan,
): Claimable {
  const type = designation.type;
  const label = CREDIT_TYPE_LABELS[type] as string | undefined;
  if (!label) return unavailable(`${type} is no longer a credit type`);
  const notFor = ineligibility(designation, learner.profession);
  if (notFor) return unavailable(notFor);
  if (type === 'acpe') {
    if (!designation.uan || !parseUan(designation.uan))
      return unavailable('the activity has no valid ACPE Universal Activity Number');
    if (!learner.hasNabpEProfileId) return unavailable('ACPE credit needs your NABP e-Profile ID');
    if (!learner.hasBirthMonthDay) return unavailable('ACPE credit needs your birth month and day (MMDD)');
  }

  let cap: Claimable = { max: designation.maxCredits };
  if (type === 'pace' && span) {
    const days = activityDays(span);
    const perDay = PACE_HOURS_PER_DAY * days;
    if (perDay < cap.max)
      cap = {
        max: perDay,
        reason: `P.A.C.E.® counts at most ${PACE_HOURS_PER_DAY} contact hours a day (${days} ${days === 1 ? 'day' : 'days'})`,
      };
  }
  if (minutesAttended === null) return cap;
  if (type === 'pace' && minutesAttended < LAB_MINIMUM_MINUTES) {
    return unavailable(
      `${label} need at least ${LAB_MINIMUM_MINUTES} minutes; you attended ${minutesAttended}`,
    );
  }
  const earned = unitsForMinutes(type, minutesAttended);
  if (earned < CREDIT_STEP) {
    return unavailable(
      `${minutesAttended} minutes is less than the ${CREDIT_STEP} minimum (${MINUTES_PER_UNIT[type]} minutes = 1)`,
    );
  }
  if (earned < cap.max) {
    return {
      max: earned,
      reason: `${minutesAttended} minutes attended (${MINUTES_PER_UNIT[type]} minutes = 1)`,
    };
  }
  return cap;
}

/**
 * Problems with a claim; an empty list means the claim is within the rules.
 * No lines at all is a request for a certificate of participation, taken only
 * when the learner may claim no type.
 */
export function checkClaim(
  claims: ClaimLine[],
  designations: CreditDesignation[],
  minutesAttended: number | null,
  learner: LearnerCredentialFlags,
  span?: ActivitySpan,
): ClaimProblem[] {
  if (claims.length === 0) {
    const open = designations.filter((d) => claimableCredits(d, minutesAttended, learner, span).max > 0);
    // v1 runs (no profession known) always needed a line.
    if (open.length === 0 && learner.profession !== undefined) return [];
    const which = open.map((d) => CREDIT_TYPE_LABELS[d.type]).join(' or ') || 'a credit type';
    return [{ field: 'claims', message: `claim at least one credit type: you may claim ${which}` }];
  }
  const problems: ClaimProblem[] = [];
  const seen = new Set<CreditType>();
  claims.forEach((claim, i) => {
    const at = `claims.${i}`;
    const { creditType, credits } = claim;
    const label = CREDIT_TYPE_LABELS[creditType] ?? creditType;
    const problem = (field: string, message: string) =>
      problems.push({ creditType, field: `${at}.${field}`, message });
    if (seen.has(creditType)) return problem('creditType', `${label} is claimed twice`);
    seen.add(creditType);
    const designation = designations.find((d) => d.type === creditType);
    if (!designation) return problem('creditType', `this activity is not designated for ${label}`);
    const notFor = ineligibility(designation, learner.profession);
    if (notFor) return problem('creditType', notFor);
    if (!(credits > 0)) return problem('credits', 'claim more than 0');
    if (Math.abs(credits / CREDIT_STEP - Math.round(credits / CREDIT_STEP)) > 1e-9)
      return problem('credits', `claim in steps of ${CREDIT_STEP} (${credits} is not)`);
    const { max, reason } = claimableCredits(designation, minutesAttended, learner, span);
    if (max === 0) return problem('credits', reason ?? 'not claimable');
    if (credits > max + 1e-9) {
      const why = reason ? `for ${reason}` : `the designated maximum`;
      problem('credits', `at most ${max} ${label} may be claimed: ${why}`);
    }
  });
  return problems;
}

/** Days within which a completion must be reported: ACPE to CPE Monitor, Florida licensees to CE Broker. */
export const REPORTING_DAYS = { acpe: 60, florida: 30 } as const;

/** When the claim must be reported: ACPE to CPE Monitor; AMA or P.A.C.E. hours of a Florida licensee to CE Broker. */
export function reportDueAt(
  creditType: CreditType,
  claimedAt: Date,
  learner?: LearnerCredentialFlags,
): Date | null {
  const days =
    creditType === 'acpe'
      ? REPORTING_DAYS.acpe
      : learner?.licenceStates.includes('FL')
        ? REPORTING_DAYS.florida
        : undefined;
  return days === undefined ? null : new Date(claimedAt.getTime() + days * 86_400_000);
}

/** What the rules need to know of a learner's profile, without carrying the ids themselves. */
export function credentialFlags(profile: LearnerProfile): LearnerCredentialFlags {
  return {
    profession: profile.profession,
    hasNabpEProfileId: !!profile.nabpEProfileId,
    hasBirthMonthDay: !!profile.birthMonthDay,
    licenceStates: [...licencesByState(profile.credentials).keys()],
    hasAscpId: profile.credentials.some((c) => c.kind === 'ascp_certification'),
  };
}

/**
 * The minutes a claim is measured against: an enduring activity completed on
 * demand, with no minutes reported, counts as its designated time (null).
 */
export function minutesForClaim(
  format: 'live' | 'enduring',
  minutesAttended: number,
  completed: boolean,
): number | null {
  return format === 'enduring' && completed && minutesAttended === 0 ? null : minutesAttended;
}
