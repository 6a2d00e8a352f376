// One step of a submission's workflow: send the record to its regulator (or
// leave it for the batch file), and write down what came back. A request is
// recorded as "sending" before it leaves; if a later attempt finds it still
// so, the worker died mid-request and the regulator may have it: nothing is
// resent on its own (staff confirm it or send it again), so a crash never
// sends a record twice.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { regulatorAttempts, regulatorSubmissions } from '../db/schema/index.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { toMs } from '../domain/duration.js';
import type { Clock } from '../platform/clock.js';
import { ADAPTERS, exchange, type SendResult } from './adapters/index.js';
import { audit, loadSubmission, moveSubmission, type SubmissionRow } from './ledger.js';
import { missingFromRecord, type CpeMonitorRecord } from './records.js';
import { transportFor, type ReportingConfig } from './transports.js';
import { checkUan } from './uan-check.js';
import { activityRegistration } from './registrations.js';
import { queueCorrectionEmail, queueReportedEmail } from './learner-emails.js';
import { certificateReported } from './certificates.js';
import { LEARNER_CORRECTABLE } from '../domain/reporting.js';

export interface SubmitDeps {
  db: Database;
  clock: Clock;
  config: ReportingConfig & Pick<Config, 'PUBLIC_URL' | 'LINK_SECRET' | 'MAIL_FROM'>;
  /** Called while a request is on its way (the activity heartbeats). */
  heartbeat?: () => void;
}

/** What the workflow does next: done, wait for a person, or (transient) have the step retried. */
export type StepOutcome =
  'accepted' | 'rejected' | 'file' | 'blocked' | 'unconfirmed' | 'late' | { transient: string };

/** Statuses from which a record is (re)sent. */
const SENDABLE: SubmissionRow['status'][] = ['pending', 'submitted', 'corrected', 'late'];

export async function submitStep(deps: SubmitDeps, submissionId: string): Promise<StepOutcome> {
  const { db } = deps;
  const row = await loadSubmission(db, submissionId);
  if (!row) throw new Error(`no submission ${submissionId}`);
  if (row.status === 'accepted') return 'accepted';
  if (row.status === 'rejected') return 'rejected';
  if (row.deliveryUnknown) return 'unconfirmed';
  if (await diedMidRequest(db, row)) return 'unconfirmed';
  const now = deps.clock.now();
  // CPE Monitor refuses reports past its 60 days: nothing to send.
  if (row.regulator === 'cpe_monitor' && row.dueAt && row.dueAt <= now) return markLate(db, row, now);

  const missing = missingFromRecord(row.regulator, row.payload);
  if (missing) return block(db, row, missing);
  const transport = await transportFor(db, deps.config, row.regulator);
  if (!transport.url) {
    if (row.transport !== 'file') {
      await moveSubmission(db, row.id, SENDABLE, { transport: 'file', blockedReason: null });
      await audit(db, row.id, 'left for the batch file', 'reporting workflow', {
        reason: 'no web service configured',
      });
    }
    return 'file';
  }
  const parties = await findEnrollmentParties(db, row.enrollmentId);
  if (!parties) throw new Error(`no enrollment ${row.enrollmentId}`);
  const registration = await activityRegistration(db, row.activityId);
  const timeoutMs = toMs(deps.config.REPORTING_REQUEST_TIMEOUT);
  const record = row.payload;
  if (row.regulator === 'cpe_monitor') {
    const r = record as unknown as CpeMonitorRecord;
    const check = await checkUan(deps, {
      activity: parties.activity,
      uan: r.uan,
      transport,
      timeoutMs,
    }).catch((err: Error) => err);
    if (check instanceof Error) return { transient: check.message };
    if (check.result !== 'found') return block(db, row, check.problem ?? `UAN ${check.result}`);
  }
  if (row.regulator === 'ce_broker' && !registration.ceBrokerCourseId)
    return block(db, row, 'no CE Broker course number is registered for the activity');
  if (row.regulator === 'pars' && !registration.parsActivityId)
    return block(db, row, 'no PARS activity ID is registered for the activity');

  const adapter = ADAPTERS[row.regulator];
  const designation = parties.activity.policy.credits.find((d) => d.type === row.creditType);
  const request = adapter.prepare(
    {
      record,
      courseId: registration.ceBrokerCourseId,
      parsActivityId: registration.parsActivityId,
      courseHours: designation?.maxCredits ?? 0,
    },
    transport,
  );
  // Written before the request leaves (see above).
  const attemptNo = row.attempts + 1;
  const [attempt] = await db.transaction(async (tx) => {
    await tx
      .update(regulatorSubmissions)
      .set({
        attempts: attemptNo,
        status: row.status === 'late' ? 'late' : 'submitted',
        transport: 'web_service',
        blockedReason: null,
        submittedAt: row.submittedAt ?? now,
        updatedAt: now,
      })
      .where(eq(regulatorSubmissions.id, row.id));
    return tx
      .insert(regulatorAttempts)
      .values({
        submissionId: row.id,
        idempotencyKey: row.idempotencyKey,
        attemptNo,
        state: 'sending',
        request: request.logged,
      })
      .returning({ id: regulatorAttempts.id });
  });
  const beat = deps.heartbeat ? setInterval(deps.heartbeat, 1000) : undefined;
  let answer;
  try {
    answer = await exchange(adapter, request, timeoutMs);
  } finally {
    if (beat) clearInterval(beat);
  }
  await db
    .update(regulatorAttempts)
    .set({
      state: answer.result.kind === 'transient' ? 'failed' : 'answered',
      httpStatus: answer.httpStatus ?? null,
      response: answer.response ?? answer.result.kind,
      finishedAt: new Date(),
    })
    .where(eq(regulatorAttempts.id, attempt.id));
  return settle(deps, row, answer.result, attemptNo);
}

async function settle(deps: SubmitDeps, row: SubmissionRow, result: SendResult, attemptNo: number) {
  const { db } = deps;
  const at = new Date();
  if (result.kind === 'transient') {
    await audit(db, row.id, 'attempt failed, to be retried', 'reporting workflow', {
      attemptNo,
      error: result.message,
    });
    return { transient: result.message };
  }
  if (result.kind === 'accepted') {
    await db.transaction(async (tx) => {
      const moved = await moveSubmission(tx, row.id, SENDABLE, {
        status: 'accepted',
        acceptedAt: at,
        confirmation: result.confirmation ?? null,
        rejectionKind: null,
        rejectionMessage: null,
      });
      if (!moved) return;
      await audit(tx, row.id, 'accepted', 'reporting workflow', {
        attemptNo,
        confirmation: result.confirmation ?? null,
      });
      if (row.regulator === 'cpe_monitor') {
        await certificateReported(tx, row.enrollmentId, 'cpe_monitor', at, deps.config);
        await queueReportedEmail(tx, deps.config, moved, at);
      }
    });
    return 'accepted' as const;
  }
  await db.transaction(async (tx) => {
    const moved = await moveSubmission(tx, row.id, SENDABLE, {
      status: 'rejected',
      rejectedAt: at,
      rejectionKind: result.rejection,
      rejectionMessage: result.message.slice(0, 1000),
    });
    if (!moved) return;
    await audit(tx, row.id, 'rejected', 'reporting workflow', {
      attemptNo,
      kind: result.rejection,
      message: result.message,
    });
    if (LEARNER_CORRECTABLE.includes(result.rejection)) await queueCorrectionEmail(tx, deps, moved);
  });
  return 'rejected' as const;
}

/** An attempt left "sending": its worker died mid-request. Marked unknown; the row waits for staff. */
async function diedMidRequest(db: Database, row: SubmissionRow): Promise<boolean> {
  const left = await db
    .update(regulatorAttempts)
    .set({
      state: 'unknown',
      finishedAt: new Date(),
      response: 'the worker stopped while the request was on its way',
    })
    .where(and(eq(regulatorAttempts.submissionId, row.id), eq(regulatorAttempts.state, 'sending')))
    .returning({ attemptNo: regulatorAttempts.attemptNo });
  if (left.length === 0) return false;
  await db
    .update(regulatorSubmissions)
    .set({ deliveryUnknown: true, updatedAt: new Date() })
    .where(eq(regulatorSubmissions.id, row.id));
  await audit(db, row.id, 'delivery unknown', 'reporting workflow', {
    attemptNo: left[0].attemptNo,
    note: 'the worker stopped mid-request; not resent automatically: confirm it or send it again',
  });
  return true;
}

async function block(db: Database, row: SubmissionRow, reason: string): Promise<'blocked'> {
  if (row.blockedReason !== reason) {
    await moveSubmission(db, row.id, SENDABLE, { blockedReason: reason });
    await audit(db, row.id, 'held', 'reporting workflow', { reason });
  }
  return 'blocked';
}

export async function markLate(db: Database, row: SubmissionRow, at: Date): Promise<'late'> {
  const moved = await moveSubmission(db, row.id, ['pending', 'submitted', 'corrected', 'rejected'], {
    status: 'late',
    lateAt: at,
  });
  if (moved)
    await audit(db, row.id, 'late', 'reporting workflow', { dueAt: row.dueAt?.toISOString() ?? null });
  return 'late';
}
