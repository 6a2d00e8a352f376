// Who may claim what (RULES.md): AMA PRA for physicians, ACPE for the UAN's
// audience, P.A.C.E. for laboratory personnel; everyone else a certificate of
// participation. P.A.C.E. at most 7 contact hours a day, at least 50 minutes.
import { describe, expect, it } from 'vitest';
import { checkClaim, claimableCredits, type LearnerCredentialFlags } from '../../src/domain/credits.js';
import { activityDays, licencesAccepting, participationHours } from '../../src/domain/eligibility.js';
import type { CreditDesignation } from '../../src/domain/policy.js';
import type { Credential, Profession } from '../../src/domain/profile.js';

const as = (
  profession: Profession | null,
  more: Partial<LearnerCredentialFlags> = {},
): LearnerCredentialFlags => ({
  profession,
  hasNabpEProfileId: true,
  hasBirthMonthDay: true,
  licenceStates: [],
  hasAscpId: false,
  ...more,
});
const ama: CreditDesignation = { type: 'ama_pra_1', maxCredits: 2 };
const pace: CreditDesignation = { type: 'pace', maxCredits: 2 };
const acpeP: CreditDesignation = { type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-L01-P' };
const acpeT: CreditDesignation = { type: 'acpe', maxCredits: 2, uan: '0001-9999-26-002-L01-T' };
const oneDay = { startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-04T16:00:00Z' };
const twoDays = { startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-05T16:00:00Z' };

describe('AMA PRA Category 1 Credit™ is for physicians', () => {
  it('is claimable by a physician and by no other profession', () => {
    expect(claimableCredits(ama, 120, as('physician'))).toEqual({ max: 2 });
    for (const p of [
      'pharmacist',
      'pharmacy_technician',
      'laboratory_professional',
      'nurse',
      'other',
    ] as const)
      expect(claimableCredits(ama, 120, as(p)).max, p).toBe(0);
    expect(claimableCredits(ama, 120, as('nurse')).reason).toBe(
      'AMA PRA Category 1 Credit™ is for physicians, not for a nurse',
    );
  });

  it('refuses a scientist claiming it with a problem naming the type and the reason', () => {
    expect(
      checkClaim([{ creditType: 'ama_pra_1', credits: 1 }], [ama, pace], 120, as('laboratory_professional')),
    ).toEqual([
      {
        creditType: 'ama_pra_1',
        field: 'claims.0.creditType',
        message: 'AMA PRA Category 1 Credit™ is for physicians, not for a clinical laboratory professional',
      },
    ]);
  });

  it('asks for the profession when none is recorded', () => {
    expect(claimableCredits(ama, 120, as(null)).reason).toBe(
      'AMA PRA Category 1 Credit™ depends on your profession: tell us your profession first',
    );
  });
});

describe('ACPE credit is for the UAN audience: P pharmacists, T technicians', () => {
  it('lets a pharmacist claim a P activity and a technician a T activity, not the other way round', () => {
    expect(claimableCredits(acpeP, 120, as('pharmacist')).max).toBe(2);
    expect(claimableCredits(acpeT, 120, as('pharmacy_technician')).max).toBe(2);
    expect(claimableCredits(acpeP, 120, as('pharmacy_technician')).reason).toBe(
      'ACPE contact hours are for pharmacists (UAN audience P), not for a pharmacy technician',
    );
    expect(claimableCredits(acpeT, 120, as('pharmacist')).reason).toMatch(
      /^ACPE contact hours are for pharmacy technicians \(UAN audience T\)/,
    );
    expect(claimableCredits(acpeP, 120, as('physician')).max).toBe(0);
  });

  it('needs the e-Profile ID and birth month/day of an eligible learner', () => {
    expect(claimableCredits(acpeP, 120, as('pharmacist', { hasNabpEProfileId: false })).reason).toBe(
      'ACPE credit needs your NABP e-Profile ID',
    );
    expect(claimableCredits(acpeP, 120, as('pharmacist', { hasBirthMonthDay: false })).reason).toBe(
      'ACPE credit needs your birth month and day (MMDD)',
    );
  });
});

describe('P.A.C.E.® contact hours are for clinical laboratory personnel', () => {
  it('is claimable by laboratory professionals only', () => {
    expect(claimableCredits(pace, 100, as('laboratory_professional'))).toEqual({ max: 2 });
    expect(claimableCredits(pace, 100, as('physician')).reason).toMatch(
      /^P\.A\.C\.E\.® contact hours are for clinical laboratory personnel/,
    );
  });

  it('counts at most 7 contact hours a day of the activity: 9.5 claimed for one 8-hour day is refused', () => {
    const long: CreditDesignation = { type: 'pace', maxCredits: 9.5 };
    const lab = as('laboratory_professional');
    expect(claimableCredits(long, 480, lab, oneDay)).toEqual({
      max: 7,
      reason: 'P.A.C.E.® counts at most 7 contact hours a day (1 day)',
    });
    expect(checkClaim([{ creditType: 'pace', credits: 9.5 }], [long], 480, lab, oneDay)).toEqual([
      {
        creditType: 'pace',
        field: 'claims.0.credits',
        message:
          'at most 7 P.A.C.E.® contact hours may be claimed: for P.A.C.E.® counts at most 7 contact hours a day (1 day)',
      },
    ]);
    expect(checkClaim([{ creditType: 'pace', credits: 7 }], [long], 480, lab, oneDay)).toEqual([]);
    expect(claimableCredits({ type: 'pace', maxCredits: 16 }, 960, lab, twoDays).max).toBe(14);
  });

  it('needs 50 minutes: 49 minutes earns nothing, 50 minutes one contact hour', () => {
    const lab = as('laboratory_professional');
    expect(claimableCredits(pace, 49, lab)).toEqual({
      max: 0,
      reason: 'P.A.C.E.® contact hours need at least 50 minutes; you attended 49',
    });
    expect(claimableCredits(pace, 50, lab).max).toBe(1);
  });
});

describe('the certificate of participation', () => {
  it('is asked for with no claim lines, and taken only when no type is open', () => {
    expect(checkClaim([], [ama, pace], 120, as('nurse'))).toEqual([]);
    expect(checkClaim([], [ama, pace], 120, as('physician'))).toEqual([
      {
        field: 'claims',
        message: 'claim at least one credit type: you may claim AMA PRA Category 1 Credit™',
      },
    ]);
  });

  it('states the hours participated: to the nearest quarter hour, at most the designated time', () => {
    expect(participationHours([ama], 97)).toBe(1.5);
    expect(participationHours([ama], 240)).toBe(2);
    expect(participationHours([ama], null)).toBe(2);
    // 2 P.A.C.E. contact hours are 100 minutes: 1.5 clock hours (to the quarter below).
    expect(participationHours([pace], null)).toBe(1.5);
    expect(participationHours([], 45)).toBe(0.75);
  });
});

describe('licences accept credit; they are not credit types', () => {
  const credentials: Credential[] = [
    { kind: 'state_licence', state: 'CA', subtype: 'cls', identifier: 'CA-1' },
    { kind: 'state_licence', state: 'FL', category: 'chemistry', identifier: 'FL-1' },
    { kind: 'state_licence', state: 'NY', identifier: 'NY-1' },
    { kind: 'ascp_certification', subtype: 'MLS', identifier: 'A-1' },
  ];
  it('counts AMA PRA or P.A.C.E. hours of at least 1 hour toward California and Florida, and any toward ASCP CMP', () => {
    expect(licencesAccepting('pace', 1.5, credentials).map((a) => a.accepts)).toEqual([
      'California licence renewal',
      'Florida licence renewal',
      'ASCP BOC MLS CMP points',
    ]);
    expect(licencesAccepting('pace', 0.75, credentials).map((a) => a.accepts)).toEqual([
      'ASCP BOC MLS CMP points',
    ]);
    expect(licencesAccepting('acpe', 2, credentials).map((a) => a.accepts)).toEqual([
      'ASCP BOC MLS CMP points',
    ]);
  });

  it('counts the days of an activity by started 24 hours, whatever the time zone', () => {
    expect(activityDays(oneDay)).toBe(1);
    expect(activityDays(twoDays)).toBe(2);
    expect(activityDays({ startsAt: '2026-05-04T20:00:00-07:00', endsAt: '2026-05-05T04:00:00-07:00' })).toBe(
      1,
    );
  });
});
