// The certificate side of an accepted CPE Monitor report: the ACPE
// certificate may say "reported to CPE Monitor on <date>" only once CPE Monitor
// accepted it. Called when the submission is accepted, in that transaction:
// each valid ACPE certificate of the enrollment records the acceptance and its
// PDF is rendered again (same number, same issue date) to say so.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificates } from '../db/schema/index.js';
import type { Regulator } from '../domain/reporting.js';
import { recordReported } from '../certificates/reported.js';
import type { RenderConfig } from '../certificates/render.js';

const CREDIT_TYPE_OF: Partial<Record<Regulator, 'acpe'>> = { cpe_monitor: 'acpe' };

/** The valid certificates whose credit the regulator accepted at `acceptedAt`. */
export async function certificateReported(
  db: Database,
  enrollmentId: string,
  regulator: Regulator,
  acceptedAt: Date,
  config: RenderConfig,
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
  for (const { id } of rows)
    await recordReported(db, id, { reportedAt: acceptedAt, reportedTo: regulator }, config);
  return { certificateIds: rows.map((r) => r.id), reportedAt: acceptedAt };
}
