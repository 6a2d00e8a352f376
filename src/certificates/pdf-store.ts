// A certificate's PDF as issued: rendered once (at issue, or on first use for
// certificates issued before PDFs were stored) and served from PostgreSQL after.
import { eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { certificates } from '../db/schema/index.js';
import { PermanentMailError, type CertificatePdfSource } from '../outbox/outbox.js';
import { renderCertificateRecord } from './pdf/certificate.js';
import { loadCertificateById } from './records.js';

export function storedCertificatePdf(db: Database, config: Pick<Config, 'PUBLIC_URL'>): CertificatePdfSource {
  return async (certificateId) => {
    const record = await loadCertificateById(db, certificateId);
    if (!record)
      throw new PermanentMailError(`outbox: attachment certificate ${certificateId} does not exist`);
    let pdf = record.certificate.pdf;
    if (!pdf) {
      pdf = Buffer.from(await renderCertificateRecord(record, config.PUBLIC_URL));
      await db.update(certificates).set({ pdf }).where(eq(certificates.id, certificateId));
    }
    return { filename: `${record.certificate.number}.pdf`, content: pdf };
  };
}
