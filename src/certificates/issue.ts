// Issuing an enrollment's certificates: one per credit type claimed, revision
// 1, each with its PDF rendered once and stored. Idempotent: the (enrollment,
// type, revision) key makes a retried issue find what it already made.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificateEvents, certificates, type activities } from '../db/schema/index.js';
import type { CertificateKind } from '../domain/policy.js';
import { newCertificateNumber, newVerificationCode } from './numbers.js';
import { renderCertificate, type RenderConfig } from './render.js';

export type CertificateRow = typeof certificates.$inferSelect;

export interface IssueInput {
  enrollmentId: string;
  learnerId: string;
  learnerName: string;
  activity: typeof activities.$inferSelect;
  /** One certificate per line: each credit type claimed, or participation. */
  claims: { creditType: CertificateKind; credits: number }[];
  issuedAt: Date;
  /** ACPE: the learner's NABP e-Profile ID now, printed on the certificate. */
  nabpEProfileId?: string | null;
  config: RenderConfig;
  /** Called after each PDF is rendered (an activity heartbeats). */
  onRendered?: () => void;
}

/** Issues (or finds) the certificates in the caller's transaction, PDFs included, ordered by credit type. */
export async function issueCertificates(db: Database, input: IssueInput): Promise<CertificateRow[]> {
  for (const claim of [...input.claims].sort((a, b) => a.creditType.localeCompare(b.creditType))) {
    const inserted = await db
      .insert(certificates)
      .values({
        number: newCertificateNumber(input.issuedAt),
        verificationCode: newVerificationCode(),
        enrollmentId: input.enrollmentId,
        creditType: claim.creditType,
        revision: 1,
        credits: claim.credits,
        nabpEProfileId: claim.creditType === 'acpe' ? (input.nabpEProfileId ?? null) : null,
        learnerName: input.learnerName,
        activityTitle: input.activity.title,
        issuedAt: input.issuedAt,
      })
      .onConflictDoNothing({
        target: [certificates.enrollmentId, certificates.creditType, certificates.revision],
      })
      .returning({ id: certificates.id });
    if (inserted.length > 0) {
      await db
        .insert(certificateEvents)
        .values({ certificateId: inserted[0].id, action: 'issued', actor: 'enrollment workflow' });
    }
  }
  const issued = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.enrollmentId, input.enrollmentId), eq(certificates.revision, 1)))
    .orderBy(asc(certificates.creditType));
  for (const cert of issued) {
    if (cert.pdf) continue;
    const record = { certificate: cert, activity: input.activity, learnerId: input.learnerId };
    cert.pdf = await renderCertificate(db, record, input.config);
    await db.update(certificates).set({ pdf: cert.pdf }).where(eq(certificates.id, cert.id));
    input.onRendered?.();
  }
  return issued;
}
