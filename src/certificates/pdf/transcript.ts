// The transcript as a PDF: portrait Letter, the provider at the top, one
// block per certificate, in the embedded Unicode font.
import { PDFDocument } from 'pdf-lib';
import { formatDate, formatDateRange } from '../../platform/format.js';
import type { Transcript } from '../transcript.js';
import { certificateLayout } from './layout.js';
import { flowingText, hexColour } from './text.js';
import { embedFonts } from './fonts.js';

/** The transcript as a portrait Letter PDF, one line per certificate. */
export async function renderTranscriptPdf(t: Transcript): Promise<Uint8Array> {
  const L = certificateLayout();
  const doc = await PDFDocument.create();
  doc.setTitle(`Transcript of ${t.learnerName}`);
  doc.setAuthor(t.provider.name);
  doc.setCreator('ce-outcomes');
  const texts = [
    t.provider.name,
    t.provider.contact,
    t.learnerName,
    ...t.entries.flatMap((e) => [e.activityTitle, e.providerName]),
  ];
  const { regular, bold } = await embedFonts(doc, texts);
  const accent = hexColour(L.colours.accent);
  const muted = hexColour(L.colours.muted);
  const { line, gap, margin: M } = flowingText(doc, hexColour(L.colours.text), regular);
  line(t.provider.name, 12, bold, muted);
  line(t.provider.contact, 9, regular, muted);
  gap(6);
  line('Continuing education transcript', 20, bold, accent);
  line(t.learnerName, 14, bold);
  line(`Generated ${formatDate(new Date(t.generatedAt))}`, 10, regular, muted);
  gap(10);
  line('Totals by credit type', 13, bold, accent);
  if (t.totals.length === 0) line('No certificates yet.', 11);
  for (const total of t.totals) line(`${total.creditLabel}: ${total.credits}`, 11);
  gap(10);
  line('Certificates', 13, bold, accent);
  for (const e of t.entries) {
    gap(4);
    line(e.activityTitle, 11, bold);
    line(
      `${e.providerName} · ${e.format === 'live' ? 'Live activity' : 'Enduring material'} · ${formatDateRange(new Date(e.startsAt), new Date(e.endsAt))}`,
      10,
      regular,
      muted,
      M + 12,
    );
    line(
      `${e.credits} ${e.creditLabel} · certificate ${e.certificateNumber} · issued ${formatDate(new Date(e.issuedAt))}`,
      10,
      regular,
      undefined,
      M + 12,
    );
    line(`Verify: ${e.verificationUrl}`, 9, regular, muted, M + 12);
  }
  return doc.save();
}
