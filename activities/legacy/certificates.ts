// v1: issues the certificates of an enrollment (the same issue as v2's claim step).
import { asc, eq } from 'drizzle-orm';
import type { ActivityDeps } from '../index.js';
import { creditClaims } from '../../src/db/schema/index.js';
import type { CertificateKind } from '../../src/domain/policy.js';
import { findEnrollmentParties } from '../../src/db/enrollment-parties.js';
import { issueCertificates } from '../../src/certificates/issue.js';

export interface IssuedCertificate {
  certificateId: string;
  creditType: CertificateKind;
  number: string;
}

export function createCertificateActivities({ db, config }: ActivityDeps) {
  return {
    async issueCertificates(input: { enrollmentId: string; at: string }): Promise<IssuedCertificate[]> {
      const parties = await findEnrollmentParties(db, input.enrollmentId);
      if (!parties) throw new Error(`no enrollment ${input.enrollmentId}`);
      const claims = await db
        .select({ creditType: creditClaims.creditType, credits: creditClaims.credits })
        .from(creditClaims)
        .where(eq(creditClaims.enrollmentId, input.enrollmentId))
        .orderBy(asc(creditClaims.creditType));
      const issued = await db.transaction((tx) =>
        issueCertificates(tx, {
          enrollmentId: input.enrollmentId,
          learnerId: parties.learner.id,
          learnerName: parties.learner.name,
          activity: parties.activity,
          claims,
          issuedAt: new Date(input.at),
          nabpEProfileId: parties.learner.nabpEProfileId,
          config,
        }),
      );
      return issued.map((c) => ({ certificateId: c.id, creditType: c.creditType, number: c.number }));
    },
  };
}
