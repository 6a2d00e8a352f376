// The learner profile's shape: which licences and certifications the rules
// know, and what a malformed one is refused for (the field named).
import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../src/domain/profile-schema.js';
import { californiaRenewalHours, describeCredential, licencesByState } from '../../src/domain/profile.js';

const problems = (input: unknown) => {
  const r = profileSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const withCredential = (c: Record<string, unknown>) => ({
  profession: 'laboratory_professional',
  credentials: [c],
});

describe('the learner profile', () => {
  it('takes a laboratory scientist with California, Florida and ASCP credentials', () => {
    const profile = {
      profession: 'laboratory_professional',
      credentials: [
        { kind: 'state_licence', state: 'CA', subtype: 'cls', identifier: 'CLS 12345' },
        {
          kind: 'state_licence',
          state: 'CA',
          subtype: 'limited_cls',
          category: 'microbiology',
          identifier: 'LCLS-9',
        },
        {
          kind: 'state_licence',
          state: 'FL',
          subtype: 'technologist',
          category: 'microbiology',
          identifier: 'TN1234',
        },
        {
          kind: 'state_licence',
          state: 'FL',
          subtype: 'technologist',
          category: 'hematology',
          identifier: 'TN1234',
        },
        {
          kind: 'ascp_certification',
          subtype: 'MLS',
          identifier: '000123456',
          cycleStartsOn: '2025-01-01',
          cycleEndsOn: '2027-12-31',
        },
      ],
    };
    expect(problems(profile)).toEqual([]);
    const parsed = profileSchema.parse(profile);
    expect([...licencesByState(parsed.credentials).keys()]).toEqual(['CA', 'FL']);
    expect(licencesByState(parsed.credentials).get('FL')).toHaveLength(2);
    expect(describeCredential(parsed.credentials[1])).toBe(
      'CA Limited Clinical Laboratory Scientist (microbiology) LCLS-9',
    );
  });

  it('takes a pharmacist with an e-Profile ID and birth month/day, 29 February included', () => {
    expect(problems({ profession: 'pharmacist', nabpEProfileId: '1234567', birthMonthDay: '0229' })).toEqual(
      [],
    );
  });

  it('refuses a malformed e-Profile ID, a day that no month has, and an unknown profession', () => {
    expect(problems({ profession: 'pharmacist', nabpEProfileId: '12345' })).toEqual([
      'nabpEProfileId: an NABP e-Profile ID is 6 or 7 digits',
    ]);
    expect(problems({ profession: 'pharmacist', birthMonthDay: '0230' })).toEqual([
      'birthMonthDay: no such day in that month',
    ]);
    expect(problems({ profession: 'pharmacist', birthMonthDay: '1301' })[0]).toMatch(
      /^birthMonthDay: birth month/,
    );
    expect(problems({ profession: 'medical laboratory scientist' })[0]).toMatch(/^profession: /);
  });

  it('needs the California licence type, and a specialty only for a limited CLS', () => {
    expect(problems(withCredential({ kind: 'state_licence', state: 'CA', identifier: 'X1' }))).toEqual([
      'credentials.0.subtype: required: one of cls, limited_cls, mlt, cpt1, cpt2, lpt',
    ]);
    expect(
      problems(
        withCredential({ kind: 'state_licence', state: 'CA', subtype: 'limited_cls', identifier: 'X1' }),
      )[0],
    ).toMatch(/^credentials\.0\.category: required: one of chemistry/);
    expect(
      problems(
        withCredential({
          kind: 'state_licence',
          state: 'CA',
          subtype: 'cls',
          category: 'chemistry',
          identifier: 'X1',
        }),
      ),
    ).toEqual(['credentials.0.category: only a limited CLS licence has a specialty']);
  });

  it('needs the Florida category, and the ASCP certification code', () => {
    expect(problems(withCredential({ kind: 'state_licence', state: 'FL', identifier: 'TN1' }))[0]).toMatch(
      /^credentials\.0\.category: required: one of microbiology/,
    );
    expect(
      problems(withCredential({ kind: 'ascp_certification', subtype: 'XYZ', identifier: '1' }))[0],
    ).toMatch(/^credentials\.0\.subtype: "XYZ" is not one of MLS/);
    expect(
      problems(withCredential({ kind: 'ascp_certification', state: 'CA', subtype: 'MLS', identifier: '1' })),
    ).toEqual(['credentials.0.state: an ASCP certification has no state']);
  });

  it('refuses year 9999, a cycle that ends before it starts, an emoji and a duplicate', () => {
    const ascp = { kind: 'ascp_certification', subtype: 'MLS', identifier: '1' };
    expect(problems(withCredential({ ...ascp, cycleEndsOn: '9999-12-31' }))).toEqual([
      'credentials.0.cycleEndsOn: a date between 1950 and 2100',
    ]);
    expect(
      problems(withCredential({ ...ascp, cycleStartsOn: '2027-01-01', cycleEndsOn: '2026-01-01' })),
    ).toEqual(['credentials.0.cycleEndsOn: must be after cycleStartsOn']);
    expect(problems(withCredential({ ...ascp, identifier: 'MLS🙂' }))[0]).toMatch(
      /^credentials\.0\.identifier: letters/,
    );
    expect(problems(withCredential({ ...ascp, identifier: 'x'.repeat(41) }))[0]).toMatch(
      /^credentials\.0\.identifier: /,
    );
    expect(problems({ profession: 'other', credentials: [ascp, { ...ascp, identifier: '2' }] })).toEqual([
      'credentials.1: the same licence or certification twice',
    ]);
  });

  it('knows the California renewal hours: 24, phlebotomists 6', () => {
    expect(californiaRenewalHours('cls')).toBe(24);
    expect(californiaRenewalHours('limited_cls')).toBe(24);
    for (const t of ['cpt1', 'cpt2', 'lpt'] as const) expect(californiaRenewalHours(t)).toBe(6);
  });
});
