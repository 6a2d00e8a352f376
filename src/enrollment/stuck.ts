// Enrollments whose workflow task keeps failing (a bad deploy, or a history
// the current code cannot replay): Temporal flags them with the
// TemporalReportedProblems search attribute after two failures in a row. Staff
// see them with the error; a reset to the last good workflow task brings each
// back on the current code, signals after that point reapplied.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
// The package is CommonJS: its namespace comes in as the default export under plain Node.
import proto, { type temporal as protos } from '@temporalio/proto';
import Long from 'long';
import type { AppContext } from '../context.js';
import { enrollments } from '../db/schema/index.js';
import { Conflict, NotFound } from '../domain/errors.js';
import { cachedWorkflowBundle } from '../platform/temporal/bundle.js';
import { findResetPoint } from '../platform/temporal/reset-point.js';
import { payloadDataConverter } from '../platform/temporal/payload-codec.js';

const { temporal } = proto;

export interface StuckEnrollment {
  enrollmentId: string | null;
  workflowId: string;
  runId: string;
  /** As Temporal reports it, e.g. "category=WorkflowTaskFailed", "cause=WorkflowTaskFailedCauseNonDeterministicError". */
  problems: string[];
  /** Failed attempts of the current workflow task. */
  attempts: number;
  since: string | null;
}

const query = (taskQueue: string) =>
  `WorkflowType = 'enrollmentWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replace(/'/g, "''")}' AND TemporalReportedProblems IS NOT NULL`;

/** How many enrollments are stuck now (for /healthz: one visibility count). */
export async function countStuckEnrollments(ctx: AppContext): Promise<number> {
  const { count } = await ctx.temporal.workflow.count(query(ctx.config.TEMPORAL_TASK_QUEUE));
  return count;
}

export async function listStuckEnrollments(ctx: AppContext, limit = 100): Promise<StuckEnrollment[]> {
  const found: StuckEnrollment[] = [];
  for await (const wf of ctx.temporal.workflow.list({ query: query(ctx.config.TEMPORAL_TASK_QUEUE) })) {
    const problems = wf.searchAttributes?.TemporalReportedProblems as string[] | undefined;
    const described = await ctx.temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
    const pending = described.raw.pendingWorkflowTask;
    found.push({
      enrollmentId: null,
      workflowId: wf.workflowId,
      runId: wf.runId,
      problems: problems ?? [],
      attempts: pending?.attempt ?? 0,
      since: pending?.originalScheduledTime?.seconds
        ? new Date(Number(pending.originalScheduledTime.seconds) * 1000).toISOString()
        : null,
    });
    if (found.length >= limit) break;
  }
  if (found.length > 0) {
    const rows = await ctx.db
      .select({ id: enrollments.id, workflowId: enrollments.workflowId })
      .from(enrollments)
      .where(
        inArray(
          enrollments.workflowId,
          found.map((f) => f.workflowId),
        ),
      );
    for (const f of found) f.enrollmentId = rows.find((r) => r.workflowId === f.workflowId)?.id ?? null;
  }
  return found;
}

export interface ResetResult {
  enrollmentId: string;
  workflowId: string;
  /** The run the reset made: the enrollment goes on there. */
  runId: string;
  resetToEventId: number;
  reason: string;
}

/** Resets the enrollment's workflow to its last good workflow task (see src/temporal/reset-point.ts). */
export async function resetEnrollment(
  ctx: AppContext,
  enrollmentId: string,
  actor: string,
): Promise<ResetResult> {
  const [row] = await ctx.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
  if (!row) throw new NotFound(`enrollmentId: no enrollment "${enrollmentId}"`);
  const handle = ctx.temporal.workflow.getHandle(row.workflowId);
  const { runId, status } = await handle.describe();
  if (status.name !== 'RUNNING')
    throw new Conflict(`the enrollment's workflow is ${status.name.toLowerCase()}: nothing to reset`);
  const history = await handle.fetchHistory();
  const bundle = await cachedWorkflowBundle(join(ctx.config.DATA_DIR, 'bundles'));
  const point = await findResetPoint(history, bundle, row.workflowId, payloadDataConverter(ctx.config));
  if (!point) throw new Conflict('the workflow has not completed a workflow task yet: nothing to reset to');
  const reset: protos.api.workflowservice.v1.IResetWorkflowExecutionResponse =
    await ctx.temporal.workflowService.resetWorkflowExecution({
      namespace: ctx.config.TEMPORAL_NAMESPACE,
      workflowExecution: { workflowId: row.workflowId, runId },
      reason: `${actor}: ${point.reason}`.slice(0, 1000),
      workflowTaskFinishEventId: Long.fromNumber(point.workflowTaskFinishEventId),
      requestId: randomUUID(),
      resetReapplyType: temporal.api.enums.v1.ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL,
    });
  return {
    enrollmentId,
    workflowId: row.workflowId,
    runId: reset.runId ?? '',
    resetToEventId: point.workflowTaskFinishEventId,
    reason: point.reason,
  };
}
