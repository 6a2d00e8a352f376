// The emails learners get from reporting: a link to correct the NABP e-Profile
// ID and birth date CPE Monitor could not match, and word that CPE Monitor
// accepted the credit (the "reported on" date).
import type { Database } from '../db/client.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { toMs } from '../domain/duration.js';
import { formatCredits, formatDate, formatDateTime } from '../platform/format.js';
import { mintLink, type LinkMinter } from '../platform/links.js';
import { renderEmail } from '../platform/mail/render.js';
import { queueEmail } from '../outbox/outbox.js';
import { contactOf } from '../provider/email-contact.js';
import type { SubmissionRow } from './ledger.js';
import type { CpeMonitorRecord } from './records.js';

export async function queueCorrectionEmail(
  db: Database,
  minter: LinkMinter & { config: { MAIL_FROM: string } },
  row: SubmissionRow,
): Promise<void> {
  const parties = await findEnrollmentParties(db, row.enrollmentId);
  if (!parties) return;
  const { activity, learner } = parties;
  const record = row.payload as unknown as CpeMonitorRecord;
  const linkExpiry = activity.policy.windows.linkExpiry;
  const email = await renderEmail('reporting_correction', {
    values: {
      learnerName: learner.name,
      activityTitle: activity.title,
      providerName: activity.providerName,
      epid: record.epid ?? '(none)',
      birthMonthDay: record.birthMonthDay ?? '(none)',
      dueDate: row.dueAt ? formatDate(row.dueAt) : 'the deadline',
      link: mintLink(minter, 'nabp_profile', row.enrollmentId, linkExpiry),
      linkExpires: formatDateTime(new Date(minter.clock.now().getTime() + toMs(linkExpiry))),
    },
    contact: contactOf(parties.providerContact, minter.config, activity.providerName),
  });
  await queueEmail(db, {
    enrollmentId: row.enrollmentId,
    kind: 'reporting_correction',
    dedupeKey: `${row.enrollmentId}:reporting_correction:r${row.revision}`,
    to: learner.email,
    ...email,
  });
}

export async function queueReportedEmail(
  db: Database,
  config: { MAIL_FROM: string },
  row: SubmissionRow,
  acceptedAt: Date,
): Promise<void> {
  const parties = await findEnrollmentParties(db, row.enrollmentId);
  if (!parties) return;
  const { activity, learner } = parties;
  const record = row.payload as unknown as CpeMonitorRecord;
  const email = await renderEmail('cpe_monitor_reported', {
    values: {
      learnerName: learner.name,
      activityTitle: activity.title,
      providerName: activity.providerName,
      hours: formatCredits(record.contactHours),
      uan: record.uan,
      reportedOn: formatDate(acceptedAt),
    },
    contact: contactOf(parties.providerContact, config, activity.providerName),
  });
  await queueEmail(db, {
    enrollmentId: row.enrollmentId,
    kind: 'cpe_monitor_reported',
    dedupeKey: `${row.enrollmentId}:cpe_monitor_reported`,
    to: learner.email,
    ...email,
  });
}
