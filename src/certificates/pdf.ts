// Placeholder until the learner-surfaces issue: renders a certificate PDF.
import { PDFDocument } from 'pdf-lib';
import type { Database } from '../db/client.js';

export async function renderCertificatePdf(
  _db: Database,
  certificateId: string,
  _publicUrl: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate ${certificateId}`);
  doc.addPage();
  return doc.save();
}
