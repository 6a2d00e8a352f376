// Issues the certificates of an enrollment: one per credit type claimed,
// revision 1. Idempotent: the (enrollment, type, revision) key makes a retried
// or crashed issue find the certificate it already made instead of a second one.
import { and, asc, eq } from 'drizzle-orm';
import type { ActivityDeps } from '../index.js';
import {
  activities,
  certificateEvents,
  certificates,
  creditClaims,
  enrollments,
  learners,
} from '../../src/db/schema/index.js';
import type { CreditType } from '../../src/domain/policy.js';
import { newCertificateNumber, newVerificationCode } from '../../src/certificates/numbers.js';

export interface IssuedCertificate {
  certificateId: string;
  creditType: CreditType;
  number: string;
}

export function createCertificateActivities({ db }: ActivityDeps) {
  return {
    async issueCertificates(input: { enrollmentId: string; at: string }): Promise<IssuedCertificate[]> {
      const issuedAt = new Date(input.at);
      const [row] = await db
        .select({ learnerName: learners.name, activityTitle: activities.title })
        .from(enrollments)
        .innerJoin(activities, eq(activities.id, enrollments.activityId))
        .innerJoin(learners, eq(learners.id, enrollments.learnerId))
        .where(eq(enrollments.id, input.enrollmentId));
      if (!row) throw new Error(`no enrollment ${input.enrollmentId}`);
      const claims = await db
        .select()
        .from(creditClaims)
        .where(eq(creditClaims.enrollmentId, input.enrollmentId))
        .orderBy(asc(creditClaims.creditType));
      for (const claim of claims) {
        await db.transaction(async (tx) => {
          const inserted = await tx
            .insert(certificates)
            .values({
              number: newCertificateNumber(issuedAt),
              verificationCode: newVerificationCode(),
              enrollmentId: input.enrollmentId,
              creditType: claim.creditType,
              revision: 1,
              credits: claim.credits,
              learnerName: row.learnerName,
              activityTitle: row.activityTitle,
              issuedAt,
            })
            .onConflictDoNothing({
              target: [certificates.enrollmentId, certificates.creditType, certificates.revision],
            })
            .returning({ id: certificates.id });
          if (inserted.length > 0) {
            await tx
              .insert(certificateEvents)
              .values({ certificateId: inserted[0].id, action: 'issued', actor: 'enrollment workflow' });
          }
        });
      }
      const issued = await db
        .select({
          certificateId: certificates.id,
          creditType: certificates.creditType,
          number: certificates.number,
        })
        .from(certificates)
        .where(and(eq(certificates.enrollmentId, input.enrollmentId), eq(certificates.revision, 1)))
        .orderBy(asc(certificates.creditType));
      return issued;
    },
  };
}
