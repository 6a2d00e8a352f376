// The certificate PDF: one per credit type claimed, laid out by
// templates/certificate.yaml, with a QR code of the public verification URL.
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Database } from '../../db/client.js';
import { verificationUrl } from '../../platform/links.js';
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { certificateLayout } from './layout.js';
import { loadCertificateById, type CertificateRecord } from '../records.js';
import { creditsClaimedLine, designationStatement } from './statements.js';
import { formatDate, formatDateRange } from '../../platform/format.js';
import { safeText, wrapText, hexColour } from './text.js';

export class CertificateNotFoundError extends Error {}

export async function renderCertificatePdf(
  db: Database,
  certificateId: string,
  publicUrl: string,
): Promise<Uint8Array> {
  const record = await loadCertificateById(db, certificateId);
  if (!record) throw new CertificateNotFoundError(`certificate ${certificateId} not found`);
  return renderCertificateRecord(record, publicUrl);
}

export async function renderCertificateRecord(
  record: CertificateRecord,
  publicUrl: string,
): Promise<Uint8Array> {
  const { certificate: cert, activity } = record;
  const L = certificateLayout();
  const doc = await PDFDocument.create();
  const url = verificationUrl(publicUrl, cert.verificationCode);
  doc.setTitle(`Certificate ${cert.number}`);
  doc.setSubject(`${CREDIT_TYPE_LABELS[cert.creditType]}: ${cert.activityTitle}`);
  doc.setAuthor(activity.providerName);
  doc.setCreator('ce-outcomes');
  // Frozen at issue: a re-render months later prints the same dates.
  doc.setCreationDate(cert.issuedAt);
  doc.setModificationDate(cert.issuedAt);

  const page = doc.addPage([L.page.width, L.page.height]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const accent = hexColour(L.colours.accent);
  const ink = hexColour(L.colours.text);
  const muted = hexColour(L.colours.muted);
  const { width, height, margin } = L.page;

  for (const [inset, lineWidth] of [
    [L.border.inset, L.border.width],
    [L.border.innerInset, L.border.innerWidth],
  ] as const) {
    page.drawRectangle({
      x: inset,
      y: inset,
      width: width - 2 * inset,
      height: height - 2 * inset,
      borderColor: accent,
      borderWidth: lineWidth,
    });
  }

  let y = height - margin - 10;
  // y is the top of the next block; each line drops by its size to its baseline.
  const centred = (text: string, font: PDFFont, size: number, colour: RGB, gapAfter = 8) => {
    for (const line of wrapText(safeText(text, font), font, size, width - 2 * margin - 40)) {
      y -= size;
      const w = font.widthOfTextAtSize(line, size);
      page.drawText(line, { x: (width - w) / 2, y, size, font, color: colour });
      y -= size * 0.3;
    }
    y -= gapAfter;
  };

  const designation = activity.policy.credits.find((d) => d.type === cert.creditType);
  const facts = [
    formatDateRange(activity.startsAt, activity.endsAt),
    activity.format === 'live' ? 'Live activity' : 'Enduring material',
    activity.format === 'live' && activity.location ? activity.location : undefined,
  ].filter(Boolean);

  centred(activity.providerName, bold, L.sizes.provider, muted, 12);
  centred(L.wording.heading, bold, L.sizes.heading, accent, 28);
  centred(L.wording.certifies, regular, L.sizes.lead, ink, 12);
  centred(cert.learnerName, bold, L.sizes.name, ink, 22);
  centred(L.wording.participated[activity.format], regular, L.sizes.lead, ink, 10);
  centred(cert.activityTitle, bold, L.sizes.title, ink, 8);
  centred(facts.join('  ·  '), regular, L.sizes.facts, muted, 24);
  centred(L.wording.claimed, regular, L.sizes.lead, ink, 8);
  centred(creditsClaimedLine(cert.creditType, cert.credits), bold, L.sizes.credits, accent, 26);
  const statement = designationStatement(cert.creditType, {
    providerName: activity.providerName,
    format: activity.format,
    designation,
    credits: cert.credits,
  });
  centred(statement, regular, L.sizes.statement, ink, 4);

  await drawFooter(doc, page, { regular, bold, muted, ink }, record, url);
  return doc.save();
}

async function drawFooter(
  doc: PDFDocument,
  page: PDFPage,
  f: { regular: PDFFont; bold: PDFFont; muted: RGB; ink: RGB },
  record: CertificateRecord,
  url: string,
): Promise<void> {
  const L = certificateLayout();
  const { certificate: cert } = record;
  const size = L.sizes.footer;
  const qrSize = L.qr.size;
  const x = L.page.margin;
  const qrX = L.page.width - L.page.margin - qrSize;
  const baseY = L.page.margin;

  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: qrX, y: baseY, width: qrSize, height: qrSize });

  const lines: [string, string][] = [
    [L.wording.number, cert.number],
    [L.wording.issued, formatDate(cert.issuedAt)],
  ];
  if (cert.revision > 1) lines.push([L.wording.revision, String(cert.revision)]);
  lines.push([L.wording.verify, url]);
  let y = baseY + (lines.length - 1) * (size + 5);
  for (const [label, value] of lines) {
    const labelText = `${label}: `;
    page.drawText(labelText, { x, y, size, font: f.bold, color: f.ink });
    const lw = f.bold.widthOfTextAtSize(labelText, size);
    page.drawText(safeText(value, f.regular), { x: x + lw, y, size, font: f.regular, color: f.muted });
    y -= size + 5;
  }
}
