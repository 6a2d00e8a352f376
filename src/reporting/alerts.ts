// The deadline alert: once a day, staff get one email listing every
// submission due within 7 days and not accepted, and every late one (marked
// LATE). Keyed by the day in the outbox, so several worker replicas send one.
import { and, asc, eq, isNotNull, lte, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, emailOutbox, regulatorSubmissions } from '../db/schema/index.js';
import { ALERT_WITHIN_DAYS, REGULATOR_LABELS, STATUS_LABELS } from '../domain/reporting.js';
import { formatDate, isoDay } from '../platform/format.js';
import { queueEmail } from '../outbox/outbox.js';
import { staffEmail } from './staff-email.js';
import type { ReportingConfig } from './transports.js';

export const alertDedupeKey = (day: Date) => `reporting-alert:${isoDay(day)}`;

/** Submissions not accepted whose deadline is within the alert window (or past). */
export async function dueSoon(db: Database, now: Date) {
  const horizon = new Date(now.getTime() + ALERT_WITHIN_DAYS * 86_400_000);
  return db
    .select({ row: regulatorSubmissions, title: activities.title })
    .from(regulatorSubmissions)
    .innerJoin(activities, eq(activities.id, regulatorSubmissions.activityId))
    .where(
      and(
        ne(regulatorSubmissions.status, 'accepted'),
        isNotNull(regulatorSubmissions.dueAt),
        lte(regulatorSubmissions.dueAt, horizon),
      ),
    )
    .orderBy(asc(regulatorSubmissions.dueAt));
}

/** Sends today's alert if there is anything to say and it has not gone out yet. Returns whether it queued one. */
export async function sendDeadlineAlert(
  deps: { db: Database; config: ReportingConfig & { PUBLIC_URL: string } },
  now: Date,
): Promise<boolean> {
  const dedupeKey = alertDedupeKey(now);
  const [sent] = await deps.db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, dedupeKey));
  if (sent) return false;
  const due = await dueSoon(deps.db, now);
  if (due.length === 0) return false;
  const late = due.filter((d) => d.row.dueAt! <= now || d.row.status === 'late');
  await queueEmail(
    deps.db,
    await staffEmail(deps, {
      kind: 'reporting_alert',
      dedupeKey,
      subjectLine: `${due.length} submission${due.length === 1 ? '' : 's'} due within ${ALERT_WITHIN_DAYS} days${late.length ? `, ${late.length} late` : ''}`,
      heading: 'Reporting deadlines',
      intro: `These submissions are due within ${ALERT_WITHIN_DAYS} days and the regulator has not accepted them${late.length ? '; those marked LATE are past their deadline' : ''}.`,
      columns: ['Due', 'Regulator', 'Activity', 'Status', 'Why'],
      rows: due.map(({ row, title }) => [
        formatDate(row.dueAt!),
        REGULATOR_LABELS[row.regulator],
        title,
        row.dueAt! <= now ? 'LATE' : STATUS_LABELS[row.status],
        row.blockedReason ?? row.rejectionMessage ?? (row.deliveryUnknown ? 'delivery unknown' : ''),
      ]),
      lateRows: due.flatMap((d, i) => (late.includes(d) ? [i] : [])),
    }),
  );
  return true;
}
