// The demo's activity: a live, two-hour case-based session whose windows are
// seconds instead of weeks, so a whole cohort closes within a couple of minutes.
import type { ActivityInput } from '../client/index.js';

const vignette = (id: string, vignette: string, prompt: string, options: string[], correct: number) => ({
  id,
  kind: 'vignette' as const,
  vignette,
  prompt,
  options: options.map((text, i) => ({ id: String.fromCharCode(97 + i), text })),
  correctOptionId: String.fromCharCode(97 + correct),
});

export const DEMO_ITEMS = [
  vignette(
    'v1',
    'A 62-year-old on piperacillin-tazobactam for 5 days develops three or more unformed stools a day.',
    'Which test do you order first?',
    ['C. difficile toxin/GDH algorithm', 'Stool culture for Salmonella', 'No test; stop antibiotics only'],
    0,
  ),
  vignette(
    'v2',
    'The GDH antigen is positive and the toxin immunoassay negative.',
    'What is the next step?',
    ['Report as negative', 'Reflex to a toxin-gene PCR', 'Repeat the toxin EIA in 7 days'],
    1,
  ),
  vignette(
    'v3',
    'A toxin-positive patient shares a four-bed bay on a surgical ward.',
    'What do you advise the ward?',
    ['Alcohol hand rub is enough', 'Contact precautions and soap-and-water hand hygiene', 'No change needed'],
    1,
  ),
  vignette(
    'v4',
    'After treatment, the patient asks for a test of cure.',
    'What do you answer?',
    [
      'Retest after therapy',
      'Retest only with symptoms; test of cure is not recommended',
      'Retest weekly for a month',
    ],
    1,
  ),
];

/** Correct answers, or with the first `wrong` items answered wrongly. */
export function demoAnswers(wrong: number): Record<string, string> {
  return Object.fromEntries(
    DEMO_ITEMS.map((item, i) => [
      item.id,
      i < wrong ? item.options.find((o) => o.id !== item.correctOptionId)!.id : item.correctOptionId,
    ]),
  );
}

/** Starts a few seconds from now and lasts `liveSeconds`; the attendance it records is the full 120 minutes. */
export function demoActivity(now: Date, liveSeconds: number): ActivityInput {
  return {
    title: 'Diagnosing C. difficile infection: a case-based update (demo)',
    programId: 'demo',
    providerName: 'Society for Clinical Microbiology',
    format: 'live',
    startsAt: new Date(now.getTime() + 2_000).toISOString(),
    endsAt: new Date(now.getTime() + 2_000 + liveSeconds * 1000).toISOString(),
    location: 'Webinar',
    learningObjectives: [
      'Choose the right first test for suspected C. difficile infection',
      'Interpret discordant antigen, toxin and PCR results',
      'Advise wards on isolation and hand hygiene',
    ],
    priceCents: 4900,
    currency: 'USD',
    policy: {
      credits: [
        { type: 'ama_pra_1', maxCredits: 2 },
        { type: 'pace', maxCredits: 2.25, programNumber: 'SCM-2026-014', levelOfInstruction: 'intermediate' },
        // A live activity for pharmacists (format L, audience P); technicians get participation.
        { type: 'acpe', maxCredits: 2, uan: '0001-0000-26-014-L01-P' },
      ],
      competence: { passMark: 0.75, maxAttempts: 3, items: DEMO_ITEMS },
      windows: { payment: '20s', completion: '2m', submission: '90s', linkExpiry: '1d' },
      followUp: { enabled: true, delay: '20s', reminders: ['10s', '20s'], closeAfter: '40s' },
      feeWaivers: ['faculty', 'member'],
    },
  };
}
