// The certificate side of an accepted CPE Monitor report: the ACPE
// certificate may say "reported to CPE Monitor on <date>" only once CPE Monitor
// accepted it. Called once, when the submission is accepted. The certificate's
// own "reported" column and the re-rendered PDF are the certificates' (issue
// #9); here the ACPE certificates concerned are found and returned.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificates } from '../db/schema/index.js';
import type { Regulator } from '../domain/reporting.js';

const CREDIT_TYPE_OF: Partial<Record<Regulator, 'acpe'>> = { cpe_monitor: 'acpe' };

/** The valid certificates whose credit the regulator accepted at `acceptedAt`. */
export async function certificateReported(
  db: Database,
  enrollmentId: string,
  regulator: Regulator,
  acceptedAt: Date,
): Promise<{ certificateIds: string[]; reportedAt: Date }> {
  const creditType = CREDIT_TYPE_OF[regulator];
  if (!creditType) return { certificateIds: [], reportedAt: acceptedAt };
  const rows = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(
      and(
        eq(certificates.enrollmentId, enrollmentId),
        eq(certificates.creditType, creditType),
        eq(certificates.status, 'valid'),
      ),
    );
  return { certificateIds: rows.map((r) => r.id), reportedAt: acceptedAt };
}
