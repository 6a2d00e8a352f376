// The learner's profile through the enrollment API: sent with an enrollment,
// read and replaced through /learners/:id/profile, kept when a later enrollment
// leaves it out. Real Temporal, real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { refusal } from '../support/refusal.js';
import { sampleActivity } from '../support/fixtures.js';
import { createCeOutcomesClient, type CeOutcomesClient } from '../../src/client/index.js';
import { learnerCredentials } from '../../src/db/schema/index.js';

let stack: TestStack;
let api: CeOutcomesClient;

beforeAll(async () => {
  stack = await startStack();
  api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  await api.putActivity('profile-101', sampleActivity());
  await api.putActivity('profile-102', sampleActivity({ title: 'Second activity' }));
});
afterAll(async () => {
  await stack?.close();
});

const scientist = {
  id: 'lab-7',
  name: 'Łukasz Żółć',
  email: 'lukasz@example.org',
  profession: 'laboratory_professional' as const,
  credentials: [
    { kind: 'state_licence' as const, state: 'CA', subtype: 'cls', identifier: 'CLS-7' },
    {
      kind: 'state_licence' as const,
      state: 'FL',
      subtype: 'technologist',
      category: 'microbiology',
      identifier: 'TN7',
    },
    {
      kind: 'ascp_certification' as const,
      subtype: 'MLS',
      identifier: 'ASCP-7',
      cycleStartsOn: '2025-01-01',
      cycleEndsOn: '2027-12-31',
    },
  ],
};

describe('the learner profile', () => {
  it('is stored from the enrollment, credentials as rows, and read back', async () => {
    await api.enroll('profile-101', { learner: scientist });
    const profile = await api.getProfile('lab-7');
    expect(profile).toEqual({
      learnerId: 'lab-7',
      profession: 'laboratory_professional',
      nabpEProfileId: null,
      birthMonthDay: null,
      credentials: [
        {
          kind: 'ascp_certification',
          identifier: 'ASCP-7',
          state: null,
          subtype: 'MLS',
          category: null,
          cycleStartsOn: '2025-01-01',
          cycleEndsOn: '2027-12-31',
        },
        {
          kind: 'state_licence',
          identifier: 'CLS-7',
          state: 'CA',
          subtype: 'cls',
          category: null,
          cycleStartsOn: null,
          cycleEndsOn: null,
        },
        {
          kind: 'state_licence',
          identifier: 'TN7',
          state: 'FL',
          subtype: 'technologist',
          category: 'microbiology',
          cycleStartsOn: null,
          cycleEndsOn: null,
        },
      ],
    });
    const rows = await stack.db
      .select()
      .from(learnerCredentials)
      .where(eq(learnerCredentials.learnerId, 'lab-7'));
    expect(rows).toHaveLength(3);
  });

  it('is kept when a later enrollment leaves the fields out', async () => {
    await api.enroll('profile-102', {
      learner: { id: 'lab-7', name: 'Łukasz Żółć', email: 'lukasz@example.org' },
    });
    const profile = await api.getProfile('lab-7');
    expect(profile.profession).toBe('laboratory_professional');
    expect(profile.credentials).toHaveLength(3);
  });

  it('is replaced whole by PUT: a field left out is cleared', async () => {
    const put = await api.putProfile('lab-7', {
      profession: 'pharmacist',
      nabpEProfileId: '1234567',
      birthMonthDay: '0229',
    });
    expect(put).toMatchObject({
      profession: 'pharmacist',
      nabpEProfileId: '1234567',
      birthMonthDay: '0229',
      credentials: [],
    });
    expect(await api.getProfile('lab-7')).toEqual(put);
  });

  it('refuses bad fields with a 400 naming the field, and keeps what was stored', async () => {
    const before = await api.getProfile('lab-7');
    const cases: [unknown, RegExp][] = [
      [{ profession: 'wizard' }, /^body\.profession: /],
      [
        { profession: 'pharmacist', nabpEProfileId: '12\u000034' },
        /^body\.nabpEProfileId: contains a NUL byte/,
      ],
      [
        { profession: 'pharmacist', birthMonthDay: '0431' },
        /^body\.birthMonthDay: no such day in that month/,
      ],
      [
        {
          profession: 'other',
          credentials: [{ kind: 'state_licence', state: 'CA', identifier: 'x'.repeat(30_000) }],
        },
        /^body\.credentials\.0\.identifier: /,
      ],
      [
        {
          profession: 'other',
          credentials: [
            { kind: 'ascp_certification', subtype: 'MLS', identifier: '1', cycleEndsOn: '9999-01-01' },
          ],
        },
        /^body\.credentials\.0\.cycleEndsOn: a date between 1950 and 2100/,
      ],
      [
        {
          profession: 'other',
          credentials: [{ kind: 'ascp_certification', subtype: 'MLS', identifier: '🧪' }],
        },
        /^body\.credentials\.0\.identifier: letters/,
      ],
    ];
    for (const [body, message] of cases) {
      const err = await refusal(api.putProfile('lab-7', body as never));
      expect([err.status, err.message]).toEqual([400, expect.stringMatching(message)]);
    }
    const huge = await refusal(
      api.putProfile('lab-7', { profession: 'other', nabpEProfileId: '1'.repeat(10_000_000) } as never),
    );
    expect([huge.status, huge.message]).toEqual([413, 'body: Request body is too large']);
    expect(await api.getProfile('lab-7')).toEqual(before);
  });

  it('refuses the retired stateLicences field at enrollment, saying what replaced it', async () => {
    const err = await refusal(
      api.enroll('profile-101', {
        learner: { id: 'lab-8', name: 'A', email: 'a@example.org', stateLicences: { CA: '1' } } as never,
      }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^body\.learner\.stateLicences: replaced by credentials/);
  });

  it('answers 404 for a learner never enrolled', async () => {
    expect((await refusal(api.getProfile('nobody'))).status).toBe(404);
    expect((await refusal(api.putProfile('nobody', { profession: 'nurse' }))).status).toBe(404);
  });
});
