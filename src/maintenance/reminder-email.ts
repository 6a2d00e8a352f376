// The reminder email: how long is left, what is missing (total and per topic),
// and this provider's activities that would fill it, with the dashboard link
// and a link that stops these reminders.
import { formatCredits, formatDate } from '../platform/format.js';
import { html } from '../platform/html.js';
import type { LinkMinter } from '../platform/links.js';
import { renderEmail } from '../platform/mail/render.js';
import type { CredentialStatus, Dashboard } from './dashboard.js';
import { dashboardLink, stopRemindersLink } from './links.js';
import type { Database } from '../db/client.js';
import { emailContact } from '../provider/email-contact.js';

/** What is still missing, one line each: the total, then each unmet minimum. */
export function gapLines(status: CredentialStatus): string[] {
  const standing = status.standing!;
  const unit = status.requirement!.unit;
  return [
    ...(standing.remaining > 0
      ? [
          `${formatCredits(standing.remaining)} more ${unit} in total (${formatCredits(standing.earned)} of ${formatCredits(standing.needed)})`,
        ]
      : []),
    ...standing.minimums
      .filter((m) => !m.met)
      .map(
        (m) =>
          `${m.label}: ${formatCredits(m.remaining)} more (${formatCredits(m.earned)} of ${formatCredits(m.needed)})`,
      ),
  ];
}

export async function composeReminder(
  minter: LinkMinter & { db: Database; config: { MAIL_FROM: string } },
  dashboard: Dashboard,
  status: CredentialStatus,
) {
  const standing = status.standing!;
  const unit = status.requirement!.unit;
  const gaps = gapLines(status);
  const suggestions = status.suggestions.map(
    (s) =>
      `${s.title} (${formatCredits(s.hours)} ${unit}${s.fills.length ? `; covers ${s.fills.join(', ')}` : ''})`,
  );
  const rendered = await renderEmail('credential_reminder', {
    values: {
      learnerName: dashboard.learnerName,
      credentialName: status.description,
      requirementName: status.requirement!.name,
      cycleEnds: formatDate(new Date(`${standing.cycle!.endsOn}T00:00:00Z`)),
      daysLeft: String(standing.daysLeft),
      gapLines: gaps.map((g) => `- ${g}`).join('\n'),
      suggestionLines: suggestions.length
        ? suggestions.map((s) => `- ${s}`).join('\n')
        : '- None of our activities open now covers it; CE from elsewhere counts too.',
      dashboardUrl: dashboardLink(minter, dashboard.learnerId),
      stopUrl: stopRemindersLink(minter, dashboard.learnerId, status.key),
    },
    safeHtml: {
      gapItems: html`${gaps.map((g) => html`<li>${g}</li>`)}`,
      suggestionItems: suggestions.length
        ? html`${suggestions.map((s) => html`<li>${s}</li>`)}`
        : html`<li>None of our activities open now covers it; CE from elsewhere counts too.</li>`,
    },
    contact: await emailContact(minter.db, minter.config, 'Continuing education'),
  });
  return { to: dashboard.learnerEmail, ...rendered };
}
