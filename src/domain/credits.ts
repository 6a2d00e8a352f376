// Credit a learner may claim, per credit type, commensurate with participation.
// The numbers are the accreditors' (see shared/domain/RULES.md); what a
// provider chooses (the designated maximum, UAN, topic area) is in the policy.
import type { CreditDesignation, CreditType } from './policy.js';
import { CREDIT_TYPE_LABELS } from './policy.js';
import { parseUan } from './uan.js';
import { licencesByState, type LearnerProfile, type Profession } from './profile.js';

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
export const MINUTES_PER_UNIT: Record<CreditType, number> = {
  ama_pra_1: 60,
  acpe: 60,
  pace: 50,
  ca_cls: 50,
  fl_cls: 50,
  ascp_cmp: 60,
};

/** Laboratory contact hours need at least 50 minutes of education. */
const LAB_MINIMUM_MINUTES = 50;
const LAB_TYPES: CreditType[] = ['pace', 'ca_cls', 'fl_cls'];

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
 */
export function claimableCredits(
  designation: CreditDesignation,
  minutesAttended: number | null,
  learner: LearnerCredentialFlags,
): Claimable {
  const type = designation.type;
  if (type === 'acpe') {
    if (!designation.uan || !parseUan(designation.uan))
      return unavailable('the activity has no valid ACPE Universal Activity Number');
    if (!learner.hasNabpEProfileId) return unavailable('ACPE credit needs your NABP e-Profile ID');
    if (!learner.hasBirthMonthDay) return unavailable('ACPE credit needs your birth month and day (MMDD)');
  }
  if (type === 'ca_cls' && !learner.licenceStates.includes('CA'))
    return unavailable('California CLS hours need your California licence number');
  if (type === 'fl_cls' && !learner.licenceStates.includes('FL'))
    return unavailable('Florida laboratory hours need your Florida licence number');
  if (type === 'ascp_cmp' && !designation.topicArea)
    return unavailable('the activity has no ASCP CMP topic area to allocate points to');

  if (minutesAttended === null) return { max: designation.maxCredits };
  if (LAB_TYPES.includes(type) && minutesAttended < LAB_MINIMUM_MINUTES) {
    return unavailable(
      `${CREDIT_TYPE_LABELS[type]} need at least ${LAB_MINIMUM_MINUTES} minutes; you attended ${minutesAttended}`,
    );
  }
  const earned = unitsForMinutes(type, minutesAttended);
  if (earned < CREDIT_STEP) {
    return unavailable(
      `${minutesAttended} minutes is less than the ${CREDIT_STEP} minimum (${MINUTES_PER_UNIT[type]} minutes = 1)`,
    );
  }
  if (earned < designation.maxCredits) {
    return {
      max: earned,
      reason: `${minutesAttended} minutes attended (${MINUTES_PER_UNIT[type]} minutes = 1)`,
    };
  }
  return { max: designation.maxCredits };
}

/** Problems with a claim; an empty list means the claim is within the rules. */
export function checkClaim(
  claims: ClaimLine[],
  designations: CreditDesignation[],
  minutesAttended: number | null,
  learner: LearnerCredentialFlags,
): ClaimProblem[] {
  if (claims.length === 0) return [{ field: 'claims', message: 'claim at least one credit type' }];
  const problems: ClaimProblem[] = [];
  const seen = new Set<CreditType>();
  claims.forEach((claim, i) => {
    const at = `claims.${i}`;
    const { creditType, credits } = claim;
    if (seen.has(creditType)) {
      problems.push({
        creditType,
        field: `${at}.creditType`,
        message: `${CREDIT_TYPE_LABELS[creditType]} is claimed twice`,
      });
      return;
    }
    seen.add(creditType);
    const designation = designations.find((d) => d.type === creditType);
    if (!designation) {
      problems.push({
        creditType,
        field: `${at}.creditType`,
        message: `this activity is not designated for ${CREDIT_TYPE_LABELS[creditType] ?? creditType}`,
      });
      return;
    }
    if (!(credits > 0)) {
      problems.push({ creditType, field: `${at}.credits`, message: 'claim more than 0' });
      return;
    }
    if (Math.abs(credits / CREDIT_STEP - Math.round(credits / CREDIT_STEP)) > 1e-9) {
      problems.push({
        creditType,
        field: `${at}.credits`,
        message: `claim in steps of ${CREDIT_STEP} (${credits} is not)`,
      });
      return;
    }
    const { max, reason } = claimableCredits(designation, minutesAttended, learner);
    if (max === 0) {
      problems.push({ creditType, field: `${at}.credits`, message: reason ?? 'not claimable' });
    } else if (credits > max + 1e-9) {
      const why = reason ? `for ${reason}` : `the designated maximum`;
      problems.push({
        creditType,
        field: `${at}.credits`,
        message: `at most ${max} ${CREDIT_TYPE_LABELS[creditType]} may be claimed: ${why}`,
      });
    }
  });
  return problems;
}

/** Days within which a completion must be reported: ACPE to CPE Monitor, Florida to CE Broker. */
export const REPORTING_DAYS: Partial<Record<CreditType, number>> = { acpe: 60, fl_cls: 30 };

export function reportDueAt(creditType: CreditType, claimedAt: Date): Date | null {
  const days = REPORTING_DAYS[creditType];
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
