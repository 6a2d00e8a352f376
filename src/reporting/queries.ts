// Reading the ledger for staff: the list with its filters (regulator, status,
// activity, due before), one submission with its history and requests, and
// the counts an activity's report shows.
import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  activities,
  enrollments,
  learners,
  regulatorAttempts,
  regulatorSubmissionEvents,
  regulatorSubmissions,
} from '../db/schema/index.js';
import { isOverdue, type Regulator, type SubmissionStatus } from '../domain/reporting.js';

export interface LedgerFilters {
  regulator?: Regulator;
  status?: SubmissionStatus;
  activity?: string;
  /** YYYY-MM-DD: due on or before the end of that day. */
  dueBefore?: string;
}

export interface LedgerEntry {
  id: string;
  regulator: Regulator;
  activityId: string;
  activityTitle: string;
  enrollmentId: string;
  learnerName: string;
  creditType: string;
  status: SubmissionStatus;
  /** Past its deadline and not accepted (or accepted after it). */
  late: boolean;
  completedAt: string;
  dueAt: string | null;
  attempts: number;
  revision: number;
  transport: 'web_service' | 'file' | null;
  blockedReason: string | null;
  rejectionKind: string | null;
  rejectionMessage: string | null;
  deliveryUnknown: boolean;
  submittedAt: string | null;
  acceptedAt: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function listLedger(
  db: Database,
  f: LedgerFilters,
  now: Date,
  limit = 1000,
): Promise<LedgerEntry[]> {
  const where: SQL[] = [];
  if (f.regulator) where.push(eq(regulatorSubmissions.regulator, f.regulator));
  if (f.status) where.push(eq(regulatorSubmissions.status, f.status));
  if (f.activity) where.push(eq(regulatorSubmissions.activityId, f.activity));
  if (f.dueBefore) where.push(lte(regulatorSubmissions.dueAt, new Date(`${f.dueBefore}T23:59:59.999Z`)));
  const rows = await db
    .select({ s: regulatorSubmissions, title: activities.title, learnerName: learners.name })
    .from(regulatorSubmissions)
    .innerJoin(activities, eq(activities.id, regulatorSubmissions.activityId))
    .innerJoin(enrollments, eq(enrollments.id, regulatorSubmissions.enrollmentId))
    .innerJoin(learners, eq(learners.id, enrollments.learnerId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`${regulatorSubmissions.dueAt} asc nulls last`, asc(regulatorSubmissions.createdAt))
    .limit(limit);
  return rows.map(({ s, title, learnerName }) => ({
    id: s.id,
    regulator: s.regulator,
    activityId: s.activityId,
    activityTitle: title,
    enrollmentId: s.enrollmentId,
    learnerName,
    creditType: s.creditType,
    status: s.status,
    late:
      s.status === 'late' ||
      isOverdue(s, now) ||
      (s.status === 'accepted' && !!s.dueAt && !!s.acceptedAt && s.acceptedAt > s.dueAt),
    completedAt: s.completedAt.toISOString(),
    dueAt: iso(s.dueAt),
    attempts: s.attempts,
    revision: s.revision,
    transport: s.transport,
    blockedReason: s.blockedReason,
    rejectionKind: s.rejectionKind,
    rejectionMessage: s.rejectionMessage,
    deliveryUnknown: s.deliveryUnknown,
    submittedAt: iso(s.submittedAt),
    acceptedAt: iso(s.acceptedAt),
  }));
}

/** One submission: the ledger entry, its exact payload, its audit trail and the requests sent. */
export async function submissionDetail(db: Database, id: string, now: Date) {
  const [entry] = (await listLedger(db, {}, now, 100_000)).filter((e) => e.id === id);
  if (!entry) return undefined;
  const [row] = await db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, id));
  const events = await db
    .select()
    .from(regulatorSubmissionEvents)
    .where(eq(regulatorSubmissionEvents.submissionId, id))
    .orderBy(asc(regulatorSubmissionEvents.id));
  const attempts = await db
    .select()
    .from(regulatorAttempts)
    .where(eq(regulatorAttempts.submissionId, id))
    .orderBy(desc(regulatorAttempts.attemptNo));
  return {
    ...entry,
    payload: row.payload,
    idempotencyKey: row.idempotencyKey,
    confirmation: row.confirmation,
    events: events.map((e) => ({
      action: e.action,
      actor: e.actor,
      detail: e.detail,
      at: e.at.toISOString(),
    })),
    requests: attempts.map((a) => ({
      attemptNo: a.attemptNo,
      state: a.state,
      request: a.request,
      httpStatus: a.httpStatus,
      response: a.response,
      startedAt: a.startedAt.toISOString(),
      finishedAt: iso(a.finishedAt),
    })),
  };
}

export interface ReportingCounts {
  regulator: Regulator;
  total: number;
  accepted: number;
  pending: number;
  rejected: number;
  late: number;
}

/** Per regulator, how an activity's submissions stand (the activity report shows them). */
export async function reportingCounts(
  db: Database,
  activityId: string,
  now: Date,
): Promise<ReportingCounts[]> {
  const overdue = sql`(${regulatorSubmissions.status} = 'late' or (${regulatorSubmissions.status} <> 'accepted' and ${regulatorSubmissions.dueAt} <= ${now.toISOString()}::timestamptz))`;
  const rows = await db
    .select({
      regulator: regulatorSubmissions.regulator,
      total: sql<number>`count(*)::int`,
      accepted: sql<number>`count(*) filter (where ${regulatorSubmissions.status} = 'accepted')::int`,
      rejected: sql<number>`count(*) filter (where ${regulatorSubmissions.status} = 'rejected' and not ${overdue})::int`,
      late: sql<number>`count(*) filter (where ${overdue})::int`,
    })
    .from(regulatorSubmissions)
    .where(eq(regulatorSubmissions.activityId, activityId))
    .groupBy(regulatorSubmissions.regulator)
    .orderBy(regulatorSubmissions.regulator);
  return rows.map((r) => ({ ...r, pending: r.total - r.accepted - r.rejected - r.late }));
}
