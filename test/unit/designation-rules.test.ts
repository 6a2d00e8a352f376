// Designation rules a provider can get wrong (RULES.md), with the numbers:
// P.A.C.E. at least 1 hour and at most 7 a day, the UAN's joint-provider
// segment and format letter, home study at most 3 years, no raise after start.
import { describe, expect, it } from 'vitest';
import {
  designationChanges,
  designationProblems,
  homeStudyLimit,
} from '../../src/domain/designation-rules.js';
import type { CreditDesignation } from '../../src/domain/policy.js';

const live = { format: 'live' as const, startsAt: '2026-05-04T08:00:00Z', endsAt: '2026-05-04T16:00:00Z' };
const enduring = {
  format: 'enduring' as const,
  startsAt: '2026-01-01T00:00:00Z',
  endsAt: '2027-01-01T00:00:00Z',
};
const problems = (a: typeof live | typeof enduring, credits: CreditDesignation[]) =>
  designationProblems({ ...a, credits }).map((p) => `${p.path.join('.')}: ${p.message}`);

describe('P.A.C.E.® designations', () => {
  it('are at least 1 contact hour: 0.75 is refused, 1 is taken', () => {
    expect(problems(live, [{ type: 'pace', maxCredits: 0.75 }])).toEqual([
      'policy.credits.0.maxCredits: P.A.C.E.® programs are at least 1 contact hour (50 minutes); 0.75 is less',
    ]);
    expect(problems(live, [{ type: 'pace', maxCredits: 1 }])).toEqual([]);
  });

  it('are at most 7 contact hours per day of the activity: 9.5 on one day is refused', () => {
    expect(problems(live, [{ type: 'pace', maxCredits: 9.5 }])).toEqual([
      'policy.credits.0.maxCredits: P.A.C.E.® counts at most 7 contact hours a day: 7 for 1 day, not 9.5',
    ]);
    expect(problems(live, [{ type: 'pace', maxCredits: 7 }])).toEqual([]);
    expect(problems({ ...live, endsAt: '2026-05-05T16:00:00Z' }, [{ type: 'pace', maxCredits: 14 }])).toEqual(
      [],
    );
  });
});

describe('ACPE Universal Activity Numbers', () => {
  it('have 0000 or 9999 as the joint-provider segment: 0123 is refused', () => {
    expect(problems(live, [{ type: 'acpe', maxCredits: 2, uan: '0001-0123-26-001-L01-P' }])).toEqual([
      "policy.credits.0.uan: the UAN's second segment is 0000 (no joint provider) or 9999 (joint providership), not 0123",
    ]);
    expect(problems(live, [{ type: 'acpe', maxCredits: 2, uan: '0001-9999-26-001-L01-P' }])).toEqual([]);
  });

  it('carry the format letter of the activity: H on a live activity and L on home study are refused', () => {
    expect(problems(live, [{ type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-H01-P' }])).toEqual([
      "policy.credits.0.uan: the UAN's format letter is L for a live activity, not H",
    ]);
    expect(problems(enduring, [{ type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-L01-P' }])).toEqual([
      "policy.credits.0.uan: the UAN's format letter is H for home study (an enduring activity), not L",
    ]);
    expect(problems(enduring, [{ type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-H01-T' }])).toEqual([]);
  });
});

describe('home study', () => {
  it('runs at most 3 years: 4 years is refused, 3 years to the day is taken', () => {
    expect(homeStudyLimit('2026-01-01T00:00:00Z').toISOString()).toBe('2029-01-01T00:00:00.000Z');
    expect(problems({ ...enduring, endsAt: '2030-01-01T00:00:00Z' }, [])).toEqual([
      'endsAt: home study (enduring material) expires at most 3 years after its release: end by 2029-01-01',
    ]);
    expect(problems({ ...enduring, endsAt: '2029-01-01T00:00:00Z' }, [])).toEqual([]);
    expect(problems({ ...enduring, endsAt: '2029-01-01T00:00:01Z' }, [])).toHaveLength(1);
  });
});

describe('a designated maximum after the activity starts', () => {
  const before: CreditDesignation[] = [
    { type: 'ama_pra_1', maxCredits: 2 },
    { type: 'pace', maxCredits: 2 },
  ];
  it('may not be raised, nor a type added', () => {
    const raised = designationChanges(
      before,
      [
        { type: 'ama_pra_1', maxCredits: 3 },
        { type: 'pace', maxCredits: 2 },
      ],
      true,
    );
    expect(raised.problems).toEqual([
      {
        path: ['policy', 'credits', 0, 'maxCredits'],
        message:
          'the AMA PRA Category 1 Credit™ designation is fixed before the activity starts: it may not be raised from 2 to 3 after startsAt',
      },
    ]);
    expect(
      designationChanges(before, [...before, { type: 'acpe', maxCredits: 1, uan: 'x' }], true).problems,
    ).toHaveLength(1);
  });

  it('may be lowered or removed, each change returned for the audit', () => {
    expect(designationChanges(before, [{ type: 'ama_pra_1', maxCredits: 1.5 }], true)).toEqual({
      problems: [],
      changes: [
        { creditType: 'ama_pra_1', from: 2, to: 1.5 },
        { creditType: 'pace', from: 2, to: 0 },
      ],
    });
  });

  it('may be raised freely before the start', () => {
    expect(
      designationChanges(
        before,
        [
          { type: 'ama_pra_1', maxCredits: 3 },
          { type: 'pace', maxCredits: 2 },
        ],
        false,
      ),
    ).toEqual({
      problems: [],
      changes: [{ creditType: 'ama_pra_1', from: 2, to: 3 }],
    });
  });
});
