// Under load a step can overrun its timeout while still running, and Temporal
// starts the retry beside it. Seen at concurrency 32: the retry read the
// evaluation as pending, then (after the first try had recorded it) read the
// enrollment as already at the claim, refused the evaluation as out of order,
// and the workflow, told "not recorded", refused the learner's claim next.
// Here the two tries are lined up that way on purpose: try B reads, try A runs
// to the end, then B goes on. Both must answer what A recorded, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { pausedAfterFirstStatement } from '../support/paused-database.js';
import { activityDeps, createActivities, type Activities } from '../../activities/index.js';
import type { SubmissionRef } from '../../activities/enrollment/settle-once.js';
import { certificates, competenceAttempts, submissions } from '../../src/db/schema/index.js';
import { hashOf } from '../../src/enrollment/submissions.js';
import { submitted, type SubmissionKind } from '../../workflows/messages.js';
import { sampleAnswers, samplePolicy } from '../support/fixtures.js';
import {
  enrollInNewActivity,
  enrollmentRow,
  evaluation,
  outboxOf,
  payAndAttend,
  passCompetence,
  reachStage,
  type Enrolled,
} from './story.js';

const postgres = !!process.env.DATABASE_URL;
let stack: TestStack;
beforeAll(async () => {
  if (postgres) stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Stores a submission as the API does, without signalling it: the tries below act on it. */
async function stored(e: Enrolled, kind: SubmissionKind, payload: Record<string, unknown>) {
  const id = `${e.enrollmentId}:${kind}:${kind === 'competence' ? 1 : ''}:${hashOf(payload)}`;
  await stack.db.insert(submissions).values({
    id,
    enrollmentId: e.enrollmentId,
    kind,
    attemptNo: kind === 'competence' ? 1 : null,
    payload,
    payloadHash: hashOf(payload),
  });
  return { enrollmentId: e.enrollmentId, submissionId: id };
}

/** Try B reads first and is held; try A runs to the end; then B goes on. Both answers, A's first. */
async function twoTriesAtOnce<T>(
  step: (a: Activities) => (ref: SubmissionRef) => Promise<T>,
  ref: SubmissionRef,
): Promise<T[]> {
  const paused = pausedAfterFirstStatement(stack.database.url!, 1_500);
  const deps = { mailer: stack.mailer, clock: stack.ctx.clock, config: stack.config };
  const tryA = step(createActivities(activityDeps({ db: stack.db, ...deps })));
  const tryB = step(createActivities(activityDeps({ db: paused.db, ...deps })));
  try {
    const b = new MockActivityEnvironment({ attempt: 1 }).run(tryB, ref) as Promise<T>;
    await paused.paused;
    const a = new MockActivityEnvironment({ attempt: 2 }).run(tryA, ref) as Promise<T>;
    // A waits for B when B holds the submission; B goes on when A is done, or after the hold.
    void a.finally(paused.release);
    return await Promise.all([a, b]);
  } finally {
    await paused.close();
  }
}

const signal = (e: Enrolled, kind: SubmissionKind, id: string) =>
  stack.client.workflow.getHandle(e.workflowId).signal(submitted, { id, kind });

describe.skipIf(!postgres)('two tries of one step running at once', { timeout: 60_000 }, () => {
  it('record the evaluation once, and the workflow goes on to the claim', async () => {
    const e = await enrollInNewActivity(stack, 1);
    await payAndAttend(stack, e);
    await passCompetence(stack, e);
    await reachStage(stack, e.enrollmentId, 'evaluation');
    const ref = await stored(e, 'evaluation', evaluation());

    const answers = await twoTriesAtOnce((a) => a.acceptEvaluation, ref);

    expect(answers).toEqual([{ recorded: true }, { recorded: true }]);
    const [row] = await stack.db.select().from(submissions).where(eq(submissions.id, ref.submissionId));
    expect(row.status).toBe('recorded');
    expect((await enrollmentRow(stack, e.enrollmentId)).stage).toBe('claim');
    // The workflow's own try finds it recorded too, and moves on.
    await signal(e, 'evaluation', ref.submissionId);
    await reachStage(stack, e.enrollmentId, 'claim');
  });

  it('grade one competence attempt once: one attempt, one result email', async () => {
    const e = await enrollInNewActivity(stack, 2);
    await payAndAttend(stack, e);
    await reachStage(stack, e.enrollmentId, 'competence');
    const ref = await stored(e, 'competence', { answers: sampleAnswers(0) });

    const answers = await twoTriesAtOnce((a) => a.gradeCompetenceAttempt, ref);

    expect(answers).toEqual([
      { passed: true, closed: false },
      { passed: true, closed: false },
    ]);
    const attempts = await stack.db
      .select()
      .from(competenceAttempts)
      .where(eq(competenceAttempts.enrollmentId, e.enrollmentId));
    expect(attempts.map((a) => a.attemptNo)).toEqual([1]);
    const results = (await outboxOf(stack, e.enrollmentId)).filter((m) => m.kind === 'competence_result');
    expect(results).toHaveLength(1);
    await signal(e, 'competence', ref.submissionId);
    await reachStage(stack, e.enrollmentId, 'evaluation');
  });

  it('issue the claim’s certificates once, and both say the follow-up waits in the outbox for its moment', async () => {
    // Due in an hour: the claim queues the follow-up email ahead.
    const e = await enrollInNewActivity(stack, 3, {
      policy: { ...samplePolicy, followUp: { ...samplePolicy.followUp!, delay: '1h' } },
    });
    await payAndAttend(stack, e);
    await passCompetence(stack, e);
    await reachStage(stack, e.enrollmentId, 'evaluation');
    const { submitEvaluation } = await import('../../src/enrollment/service.js');
    await submitEvaluation(stack.ctx, e.enrollmentId, evaluation());
    await reachStage(stack, e.enrollmentId, 'claim');
    const ref = await stored(e, 'claim', { claims: [{ creditType: 'ama_pra_1', credits: 1.5 }] });

    const answers = await twoTriesAtOnce((a) => a.acceptClaim, ref);

    // The try that found it settled answers as the one that settled it, the follow-up
    // queued ahead included: told otherwise, its workflow would wake on the moment itself.
    expect(answers).toEqual([
      { recorded: true, closed: false, followUpQueuedAhead: true },
      { recorded: true, closed: false, followUpQueuedAhead: true },
    ]);
    const issued = await stack.db
      .select()
      .from(certificates)
      .where(and(eq(certificates.enrollmentId, e.enrollmentId)));
    expect(issued.map((c) => c.creditType)).toEqual(['ama_pra_1']);
    const mails = await outboxOf(stack, e.enrollmentId);
    expect(mails.filter((m) => m.kind === 'certificate')).toHaveLength(1);
    expect(mails.filter((m) => m.kind === 'follow_up')).toHaveLength(1);
    await signal(e, 'claim', ref.submissionId);
    await reachStage(stack, e.enrollmentId, 'certified');
  });
});
