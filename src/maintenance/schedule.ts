// The sweep that starts reminders for credentials whose cycle arrived from the
// LMS runs on a Temporal Schedule, created at worker start like the digest's
// (idempotently; a changed interval or set of offsets is followed).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Config } from '../config.js';
import { toMs } from '../domain/duration.js';
import { reminderOffsets } from './watch.js';

export const sweepScheduleId = (config: Pick<Config, 'TEMPORAL_TASK_QUEUE'>) =>
  `credential-sweep:${config.TEMPORAL_TASK_QUEUE}`;

export async function ensureCredentialSweepSchedule(
  client: Client,
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'MAINTENANCE_SWEEP_INTERVAL' | 'MAINTENANCE_REMINDERS'>,
): Promise<void> {
  const scheduleId = sweepScheduleId(config);
  const every = Math.max(1000, Math.round(toMs(config.MAINTENANCE_SWEEP_INTERVAL) / 1000) * 1000);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'credentialSweepWorkflow',
    workflowId: scheduleId,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ reminders: reminderOffsets(config) }],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(scheduleId)
      .update((prev) => ({ ...prev, spec: { intervals: [{ every }] }, action }));
  }
}
