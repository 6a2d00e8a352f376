// The hook the regulator reporting calls: once CPE Monitor (or CE Broker)
// accepts a certificate's credit, the certificate says so. The PDF is rendered
// again with the same number and issue date and stored in place of the old one.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificates } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import { loadCertificateById } from './records.js';
import { renderCertificate, type RenderConfig } from './render.js';

/** Re-renders and stores a certificate's PDF from its row as it is now (same number, same issue date). */
export async function rerenderCertificate(
  db: Database,
  certificateId: string,
  config: RenderConfig,
): Promise<Buffer> {
  const record = await loadCertificateById(db, certificateId);
  if (!record) throw new NotFound(`certificateId: no certificate "${certificateId}"`);
  const pdf = await renderCertificate(db, record, config);
  await db.update(certificates).set({ pdf }).where(eq(certificates.id, certificateId));
  return pdf;
}

/** Records the regulator's acceptance (null clears it) and re-renders the PDF to say so. */
export async function recordReported(
  db: Database,
  certificateId: string,
  report: { reportedAt: Date | null; reportedTo: string | null },
  config: RenderConfig,
): Promise<Buffer> {
  const updated = await db
    .update(certificates)
    .set({ reportedAt: report.reportedAt, reportedTo: report.reportedAt ? report.reportedTo : null })
    .where(eq(certificates.id, certificateId))
    .returning({ id: certificates.id });
  if (updated.length === 0) throw new NotFound(`certificateId: no certificate "${certificateId}"`);
  return rerenderCertificate(db, certificateId, config);
}
