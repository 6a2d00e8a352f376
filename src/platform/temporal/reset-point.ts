// Where to reset a stuck workflow: the workflow task whose commands the
// current code no longer makes (found by replaying its history), or else the
// last completed one. Resetting to a task's completion discards what it did
// and runs it again on the current code; signals after it are reapplied.
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
// The package is CommonJS: its namespace comes in as the default export under plain Node.
import proto, { type temporal as protos } from '@temporalio/proto';

type History = protos.api.history.v1.IHistory;

export interface ResetPoint {
  /** A WorkflowTaskCompleted event id, for ResetWorkflowExecution's workflowTaskFinishEventId. */
  workflowTaskFinishEventId: number;
  reason: string;
}

const { temporal } = proto;
const { EventType } = temporal.api.enums.v1;

function isTaskCompleted(e: protos.api.history.v1.IHistoryEvent): boolean {
  // A history read from JSON may carry the enum's name rather than its number.
  const t = e.eventType as unknown;
  return t === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED || t === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED';
}

/** The last workflow task completed before event `id` (the task that made that command). */
function completedTaskBefore(history: History, id: number): number | undefined {
  let found: number | undefined;
  for (const e of history.events ?? []) {
    const eid = Number(e.eventId);
    if (eid >= id) break;
    if (isTaskCompleted(e)) found = eid;
  }
  return found;
}

export async function findResetPoint(
  history: History,
  workflowBundle: WorkflowBundleOption,
  workflowId = 'reset-point',
  dataConverter?: DataConverter,
): Promise<ResetPoint | undefined> {
  try {
    await Worker.runReplayHistory({ workflowBundle, dataConverter }, history, workflowId);
  } catch (err) {
    const message = (err as Error).message;
    const at = /HistoryEvent\(id: (\d+)/.exec(message);
    const task = at ? completedTaskBefore(history, Number(at[1])) : undefined;
    if (task !== undefined) {
      const why = /Nondeterminism error: ([^"]+)/.exec(message)?.[1] ?? message.split('\n')[0];
      return {
        workflowTaskFinishEventId: task,
        reason: `the workflow task completed at event ${task} no longer replays (${why})`,
      };
    }
  }
  const last = completedTaskBefore(history, Number.MAX_SAFE_INTEGER);
  return last === undefined
    ? undefined
    : { workflowTaskFinishEventId: last, reason: `the last completed workflow task (event ${last})` };
}

/** The history as it stood when the task completed at `eventId` had started: what a reset keeps. */
export function historyBefore(history: History, eventId: number): History {
  return { events: (history.events ?? []).filter((e) => Number(e.eventId) < eventId) };
}
