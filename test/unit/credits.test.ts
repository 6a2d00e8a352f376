import { describe, it, expect } from 'vitest';
import {
  checkClaim,
  claimableCredits,
  credentialFlags,
  minutesForClaim,
  reportDueAt,
  unitsForMinutes,
  type LearnerCredentialFlags,
} from '../../src/domain/credits.js';
import type { CreditDesignation } from '../../src/domain/policy.js';

const physician: LearnerCredentialFlags = {
  profession: 'physician',
  hasNabpEProfileId: false,
  hasBirthMonthDay: false,
  licenceStates: [],
  hasAscpId: false,
};
const pharmacist: LearnerCredentialFlags = {
  ...physician,
  profession: 'pharmacist',
  hasNabpEProfileId: true,
  hasBirthMonthDay: true,
};
const labScientist: LearnerCredentialFlags = {
  ...physician,
  profession: 'laboratory_professional',
  licenceStates: ['CA', 'FL'],
  hasAscpId: true,
};

const ama: CreditDesignation = { type: 'ama_pra_1', maxCredits: 3 };
const acpe: CreditDesignation = { type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-L01-P' };
const pace: CreditDesignation = { type: 'pace', maxCredits: 3 };

describe('AMA PRA Category 1 Credit™: 60 minutes = 1 credit, quarter steps, nearest quarter hour', () => {
  it('rounds attended time to the nearest quarter hour', () => {
    expect(unitsForMinutes('ama_pra_1', 60)).toBe(1);
    expect(unitsForMinutes('ama_pra_1', 97)).toBe(1.5); // 6.47 quarters → 6
    expect(unitsForMinutes('ama_pra_1', 98)).toBe(1.75); // 6.53 quarters → 7
    expect(unitsForMinutes('ama_pra_1', 7)).toBe(0);
    expect(unitsForMinutes('ama_pra_1', 8)).toBe(0.25);
  });

  it('caps the claim at the time attended, then at the designated maximum', () => {
    expect(claimableCredits(ama, 90, physician)).toEqual({
      max: 1.5,
      reason: '90 minutes attended (60 minutes = 1)',
    });
    expect(claimableCredits(ama, 240, physician)).toEqual({ max: 3 });
    expect(claimableCredits(ama, null, physician)).toEqual({ max: 3 });
    expect(claimableCredits(ama, 5, physician).max).toBe(0);
  });

  it('refuses a claim over the time attended, off the quarter step, or over the maximum', () => {
    expect(checkClaim([{ creditType: 'ama_pra_1', credits: 1.5 }], [ama], 90, physician)).toEqual([]);
    expect(checkClaim([{ creditType: 'ama_pra_1', credits: 1.75 }], [ama], 90, physician)).toEqual([
      {
        creditType: 'ama_pra_1',
        field: 'claims.0.credits',
        message:
          'at most 1.5 AMA PRA Category 1 Credit™ may be claimed: for 90 minutes attended (60 minutes = 1)',
      },
    ]);
    expect(checkClaim([{ creditType: 'ama_pra_1', credits: 1.1 }], [ama], 90, physician)[0].message).toBe(
      'claim in steps of 0.25 (1.1 is not)',
    );
    expect(
      checkClaim([{ creditType: 'ama_pra_1', credits: 3.25 }], [ama], 600, physician)[0].message,
    ).toMatch(/at most 3 .*designated maximum/);
    expect(checkClaim([{ creditType: 'ama_pra_1', credits: 0 }], [ama], 600, physician)[0].message).toBe(
      'claim more than 0',
    );
  });
});

describe('P.A.C.E.® and state laboratory hours: 50 minutes = 1 contact hour, at least 50 minutes', () => {
  it('counts whole quarters of 50 minutes', () => {
    expect(unitsForMinutes('pace', 50)).toBe(1);
    expect(unitsForMinutes('pace', 74)).toBe(1.25); // 5.92 quarters → 5
    expect(unitsForMinutes('pace', 75)).toBe(1.5);
  });

  it('refuses 49 minutes and accepts 50', () => {
    expect(claimableCredits(pace, 49, labScientist)).toEqual({
      max: 0,
      reason: 'P.A.C.E.® contact hours need at least 50 minutes; you attended 49',
    });
    expect(claimableCredits(pace, 50, labScientist)).toEqual({
      max: 1,
      reason: '50 minutes attended (50 minutes = 1)',
    });
    expect(checkClaim([{ creditType: 'pace', credits: 1 }], [pace], 49, labScientist)[0].field).toBe(
      'claims.0.credits',
    );
  });
});

describe('ACPE: needs a valid UAN and the NABP e-Profile ID with birth month/day', () => {
  it('refuses a learner without an NABP e-Profile ID', () => {
    expect(claimableCredits(acpe, 120, { ...pharmacist, hasNabpEProfileId: false })).toEqual({
      max: 0,
      reason: 'ACPE credit needs your NABP e-Profile ID',
    });
    expect(claimableCredits(acpe, 120, { ...pharmacist, hasBirthMonthDay: false }).reason).toMatch(
      /birth month and day/,
    );
    expect(claimableCredits(acpe, 120, pharmacist)).toEqual({ max: 2 });
  });

  it('refuses an activity without a valid UAN', () => {
    expect(claimableCredits({ ...acpe, uan: '0001-0000-26-001-X01-P' }, 120, pharmacist).reason).toMatch(
      /Universal Activity Number/,
    );
    expect(claimableCredits({ type: 'acpe', maxCredits: 2 }, 120, pharmacist).reason).toMatch(
      /Universal Activity Number/,
    );
  });
});

describe('a claim as a whole', () => {
  it('must name at least one type, each once, each designated', () => {
    expect(checkClaim([], [ama], 60, physician)).toEqual([
      {
        field: 'claims',
        message: 'claim at least one credit type: you may claim AMA PRA Category 1 Credit™',
      },
    ]);
    expect(
      checkClaim(
        [
          { creditType: 'ama_pra_1', credits: 1 },
          { creditType: 'ama_pra_1', credits: 1 },
        ],
        [ama],
        60,
        physician,
      )[0].message,
    ).toMatch(/claimed twice/);
    expect(checkClaim([{ creditType: 'pace', credits: 1 }], [ama], 60, labScientist)[0].message).toMatch(
      /not designated/,
    );
  });

  it("sets the reporting deadlines: ACPE 60 days, a Florida licensee's hours 30 days", () => {
    const claimed = new Date('2026-03-01T00:00:00Z');
    expect(reportDueAt('acpe', claimed, pharmacist)?.toISOString()).toBe('2026-04-30T00:00:00.000Z');
    expect(reportDueAt('pace', claimed, labScientist)?.toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(reportDueAt('pace', claimed, { ...labScientist, licenceStates: ['CA'] })).toBeNull();
    expect(reportDueAt('ama_pra_1', claimed, physician)).toBeNull();
  });
});

describe('what a claim is measured against', () => {
  it('turns stored credentials into flags, without the ids', () => {
    expect(
      credentialFlags({
        profession: 'laboratory_professional',
        nabpEProfileId: '123456',
        birthMonthDay: '0412',
        credentials: [
          { kind: 'state_licence', state: 'CA', subtype: 'cls', identifier: 'CA-1' },
          { kind: 'state_licence', state: 'FL', category: 'chemistry', identifier: 'FL-1' },
          { kind: 'state_licence', state: 'FL', category: 'hematology', identifier: 'FL-1' },
        ],
      }),
    ).toEqual({
      profession: 'laboratory_professional',
      hasNabpEProfileId: true,
      hasBirthMonthDay: true,
      licenceStates: ['CA', 'FL'],
      hasAscpId: false,
    });
  });

  it('counts an enduring activity completed with no minutes reported as its designated time', () => {
    expect(minutesForClaim('enduring', 0, true)).toBeNull();
    expect(minutesForClaim('enduring', 0, false)).toBe(0);
    expect(minutesForClaim('enduring', 45, true)).toBe(45);
    expect(minutesForClaim('live', 0, true)).toBe(0);
  });
});
