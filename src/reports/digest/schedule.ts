// The committee digest runs on a Temporal Schedule (not cron): created at
// worker start, idempotently, so every worker replica may call this.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleHandle,
} from '@temporalio/client';
import type { Config } from '../../config.js';
import { toMs } from '../../domain/duration.js';

/** One schedule per deployment (task queue). */
export const digestScheduleId = (config: Pick<Config, 'TEMPORAL_TASK_QUEUE'>) =>
  `committee-digest:${config.TEMPORAL_TASK_QUEUE}`;

export async function ensureDigestSchedule(
  client: Client,
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'DIGEST_INTERVAL'>,
): Promise<ScheduleHandle> {
  const scheduleId = digestScheduleId(config);
  // Temporal keeps intervals in whole seconds.
  const everyMs = Math.max(1000, Math.round(toMs(config.DIGEST_INTERVAL) / 1000) * 1000);
  try {
    return await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: everyMs }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'committeeDigestWorkflow',
        workflowId: scheduleId,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [],
      },
      // A digest still running when the next is due: skip, the next covers both windows.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  // Already there (another replica, an earlier start): keep it, but follow a changed interval.
  const handle = client.schedule.getHandle(scheduleId);
  const current = await handle.describe();
  const interval = current.spec.intervals?.[0];
  if (!interval || interval.every !== everyMs || current.spec.intervals?.length !== 1) {
    await handle.update((prev) => ({ ...prev, spec: { intervals: [{ every: everyMs }] } }));
  }
  return handle;
}
