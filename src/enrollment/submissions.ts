// A learner's submission, from the request to its result. The submission is
// checked against PostgreSQL (refusals answer at once and store nothing),
// stored under an id derived from what was submitted, and signalled to the
// workflow by id; the request then waits, briefly, for the workflow's step to
// record it. The same submission again (a retry after a lost response, a
// double click, a replayed form) finds the same row and answers the same
// result: it is never a second attempt.
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { AppContext } from '../context.js';
import { submissions, type enrollments } from '../db/schema/index.js';
import { submitted } from '../../workflows/messages.js';
import {
  ClaimRefused,
  Conflict,
  Invalid,
  NotFound,
  Pending,
  Refused,
  type DomainError,
} from '../domain/errors.js';
import type { ClaimProblem } from '../domain/credits.js';
import { loadSubmissionState, refusalOf, type Refusal, type SubmissionPayload } from './submission-checks.js';

type EnrollmentRow = typeof enrollments.$inferSelect;
type SubmissionRow = typeof submissions.$inferSelect;

/** How long a request waits for the workflow to record its submission before answering 202. */
export const SUBMISSION_WAIT_MS = 10_000;
const POLL_MS = 40;

/** A refusal as the domain names it: out of order (409), malformed (400), against the credit rules (422). */
export function refusalError(refusal: Refusal): DomainError {
  switch (refusal.type) {
    case 'SubmissionOutOfOrder':
      return new Conflict(refusal.message);
    case 'SubmissionInvalid':
      return new Invalid(refusal.message, refusal.details);
    case 'ClaimRefused':
      return new ClaimRefused(`claim refused: ${refusal.message}`, (refusal.details ?? []) as ClaimProblem[]);
  }
}

/** JSON with sorted keys: the same answers hash the same whatever order they came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const hashOf = (payload: unknown) =>
  createHash('sha256').update(canonical(payload)).digest('base64url').slice(0, 22);

/**
 * Stores and signals a submission, then waits for its result.
 * @returns the recorded result (the competence grade, the claims, or {recorded: true})
 */
export async function submitToWorkflow(
  ctx: AppContext,
  enrollment: EnrollmentRow,
  submission: SubmissionPayload,
  idempotencyKey?: string,
): Promise<Record<string, unknown>> {
  const { attemptNo, ...content } = submission.payload as { attemptNo?: number };
  const payloadHash = hashOf(content);
  const existing = await findSame(
    ctx,
    enrollment.id,
    submission.kind,
    payloadHash,
    attemptNo,
    idempotencyKey,
  );
  if (existing) return settle(ctx, enrollment, existing);

  const state = await loadSubmissionState(ctx.db, enrollment.id);
  if (!state) throw new NotFound(`enrollmentId: no enrollment "${enrollment.id}"`);
  const refusal = refusalOf(state, submission);
  if (refusal) throw refusalError(refusal);

  const attempt = submission.kind === 'competence' ? (attemptNo ?? state.attempts + 1) : null;
  const id = [enrollment.id, submission.kind, attempt ?? '', payloadHash].join(':');
  await ctx.db
    .insert(submissions)
    .values({
      id,
      enrollmentId: enrollment.id,
      kind: submission.kind,
      attemptNo: attempt,
      payload: { ...content, ...(attempt ? { attemptNo: attempt } : {}) },
      payloadHash,
      idempotencyKey: idempotencyKey ?? null,
    })
    .onConflictDoNothing();
  const [row] = await ctx.db.select().from(submissions).where(eq(submissions.id, id));
  return settle(ctx, enrollment, row);
}

/**
 * The earlier submission this one repeats: the same Idempotency-Key, or the
 * same content for the same step (for competence: the same attempt, or, when
 * the caller names none, the latest attempt if its answers were the same).
 */
async function findSame(
  ctx: AppContext,
  enrollmentId: string,
  kind: SubmissionPayload['kind'],
  payloadHash: string,
  attemptNo: number | undefined,
  idempotencyKey: string | undefined,
): Promise<SubmissionRow | undefined> {
  if (idempotencyKey) {
    const [byKey] = await ctx.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.enrollmentId, enrollmentId), eq(submissions.idempotencyKey, idempotencyKey)));
    if (byKey && (byKey.kind !== kind || byKey.payloadHash !== payloadHash))
      throw new Refused('Idempotency-Key: this key was used for a different request');
    if (byKey) return byKey;
  }
  const [latest] = await ctx.db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.enrollmentId, enrollmentId),
        eq(submissions.kind, kind),
        eq(submissions.payloadHash, payloadHash),
        ...(attemptNo !== undefined ? [eq(submissions.attemptNo, attemptNo)] : []),
      ),
    )
    .orderBy(desc(submissions.receivedAt))
    .limit(1);
  if (!latest || latest.status === 'refused') return undefined;
  if (kind !== 'competence' || attemptNo !== undefined) return latest;
  // No attempt named: the same answers as the latest attempt are that attempt again.
  const [newest] = await ctx.db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.enrollmentId, enrollmentId), eq(submissions.kind, 'competence')))
    .orderBy(desc(submissions.receivedAt))
    .limit(1);
  return newest?.id === latest.id ? latest : undefined;
}

/** Signals a pending submission (again: the workflow ignores an id it has) and waits for its result. */
async function settle(
  ctx: AppContext,
  enrollment: EnrollmentRow,
  row: SubmissionRow,
): Promise<Record<string, unknown>> {
  if (row.status === 'pending') {
    try {
      await ctx.temporal.workflow
        .getHandle(enrollment.workflowId)
        .signal(submitted, { id: row.id, kind: row.kind });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // The workflow has finished: nothing will record it.
      const refusal: Refusal = { type: 'SubmissionOutOfOrder', message: 'the enrollment is closed' };
      await ctx.db
        .update(submissions)
        .set({ status: 'refused', refusal, settledAt: new Date() })
        .where(and(eq(submissions.id, row.id), eq(submissions.status, 'pending')));
      throw refusalError(refusal);
    }
    row = await waitForSettled(ctx, row.id);
  }
  if (row.status === 'recorded') return row.result ?? {};
  if (row.status === 'refused' && row.refusal) throw refusalError(row.refusal as Refusal);
  throw new Pending(
    'the submission is received and will be recorded shortly; send the same request again for the result',
    row.id,
  );
}

async function waitForSettled(ctx: AppContext, id: string): Promise<SubmissionRow> {
  const deadline = Date.now() + SUBMISSION_WAIT_MS;
  for (;;) {
    const [row] = await ctx.db.select().from(submissions).where(eq(submissions.id, id));
    if (row.status !== 'pending' || Date.now() >= deadline) return row;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
