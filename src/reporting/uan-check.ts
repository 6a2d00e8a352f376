// Before an ACPE activity's first submission, its UAN is looked up with
// ACPE's activity-details operation: unknown to ACPE, or registered with other
// dates than the activity's, and every record would be refused. Staff are told
// at once (an email) and the activity's submissions wait until they retry.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { reportingActivities, type activities, type UanCheck } from '../db/schema/index.js';
import { isoDay, formatDate } from '../platform/format.js';
import { queueEmail } from '../outbox/outbox.js';
import {
  activityDetailsRequest,
  readActivityDetails,
  type AcpeActivityDetails,
} from './adapters/cpe-monitor.js';
import type { Transport } from './transports.js';
import { staffEmail } from './staff-email.js';

type Activity = Pick<typeof activities.$inferSelect, 'id' | 'title' | 'format' | 'startsAt' | 'endsAt'>;

export class UanLookupUnavailable extends Error {}

/** Whether ACPE's registration fits the activity (null) or what differs. */
export function uanProblem(activity: Activity, details: AcpeActivityDetails): UanCheck['result'] {
  if (!details.isValid) return 'unknown';
  if (activity.format === 'live')
    return details.liveDates.includes(isoDay(activity.startsAt)) ? 'found' : 'dates_differ';
  const starts = isoDay(activity.startsAt);
  const ends = isoDay(activity.endsAt);
  if (details.releaseDate && details.releaseDate > starts) return 'dates_differ';
  if (details.expirationDate && details.expirationDate < ends) return 'dates_differ';
  return 'found';
}

function describe(activity: Activity, check: UanCheck): string {
  if (check.result === 'unknown') return `CPE Monitor does not know UAN ${check.uan}.`;
  const ours =
    activity.format === 'live'
      ? `the activity is on ${formatDate(activity.startsAt)}`
      : `the activity runs ${isoDay(activity.startsAt)} to ${isoDay(activity.endsAt)}`;
  const theirs =
    activity.format === 'live'
      ? `ACPE has it on ${check.liveDates?.join(', ') || 'no live date'}`
      : `ACPE has it from ${check.releaseDate ?? '?'} to ${check.expirationDate ?? '?'}`;
  return `UAN ${check.uan}: ${ours}, but ${theirs}.`;
}

export async function storedUanCheck(db: Database, activityId: string): Promise<UanCheck | null> {
  const [row] = await db
    .select()
    .from(reportingActivities)
    .where(eq(reportingActivities.activityId, activityId));
  return row?.uanCheck ?? null;
}

/**
 * The activity's UAN check: the stored one for this UAN, or a fresh look-up
 * (`force` after staff fixed something). Throws UanLookupUnavailable when ACPE
 * does not answer (worth retrying).
 */
export async function checkUan(
  deps: { db: Database; config: { PUBLIC_URL: string; REPORTING_ALERT_TO?: string; MAIL_FROM: string } },
  input: { activity: Activity; uan: string; transport: Transport; timeoutMs: number; force?: boolean },
): Promise<UanCheck> {
  const { db } = deps;
  const stored = await storedUanCheck(db, input.activity.id);
  if (stored && stored.uan === input.uan && !input.force) return stored;
  let body: string;
  try {
    const res = await fetch(activityDetailsRequest(input.transport, input.uan), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    body = await res.text();
    if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new UanLookupUnavailable(`UAN look-up: ${(err as Error).message}`);
  }
  const details = readActivityDetails(input.uan, body);
  const check: UanCheck = {
    uan: input.uan,
    checkedAt: new Date().toISOString(),
    result: uanProblem(input.activity, details),
    title: details.title ?? undefined,
    releaseDate: details.releaseDate,
    expirationDate: details.expirationDate,
    liveDates: details.liveDates,
  };
  if (check.result !== 'found') check.problem = describe(input.activity, check);
  await db
    .insert(reportingActivities)
    .values({ activityId: input.activity.id, uanCheck: check })
    .onConflictDoUpdate({
      target: reportingActivities.activityId,
      set: { uanCheck: check, updatedAt: new Date() },
    });
  if (check.problem) {
    await queueEmail(
      db,
      await staffEmail(deps, {
        kind: 'reporting_uan',
        dedupeKey: `reporting-uan:${input.activity.id}:${input.uan}:${check.result}:${check.checkedAt.slice(0, 10)}`,
        subjectLine: `UAN problem for ${input.activity.title}`,
        heading: 'CPE Monitor submissions are on hold',
        intro: `${check.problem} Until this is fixed every record would be refused, so the activity’s submissions are held. Correct the UAN or the dates (with ACPE or in the activity), then retry them from the reporting page.`,
        rows: [
          [input.activity.title, input.uan, check.result === 'unknown' ? 'unknown UAN' : 'dates differ'],
        ],
        columns: ['Activity', 'UAN', 'Problem'],
      }),
    );
  }
  return check;
}
