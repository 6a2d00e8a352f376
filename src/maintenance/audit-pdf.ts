// The credential maintenance record as a PDF for a board audit: per credential,
// the cycle, earned and needed, each topic requirement with the credit
// allocated to it, and every record with why it counts or not, in the
// certificates' embedded Unicode font.
import { PDFDocument } from 'pdf-lib';
import { formatDate } from '../platform/format.js';
import { certificateLayout } from '../certificates/pdf/layout.js';
import { flowingText, hexColour } from '../certificates/pdf/text.js';
import { embedFonts } from '../certificates/pdf/fonts.js';
import type { Dashboard } from './dashboard.js';

const amount = (n: number) => String(Math.round(n * 100) / 100);

export async function renderAuditPdf(d: Dashboard, publicUrl: string): Promise<Uint8Array> {
  const L = certificateLayout();
  const doc = await PDFDocument.create();
  doc.setTitle(`Credential maintenance record of ${d.learnerName}`);
  doc.setCreator('ce-outcomes');
  // Every character the record may print, so the embedded subsets hold them all.
  const { regular, bold } = await embedFonts(doc, [JSON.stringify(d)]);
  const [accent, muted, ink] = [L.colours.accent, L.colours.muted, L.colours.text].map(hexColour);
  const { line, gap, margin: M } = flowingText(doc, ink, regular);
  line('Credential maintenance record', 20, bold, accent);
  line(d.learnerName, 14, bold);
  line(`As of ${formatDate(new Date(d.generatedAt))} · ${new URL(publicUrl).host}`, 10, regular, muted);
  if (d.credentials.length === 0) line('No licences or certifications on file.', 11);
  for (const c of d.credentials) {
    gap(12);
    line(c.description, 13, bold, accent);
    const s = c.standing;
    const r = c.requirement;
    if (!r || !s) {
      line('No requirement is on file for this credential.', 11);
      continue;
    }
    line(r.name, 10, regular, muted);
    line(
      s.cycle
        ? `Cycle ${formatDate(new Date(s.cycle.startsOn))} to ${formatDate(new Date(s.cycle.endsOn))} (${s.daysLeft} days left)`
        : 'Cycle dates not set',
      11,
    );
    line(
      `${amount(s.earned)} of ${amount(s.needed)} ${r.unit} · ${s.allMet ? 'all requirements met' : `${s.met} of ${s.of} requirements met`}`,
      11,
      bold,
    );
    if (s.academic)
      line(
        `Academic credit: ${amount(s.academic.counted)} counted of ${amount(s.academic.offered)} (at most ${amount(s.academic.cap)})`,
        10,
      );
    for (const m of s.minimums) {
      line(
        `${m.label}: ${amount(m.earned)} of ${amount(m.needed)}${m.met ? '' : ' (short)'}`,
        10,
        bold,
        ink,
        M + 12,
      );
      for (const f of m.from) line(`${amount(f.hours)} from ${f.title}`, 9, regular, muted, M + 24);
    }
    line('Records', 11, bold, ink);
    for (const src of s.sources)
      line(
        `${src.title}: ${amount(src.hours)}${src.counts ? '' : ` (not counted: ${src.reason})`}`,
        9,
        regular,
        src.counts ? ink : muted,
        M + 12,
      );
  }
  gap(12);
  line('Credit from elsewhere', 13, bold, accent);
  const entries = d.records.filter((rec) => rec.entry);
  if (entries.length === 0) line('None entered.', 10);
  for (const e of entries)
    line(
      `${e.completedOn} · ${e.title} · ${e.provider} · ${amount(e.entry!.hours)} · ${e.entry!.status === 'verified' ? 'verified by staff' : e.entry!.status === 'needs_more' ? 'staff asked for more evidence' : 'evidence on file'}`,
      9,
      regular,
      ink,
      M + 12,
    );
  return doc.save();
}
