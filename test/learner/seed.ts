// Rows a certificate test needs, written straight to the database the way the
// lifecycle's issue activity writes them (for tests of rendering only).
import type { Database } from '../../src/db/client.js';
import {
  activities,
  certificateEvents,
  certificates,
  enrollments,
  learners,
} from '../../src/db/schema/index.js';
import type { CertificateKind, PolicyInput } from '../../src/domain/policy.js';
import { policySchema } from '../../src/domain/policy-schema.js';
import type { ProviderInput } from '../../src/provider/profile.js';
import { newCertificateNumber, newVerificationCode } from '../../src/certificates/numbers.js';

/** The provider profile the certificate tests print (no images unless given). */
export const northwindProfile = (overrides: Partial<ProviderInput> = {}): ProviderInput => ({
  name: 'Northwind Medical Education',
  contactEmail: 'ce@northwind.example',
  postalAddress: '1 Harbor Way\nBoston, MA 02110',
  accmeId: '0001234',
  acpeProviderNumber: '0001',
  paceProviderNumber: '519',
  californiaApprovalNumber: '0001',
  floridaApprovalNumber: '50-12345',
  accmeStatement: null,
  acpeStatement: null,
  paceStatement: null,
  signatoryName: 'Dr Grace Lin',
  signatoryTitle: 'Director of Continuing Education',
  logo: null,
  logoType: null,
  signature: null,
  signatureType: null,
  ...overrides,
});

/** An activity designated for every credit type whose certificate the tests read. */
export const allTypesPolicy = {
  credits: [
    { type: 'ama_pra_1' as const, maxCredits: 3 },
    { type: 'acpe' as const, maxCredits: 3, uan: '0001-0000-26-001-L01-P' },
    {
      type: 'pace' as const,
      maxCredits: 3,
      programNumber: '519-101-26',
      levelOfInstruction: 'intermediate' as const,
    },
  ],
};

export async function seedCertificate(
  db: Database,
  opts: {
    learnerName?: string;
    creditType?: CertificateKind;
    nabpEProfileId?: string;
    credits?: number;
    policy?: PolicyInput;
    suffix?: string;
  } = {},
) {
  const s = opts.suffix ?? Math.random().toString(36).slice(2, 8);
  const activityId = `act-${s}`;
  const learnerId = `lrn-${s}`;
  await db.insert(activities).values({
    id: activityId,
    title: 'Sepsis recognition in the emergency department',
    providerName: 'Northwind Medical Education',
    format: 'live',
    startsAt: new Date('2026-03-03T14:00:00Z'),
    endsAt: new Date('2026-03-03T17:00:00Z'),
    location: 'Boston, MA',
    learningObjectives: ['Recognise early sepsis', 'Start the bundle within an hour'],
    priceCents: 0,
    policy: policySchema.parse(
      opts.policy ?? {
        credits: [
          { type: 'ama_pra_1', maxCredits: 3 },
          { type: 'acpe', maxCredits: 3, uan: '0001-0000-26-001-L01-P' },
        ],
      },
    ),
  });
  await db.insert(learners).values({
    id: learnerId,
    name: opts.learnerName ?? 'Dr. Amara Okafor',
    email: `${learnerId}@example.test`,
  });
  const [enrollment] = await db
    .insert(enrollments)
    .values({
      activityId,
      learnerId,
      workflowId: `enrollment:${activityId}:${learnerId}`,
      stage: 'certified',
    })
    .returning();
  const issuedAt = new Date('2026-03-04T09:30:00Z');
  const [certificate] = await db
    .insert(certificates)
    .values({
      number: newCertificateNumber(issuedAt),
      verificationCode: newVerificationCode(),
      enrollmentId: enrollment.id,
      creditType: opts.creditType ?? 'ama_pra_1',
      credits: opts.credits ?? 2.5,
      nabpEProfileId: opts.nabpEProfileId ?? null,
      learnerName: opts.learnerName ?? 'Dr. Amara Okafor',
      activityTitle: 'Sepsis recognition in the emergency department',
      issuedAt,
    })
    .returning();
  await db
    .insert(certificateEvents)
    .values({ certificateId: certificate.id, action: 'issued', actor: 'test' });
  return { activityId, learnerId, enrollment, certificate };
}
