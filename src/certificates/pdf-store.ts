// A certificate's PDF as issued: rendered once (at issue, or on first use for
// certificates issued before PDFs were stored) and served from PostgreSQL after.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificates } from '../db/schema/index.js';
import { PermanentMailError, type CertificatePdfSource } from '../outbox/outbox.js';
import { loadCertificateById } from './records.js';
import { renderCertificate, type RenderConfig } from './render.js';

/** The stored PDF of a certificate, rendered and stored first if it has none; undefined when no such certificate. */
export async function storedPdf(db: Database, certificateId: string, config: RenderConfig) {
  const record = await loadCertificateById(db, certificateId);
  if (!record) return undefined;
  let pdf = record.certificate.pdf;
  if (!pdf) {
    pdf = await renderCertificate(db, record, config);
    await db.update(certificates).set({ pdf }).where(eq(certificates.id, certificateId));
  }
  return { filename: `${record.certificate.number}.pdf`, content: pdf };
}

export function storedCertificatePdf(db: Database, config: RenderConfig): CertificatePdfSource {
  return async (certificateId) => {
    const stored = await storedPdf(db, certificateId, config);
    if (!stored)
      throw new PermanentMailError(`outbox: attachment certificate ${certificateId} does not exist`);
    return stored;
  };
}
