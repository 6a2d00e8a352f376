// The digest email: one line per activity whose follow-up closed, with its
// main figures, verdicts and a link to its report (no token: the reader signs in).
import type { Database } from '../../db/client.js';
import { isoDay, pct } from '../../platform/format.js';
import { html } from '../../platform/html.js';
import { renderEmail, type RenderedEmail } from '../../platform/mail/render.js';
import { activityReport } from '../activity-report.js';
import { emailContact } from '../../provider/email-contact.js';
import type { ActivityReport } from '../schemas.js';
import type { DigestWindow } from './digest.js';

function verdictSummary(r: ActivityReport): string {
  const count = (v: string) => r.acceptability.filter((a) => a.verdict === v).length;
  return `${count('acceptable')} acceptable, ${count('below_threshold')} below threshold, ${count('too_few_responses')} too few responses`;
}

const answered = (r: ActivityReport) =>
  `${r.performance.answered} of ${r.performance.sent} (${pct(r.performance.responseRate)})`;

export async function renderDigest(
  db: Database,
  w: DigestWindow,
  config: { PUBLIC_URL: string; MAIL_FROM: string },
): Promise<RenderedEmail> {
  const base = config.PUBLIC_URL.replace(/\/$/, '');
  const reports: ActivityReport[] = [];
  for (const a of w.activities) reports.push(await activityReport(db, a.id, w.until));
  const starts = reports.map((r) => isoDay(r.activity.startsAt)).sort();
  const programUrl = `${base}/reports/programs/${encodeURIComponent(w.programId)}${
    starts.length ? `?from=${starts[0]}&to=${starts[starts.length - 1]}` : ''
  }`;
  const link = (r: ActivityReport) => `${base}/reports/activities/${encodeURIComponent(r.activity.id)}`;
  const rows = reports.map(
    (r) =>
      html`<tr>
          <td class="activity" colspan="2"><a href="${link(r)}"><strong>${r.activity.title}</strong></a> · <span style="white-space: nowrap">${isoDay(r.activity.startsAt)}</span></td>
        </tr>
        <tr><td class="label">Enrolled</td><td>${r.funnel.enrolled}</td></tr>
        <tr><td class="label">Follow-up answered</td><td>${answered(r)}</td></tr>
        <tr><td class="label">Implemented, fully or partly</td><td>${pct(r.performance.implementedShare)}</td></tr>
        <tr><td class="label">Verdicts</td><td>${verdictSummary(r)}</td></tr>`,
  );
  const lines = reports.flatMap((r) => [
    `* ${r.activity.title} (${isoDay(r.activity.startsAt)})`,
    `  enrolled ${r.funnel.enrolled}; follow-up answered ${answered(r)}; implemented fully or partly ${pct(r.performance.implementedShare)}`,
    `  verdicts: ${verdictSummary(r)}`,
    `  ${link(r)}`,
  ]);
  return renderEmail('digest', {
    values: {
      programName: w.programName,
      activityCount: `${reports.length} activit${reports.length === 1 ? 'y' : 'ies'}`,
      periodText: w.from ? `between ${isoDay(w.from)} and ${isoDay(w.until)}` : `by ${isoDay(w.until)}`,
      programReportUrl: programUrl,
      activityLines: lines.join('\n'),
    },
    safeHtml: { activityRows: html`${rows}` },
    contact: await emailContact(db, config, 'Continuing education'),
  });
}
