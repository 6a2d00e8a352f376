// Sample activities and learners for tests. Durations are seconds so a whole
// enrollment, 90-day follow-up included, runs in a test.
import type { ActivityInput, PolicyInput } from '../../src/domain/policy.js';
import { activityInputSchema } from '../../src/domain/policy-schema.js';
import type { Profession } from '../../src/domain/profile.js';

const vignette = (id: string, prompt: string, correct: string) => ({
  id,
  kind: 'vignette' as const,
  vignette: 'A 62-year-old on broad-spectrum antibiotics develops diarrhoea on day 5.',
  prompt,
  options: [
    { id: 'a', text: 'Test for C. difficile toxin' },
    { id: 'b', text: 'Stool culture for Salmonella' },
    { id: 'c', text: 'No test; stop antibiotics only' },
  ],
  correctOptionId: correct,
});

export const samplePolicy: PolicyInput = {
  credits: [
    { type: 'ama_pra_1', maxCredits: 1.5 },
    { type: 'pace', maxCredits: 1.5 },
    { type: 'acpe', maxCredits: 1.5, uan: '0001-0000-26-001-H01-P' },
  ],
  competence: {
    passMark: 0.6,
    maxAttempts: 2,
    items: [
      vignette('v1', 'Which test do you order first?', 'a'),
      vignette('v2', 'Which result confirms the diagnosis?', 'a'),
      vignette('v3', 'What do you tell the ward about isolation?', 'c'),
    ],
  },
  windows: { payment: '3s', completion: '30s', submission: '30s', linkExpiry: '1h' },
  followUp: { enabled: true, delay: '1s', reminders: ['1s', '2s'], closeAfter: '4s' },
  thresholds: {
    competencePassRate: 0.7,
    evaluationMeanRating: 4,
    commercialBiasShare: 0.1,
    followUpResponseRate: 0.2,
    implementedShare: 0.5,
    minResponses: 5,
  },
  feeWaivers: ['faculty', 'member'],
};

/** An enduring (on-demand) activity, so the follow-up counts from the learner's completion. */
export function sampleActivity(
  overrides: Partial<Omit<ActivityInput, 'policy'>> & { policy?: PolicyInput } = {},
): ActivityInput {
  const now = Date.now();
  return activityInputSchema.parse({
    title: 'Diagnosing C. difficile infection: a case-based update',
    programId: 'micro',
    providerName: 'Society for Clinical Microbiology',
    format: 'enduring',
    startsAt: new Date(now - 86_400_000).toISOString(),
    endsAt: new Date(now + 30 * 86_400_000).toISOString(),
    learningObjectives: [
      'Choose the right first test',
      'Interpret toxin and PCR results together',
      'Advise on isolation',
    ],
    priceCents: 2500,
    currency: 'USD',
    ...overrides,
    policy: overrides.policy ?? samplePolicy,
  });
}

/** A learner; a physician unless told (AMA PRA credit is for physicians, P.A.C.E. for laboratory personnel). */
export function sampleLearner(n: number, profession: Profession = 'physician') {
  return {
    id: `learner-${n}`,
    name: `Dr Learner ${n}`,
    email: `learner${n}@example.org`,
    profession,
    nabpEProfileId: `${100000 + n}`,
    birthMonthDay: '0412',
    credentials: [
      { kind: 'state_licence' as const, state: 'CA', subtype: 'cls', identifier: `CA-${n}` },
      {
        kind: 'state_licence' as const,
        state: 'FL',
        subtype: 'technologist',
        category: 'microbiology',
        identifier: `FL-${n}`,
      },
      { kind: 'ascp_certification' as const, subtype: 'MLS', identifier: `ASCP-${n}` },
    ],
  };
}

/** A laboratory scientist holding ASCP MLS certification in a 2025-2027 CMP cycle. */
export const ascpMlsCertification = {
  kind: 'ascp_certification' as const,
  subtype: 'MLS',
  identifier: 'ASCP-1',
  cycleStartsOn: '2025-01-01',
  cycleEndsOn: '2027-12-31',
};

/** Answers to the sample vignettes: all right, or the first `wrong` items wrong. */
export function sampleAnswers(wrong = 0): Record<string, string> {
  const right: [string, string][] = [
    ['v1', 'a'],
    ['v2', 'a'],
    ['v3', 'c'],
  ];
  return Object.fromEntries(right.map(([id, opt], i) => [id, i < wrong ? (opt === 'b' ? 'a' : 'b') : opt]));
}
