// The certificate PDF: one per credit type claimed (or a certificate of
// participation), laid out by templates/certificate.yaml, with the provider's
// logo, statements and signatory, and a QR code of the verification URL.
// Names print in an embedded Unicode font (./fonts.ts).
import { PDFDocument, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { verificationUrl } from '../../platform/links.js';
import { CREDIT_TYPE_LABELS, CREDIT_TYPES, type CertificateKind } from '../../domain/policy.js';
import { certificateLayout } from './layout.js';
import type { CertificateRecord } from '../records.js';
import { certificateStatements, creditsClaimedLine } from './statements.js';
import { formatDate, formatDateRange } from '../../platform/format.js';
import { hexColour } from './text.js';
import { embedFonts, type Face, type Fonts } from './fonts.js';
import type { StoredProvider } from '../../provider/profile.js';

export interface RenderOptions {
  publicUrl: string;
  provider: StoredProvider;
}

const heading = (kind: CertificateKind) => {
  const { heading: h } = certificateLayout().wording;
  return kind === 'participation' || (CREDIT_TYPES as readonly string[]).includes(kind)
    ? h[kind as keyof typeof h]
    : h.retired;
};

async function embedImage(doc: PDFDocument, bytes: Buffer | null, type: string | null) {
  if (!bytes) return undefined;
  return type === 'image/jpeg' ? doc.embedJpg(bytes) : doc.embedPng(bytes);
}

/** A paragraph: text, face, size, colour, space after, and how much narrower than the page it wraps (default 40). */
type Block = [string, Face, number, RGB, number, number?];

/** The signature rule's height, and the top of the space the signature image may take above it. */
const signatureLineY = () => certificateLayout().page.margin + certificateLayout().qr.size * 0.45;
const signatureTop = () => signatureLineY() + certificateLayout().signature.maxHeight + 14;

function fit(image: PDFImage, box: { maxWidth: number; maxHeight: number }) {
  const scale = Math.min(box.maxWidth / image.width, box.maxHeight / image.height, 1);
  return { width: image.width * scale, height: image.height * scale };
}

export async function renderCertificateRecord(
  record: CertificateRecord,
  options: RenderOptions,
): Promise<Uint8Array> {
  const { certificate: cert, activity } = record;
  const { provider } = options;
  const L = certificateLayout();
  const doc = await PDFDocument.create();
  const url = verificationUrl(options.publicUrl, cert.verificationCode);
  doc.setTitle(`Certificate ${cert.number}`);
  doc.setSubject(`${CREDIT_TYPE_LABELS[cert.creditType]}: ${cert.activityTitle}`);
  doc.setAuthor(provider.name);
  doc.setCreator('ce-outcomes');
  // Frozen at issue: a re-render months later prints the same dates.
  doc.setCreationDate(cert.issuedAt);
  doc.setModificationDate(cert.issuedAt);

  const statements = certificateStatements(cert.creditType, {
    provider,
    format: activity.format,
    designation: activity.policy.credits.find((d) => d.type === cert.creditType),
    designations: activity.policy.credits,
    credits: cert.credits,
    nabpEProfileId: cert.nabpEProfileId,
    reportedAt: cert.reportedAt,
  });
  const facts = [
    formatDateRange(activity.startsAt, activity.endsAt),
    activity.format === 'live' ? 'Live activity' : 'Enduring material',
    activity.format === 'live' && activity.location ? activity.location : undefined,
  ]
    .filter(Boolean)
    .join('  ·  ');
  const signatory = [provider.signatoryName, provider.signatoryTitle].filter(Boolean).join(', ');
  const fonts = await embedFonts(doc, [
    cert.learnerName,
    cert.activityTitle,
    facts,
    provider.name,
    signatory,
    ...statements,
  ]);

  const page = doc.addPage([L.page.width, L.page.height]);
  const colour = {
    accent: hexColour(L.colours.accent),
    ink: hexColour(L.colours.text),
    muted: hexColour(L.colours.muted),
  };
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
      borderColor: colour.accent,
      borderWidth: lineWidth,
    });
  }
  const participation = cert.creditType === 'participation';
  const paragraphs: Block[] = [
    [provider.name, fonts.bold, L.sizes.provider, colour.muted, 10],
    [heading(cert.creditType), fonts.bold, L.sizes.heading, colour.accent, 18],
    [L.wording.certifies, fonts.regular, L.sizes.lead, colour.ink, 8],
    [cert.learnerName, fonts.bold, L.sizes.name, colour.ink, 14],
    [L.wording.participated[activity.format], fonts.regular, L.sizes.lead, colour.ink, 6],
    [cert.activityTitle, fonts.bold, L.sizes.title, colour.ink, 4],
    [facts, fonts.regular, L.sizes.facts, colour.muted, 14],
    [participation ? L.wording.attended : L.wording.claimed, fonts.regular, L.sizes.lead, colour.ink, 4],
    [creditsClaimedLine(cert.creditType, cert.credits), fonts.bold, L.sizes.credits, colour.accent, 12],
    ...statements.map((t): Block => [t, fonts.regular, L.sizes.statement, colour.ink, 4, 60]),
  ];
  const blocks = paragraphs.map(([text, face, size, color, gapAfter, inset = 40]) => {
    const lines = face.wrap(text, size, width - 2 * margin - inset);
    return { lines, face, size, color, gapAfter, height: lines.length * size * 1.3 + gapAfter };
  });
  // The logo only when there is one (no placeholder box); either way the
  // block is centred between the top and the signature, so the page stays balanced.
  const logo = await embedImage(doc, provider.logo, provider.logoType);
  const logoSize = logo ? fit(logo, L.logo) : undefined;
  const top = height - margin - 6;
  const contentHeight = (logoSize ? logoSize.height + 10 : 0) + blocks.reduce((sum, b) => sum + b.height, 0);
  let y = top - Math.max(0, (top - signatureTop() - contentHeight) / 2);
  if (logo && logoSize) {
    page.drawImage(logo, { x: (width - logoSize.width) / 2, y: y - logoSize.height, ...logoSize });
    y -= logoSize.height + 10;
  }
  // y is the top of the next block; each line drops by its size to its baseline.
  for (const b of blocks) {
    for (const line of b.lines) {
      y -= b.size;
      b.face.draw(page, line, {
        x: (width - b.face.width(line, b.size)) / 2,
        y,
        size: b.size,
        color: b.color,
      });
      y -= b.size * 0.3;
    }
    y -= b.gapAfter;
  }

  await drawSignature(doc, page, fonts, options.provider, signatory);
  await drawFooter(doc, page, fonts, record, url);
  return doc.save();
}

/** The signatory, centred above the footer: the signature image, a rule, the name and title. */
async function drawSignature(
  doc: PDFDocument,
  page: PDFPage,
  fonts: Fonts,
  provider: StoredProvider,
  signatory: string,
) {
  if (!signatory && !provider.signature) return;
  const L = certificateLayout();
  const ink = hexColour(L.colours.text);
  const lineY = signatureLineY();
  const centre = L.page.width / 2;
  const image = await embedImage(doc, provider.signature, provider.signatureType);
  if (image) {
    const size = fit(image, L.signature);
    page.drawImage(image, { x: centre - size.width / 2, y: lineY + 2, ...size });
  }
  page.drawLine({
    start: { x: centre - 110, y: lineY },
    end: { x: centre + 110, y: lineY },
    thickness: 0.5,
    color: ink,
  });
  const size = L.sizes.footer;
  if (signatory)
    fonts.regular.draw(page, signatory, {
      x: centre - fonts.regular.width(signatory, size) / 2,
      y: lineY - size - 3,
      size,
      color: ink,
    });
}

async function drawFooter(
  doc: PDFDocument,
  page: PDFPage,
  fonts: Fonts,
  record: CertificateRecord,
  url: string,
) {
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
    const ink = hexColour(L.colours.text);
    fonts.bold.draw(page, labelText, { x, y, size, color: ink });
    fonts.regular.draw(page, value, {
      x: x + fonts.bold.width(labelText, size),
      y,
      size,
      color: hexColour(L.colours.muted),
    });
    y -= size + 5;
  }
}
