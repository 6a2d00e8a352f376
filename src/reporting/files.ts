// The batch files staff upload when a regulator's web service is not set up
// (and whenever they want the period's file): per regulator, the records
// completed in the period that the regulator has not accepted, in its format.
import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, enrollments, regulatorSubmissions, reportingActivities } from '../db/schema/index.js';
import { Invalid } from '../domain/errors.js';
import type { Regulator } from '../domain/reporting.js';
import type { CeBrokerRecord, CpeMonitorRecord, ParsRecord } from './records.js';
import { cpeMonitorBatchFile } from './formats/cpe-monitor.js';
import { ceBrokerTextFile, type CeBrokerCourse } from './formats/ce-broker-text.js';
import { parsActivityFile, parsLearnerFile } from './formats/pars.js';
import { isoDay } from '../platform/format.js';
import { transportFor, type ReportingConfig } from './transports.js';

export interface Period {
  from: string;
  to: string;
}

export interface BatchFile {
  filename: string;
  contentType: string;
  body: string;
  /** The submissions in the file (staff mark them uploaded after the upload). */
  submissionIds: string[];
  /** Submissions of the period left out, and why (no course number, held). */
  leftOut: { id: string; reason: string }[];
}

async function dueRows(db: Database, regulator: Regulator, period: Period) {
  return db
    .select({ s: regulatorSubmissions, activity: activities, registration: reportingActivities })
    .from(regulatorSubmissions)
    .innerJoin(activities, eq(activities.id, regulatorSubmissions.activityId))
    .leftJoin(reportingActivities, eq(reportingActivities.activityId, regulatorSubmissions.activityId))
    .where(
      and(
        eq(regulatorSubmissions.regulator, regulator),
        ne(regulatorSubmissions.status, 'accepted'),
        gte(regulatorSubmissions.completedAt, new Date(`${period.from}T00:00:00Z`)),
        lte(regulatorSubmissions.completedAt, new Date(`${period.to}T23:59:59.999Z`)),
      ),
    )
    .orderBy(regulatorSubmissions.completedAt);
}

export async function batchFile(
  db: Database,
  config: ReportingConfig,
  regulator: Regulator,
  period: Period,
  now: Date,
): Promise<BatchFile> {
  if (period.to < period.from) throw Invalid.field('query.to', 'must not be before from');
  const rows = await dueRows(db, regulator, period);
  const leftOut: BatchFile['leftOut'] = [];
  const usable = rows.filter(({ s, registration }) => {
    const reason =
      s.blockedReason ??
      (regulator === 'ce_broker' && !registration?.ceBrokerCourseId ? 'no CE Broker course number' : null);
    if (reason) leftOut.push({ id: s.id, reason });
    return !reason;
  });
  const name = `${regulator}-${period.from}-to-${period.to}`;
  const submissionIds = usable.map((r) => r.s.id);
  if (regulator === 'cpe_monitor') {
    const records = usable.map((r) => r.s.payload as unknown as CpeMonitorRecord);
    return {
      filename: `${name}.xml`,
      contentType: 'application/xml',
      body: cpeMonitorBatchFile(records, now),
      submissionIds,
      leftOut,
    };
  }
  const transport = await transportFor(db, config, regulator);
  if (regulator === 'ce_broker') {
    const courses = new Map<string, CeBrokerCourse>();
    for (const { s, activity, registration } of usable) {
      const courseId = registration!.ceBrokerCourseId!;
      const designation = activity.policy.credits.find((d) => d.type === s.creditType);
      const course = courses.get(courseId) ?? {
        courseId,
        title: activity.title,
        startsOn: isoDay(activity.startsAt),
        endsOn: isoDay(activity.endsAt),
        hours: designation?.maxCredits ?? 0,
        attendees: [],
      };
      course.attendees.push(s.payload as unknown as CeBrokerRecord);
      courses.set(courseId, course);
    }
    const provider = { id: transport.providerId || '50-0', name: usable[0]?.activity.providerName ?? '' };
    return {
      filename: `${name}.txt`,
      contentType: 'text/plain; charset=us-ascii',
      body: ceBrokerTextFile(provider, [...courses.values()]),
      submissionIds,
      leftOut,
    };
  }
  const body = parsLearnerFile(
    usable.map(({ s, registration }) => ({
      providerId: transport.providerId,
      parsActivityId: registration?.parsActivityId ?? null,
      record: s.payload as unknown as ParsRecord,
    })),
  );
  return {
    filename: `${name}.txt`,
    contentType: 'text/tab-separated-values; charset=utf-8',
    body,
    submissionIds,
    leftOut,
  };
}

/** PARS's yearly activity data: the activities that started in the year, with their learner counts. */
export async function parsActivitiesFile(
  db: Database,
  year: number,
): Promise<{ filename: string; body: string }> {
  const list = await db
    .select()
    .from(activities)
    .where(
      and(
        gte(activities.startsAt, new Date(Date.UTC(year, 0, 1))),
        lte(activities.startsAt, new Date(Date.UTC(year, 11, 31, 23, 59, 59))),
      ),
    )
    .orderBy(activities.startsAt);
  const ids = list.map((a) => a.id);
  const learnersOf = ids.length
    ? await db
        .select({
          activityId: enrollments.activityId,
          learnerId: enrollments.learnerId,
          claimedAt: enrollments.claimedAt,
        })
        .from(enrollments)
        .where(inArray(enrollments.activityId, ids))
    : [];
  const physicians = ids.length
    ? await db
        .select({
          activityId: regulatorSubmissions.activityId,
          enrollmentId: regulatorSubmissions.enrollmentId,
        })
        .from(regulatorSubmissions)
        .where(and(inArray(regulatorSubmissions.activityId, ids), eq(regulatorSubmissions.regulator, 'pars')))
    : [];
  const body = parsActivityFile(
    list.map((a) => {
      const claimed = learnersOf.filter((l) => l.activityId === a.id && l.claimedAt).length;
      const doctors = physicians.filter((p) => p.activityId === a.id).length;
      const ama = a.policy.credits.find((d) => d.type === 'ama_pra_1');
      return {
        providerActivityId: a.id,
        title: a.title,
        format: a.format,
        startsOn: isoDay(a.startsAt),
        endsOn: isoDay(a.endsAt),
        location: a.location,
        hours: Math.max(...a.policy.credits.map((d) => d.maxCredits), 0),
        physicianLearners: doctors,
        otherLearners: Math.max(claimed - doctors, 0),
        amaCreditsDesignated: ama?.maxCredits ?? null,
      };
    }),
  );
  return { filename: `pars-activities-${year}.txt`, body };
}
