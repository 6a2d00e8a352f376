// What a learner may claim now, per designated type, with the reason a type
// is closed or capped, what the hours count toward (licences, ASCP CMP), and
// the certificate of participation when no type is open. The API, the claim
// form and the CLI show the same.
import type { findEnrollmentParties } from '../db/enrollment-parties.js';
import {
  claimableCredits,
  credentialFlags,
  licencesAccepting,
  minutesForClaim,
  participationHours,
} from '../domain/credits.js';
import { CREDIT_TYPE_LABELS, type CreditType, type Policy } from '../domain/policy.js';
import { describeCredential } from '../domain/profile.js';

type Parties = NonNullable<Awaited<ReturnType<typeof findEnrollmentParties>>>;

export interface ClaimableType {
  creditType: CreditType;
  label: string;
  designated: number;
  max: number;
  reason?: string;
  /** The learner's licences and certifications these hours count toward. */
  countsToward: string[];
}

export interface ClaimableView {
  minutesAttended: number | null;
  credits: ClaimableType[];
  /** When no type is open: the certificate of participation the learner gets instead. */
  participation: { hours: number } | null;
}

export function claimableFor(row: Pick<Parties, 'enrollment' | 'activity' | 'profile'>): ClaimableView {
  // The policy the learner enrolled under, as the claim is checked against.
  const policy: Policy = row.enrollment.policy ?? row.activity.policy;
  const minutes = minutesForClaim(
    row.activity.format,
    row.enrollment.minutesAttended,
    row.enrollment.attendanceCompletedAt !== null,
  );
  const flags = credentialFlags(row.profile);
  const credits = policy.credits.map((d): ClaimableType => {
    const { max, reason } = claimableCredits(d, minutes, flags, row.activity);
    return {
      creditType: d.type,
      label: CREDIT_TYPE_LABELS[d.type],
      designated: d.maxCredits,
      max,
      ...(reason ? { reason } : {}),
      countsToward:
        max > 0
          ? licencesAccepting(d.type, max, row.profile.credentials).map(
              (a) => `${a.accepts} (${describeCredential(a.credential)})`,
            )
          : [],
    };
  });
  const open = credits.some((c) => c.max > 0);
  return {
    minutesAttended: minutes,
    credits,
    participation: open ? null : { hours: participationHours(policy.credits, minutes) },
  };
}
