// Starts the workflow of every ledger row that has none yet. Rows are written
// in the claim step's transaction, so a worker that dies right after the
// commit loses nothing: the next look finds the row. The workflow id comes
// from the row and an existing run is used as it is, so several worker
// replicas (or a look that overlaps a start) never start two.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { regulatorSubmissions } from '../db/schema/index.js';
import { toMs } from '../domain/duration.js';
import type { ReportingPlan } from '../../workflows/reporting-messages.js';
import { audit, reportingWorkflowId, type SubmissionRow } from './ledger.js';
import type { ReportingConfig } from './transports.js';
import { sendDeadlineAlert } from './alerts.js';

export interface DispatcherDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  config: ReportingConfig & { PUBLIC_URL: string };
  /** How often to look (default 1 s). */
  everyMs?: number;
  onError?: (err: unknown) => void;
}

export function planOf(row: SubmissionRow, config: ReportingConfig): ReportingPlan {
  return {
    submissionId: row.id,
    regulator: row.regulator,
    dueAt: row.dueAt?.toISOString() ?? null,
    requestTimeoutMs: toMs(config.REPORTING_REQUEST_TIMEOUT),
    retryMaxInterval: config.REPORTING_RETRY_MAX_INTERVAL,
  };
}

/** Starts the workflows of up to `limit` rows without one; returns how many it started. */
export async function dispatchSubmissions(deps: DispatcherDeps, limit = 50): Promise<number> {
  const rows = await deps.db
    .select()
    .from(regulatorSubmissions)
    .where(isNull(regulatorSubmissions.workflowStartedAt))
    .orderBy(asc(regulatorSubmissions.createdAt))
    .limit(limit);
  for (const row of rows) {
    const workflowId = reportingWorkflowId(row);
    try {
      await deps.temporal.workflow.start('regulatorSubmissionWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [planOf(row, deps.config)],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      // A run that already finished: it was started (and the row is settled).
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    const [marked] = await deps.db
      .update(regulatorSubmissions)
      .set({ workflowId, workflowStartedAt: new Date() })
      .where(and(eq(regulatorSubmissions.id, row.id), isNull(regulatorSubmissions.workflowStartedAt)))
      .returning({ id: regulatorSubmissions.id });
    if (marked) await audit(deps.db, row.id, 'workflow started', 'dispatcher', { workflowId });
  }
  return rows.length;
}

export interface Dispatcher {
  stop(): Promise<void>;
}

/** Looks every `everyMs` (and sends the day's deadline alert once); errors are reported, the loop goes on. */
export function startDispatcher(deps: DispatcherDeps): Dispatcher {
  const everyMs = deps.everyMs ?? 1000;
  let stopped = false;
  let wake = () => {};
  let alertedDay = '';
  const loop = async () => {
    while (!stopped) {
      try {
        await dispatchSubmissions(deps);
        const day = new Date().toISOString().slice(0, 10);
        if (day !== alertedDay) {
          await sendDeadlineAlert(deps, new Date());
          alertedDay = day;
        }
      } catch (err) {
        deps.onError?.(err);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
