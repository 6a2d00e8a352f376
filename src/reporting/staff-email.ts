// Emails to CE staff about reporting (a UAN problem, the deadline alert): one
// template, a heading, a sentence and a table, with a link to the reporting page.
import type { OutboxMail } from '../outbox/outbox.js';
import { html } from '../platform/html.js';
import { renderEmail } from '../platform/mail/render.js';
import type { Database } from '../db/client.js';
import { emailContact } from '../provider/email-contact.js';
import { staffAddress } from './transports.js';

export interface StaffNotice {
  kind: string;
  dedupeKey: string;
  subjectLine: string;
  heading: string;
  intro: string;
  columns: string[];
  rows: string[][];
  /** Cells of rows to show as late (red): row indexes. */
  lateRows?: number[];
}

export async function staffEmail(
  {
    db,
    config,
  }: { db: Database; config: { PUBLIC_URL: string; REPORTING_ALERT_TO?: string; MAIL_FROM: string } },
  n: StaffNotice,
): Promise<OutboxMail> {
  const late = new Set(n.lateRows ?? []);
  const table = html`<tr>
      ${n.columns.map((c) => html`<th>${c}</th>`)}
    </tr>
    ${n.rows.map(
      (r, i) =>
        html`<tr class="${late.has(i) ? 'late' : ''}">
          ${r.map((c) => html`<td>${c}</td>`)}
        </tr>`,
    )}`;
  const text = n.rows.map((r, i) => `- ${late.has(i) ? '[LATE] ' : ''}${r.join(' | ')}`).join('\n');
  const email = await renderEmail('reporting_staff', {
    values: {
      subjectLine: n.subjectLine,
      heading: n.heading,
      intro: n.intro,
      rowsText: text,
      link: new URL('/reporting', config.PUBLIC_URL).toString(),
    },
    safeHtml: { rows: table },
    contact: await emailContact(db, config, 'Continuing education'),
  });
  return { enrollmentId: null, kind: n.kind, dedupeKey: n.dedupeKey, to: staffAddress(config), ...email };
}
