// Billable actions of one workflow, counted from its history as Temporal
// Cloud bills them: the start, each signal and accepted update, each activity
// scheduled (and each retry of it), each timer started, each marker recorded
// (patched(), side effects), child workflows, signals sent and search
// attribute upserts. Queries are billed too but leave no history: the API
// reads PostgreSQL and makes none.
import proto, { type temporal as protos } from '@temporalio/proto';

type History = protos.api.history.v1.IHistory;
const { EventType } = proto.temporal.api.enums.v1;

const BILLED: Partial<Record<number, string>> = {
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED]: 'start',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]: 'signals',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED]: 'updates',
  [EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED]: 'activities',
  [EventType.EVENT_TYPE_TIMER_STARTED]: 'timers',
  [EventType.EVENT_TYPE_MARKER_RECORDED]: 'markers',
  [EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED]: 'child workflows',
  [EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED]: 'signals sent',
  [EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES]: 'search attributes',
};

export interface ActionCount {
  total: number;
  byKind: Record<string, number>;
  /** Workflow tasks the history records (not billed, but each is a round trip to a worker). */
  workflowTasks: number;
}

export function billableActions(history: History): ActionCount {
  const byKind: Record<string, number> = {};
  let workflowTasks = 0;
  const add = (kind: string, n = 1) => (byKind[kind] = (byKind[kind] ?? 0) + n);
  for (const event of history.events ?? []) {
    const type = event.eventType ?? 0;
    const kind = BILLED[type];
    if (kind) add(kind);
    if (type === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) workflowTasks += 1;
    // A retried activity is billed again; its started event carries the attempt.
    const attempt = event.activityTaskStartedEventAttributes?.attempt ?? 1;
    if (attempt > 1) add('activity retries', attempt - 1);
  }
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { total, byKind, workflowTasks };
}

export function describeActions(count: ActionCount): string {
  return Object.entries(count.byKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}
