// A certificate rendered with the provider as stored now: at issue, for
// certificates issued before PDFs were stored, and when a regulator's
// acceptance changes what an ACPE certificate says.
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { loadProvider } from '../provider/profile.js';
import { renderCertificateRecord } from './pdf/certificate.js';
import type { CertificateRecord } from './records.js';

export type RenderConfig = Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>;

export async function renderCertificate(
  db: Database,
  record: CertificateRecord,
  config: RenderConfig,
): Promise<Buffer> {
  const provider = await loadProvider(db, { name: record.activity.providerName, mailFrom: config.MAIL_FROM });
  return Buffer.from(await renderCertificateRecord(record, { publicUrl: config.PUBLIC_URL, provider }));
}
