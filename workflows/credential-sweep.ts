// Started by a Temporal Schedule (src/maintenance/schedule.ts): credentials
// whose cycle the LMS sent (or changed) get their reminders workflow, as the
// dashboard's own changes start it at once. Children are abandoned, not
// awaited: each runs until its credential is met or its cycle ends.
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createMaintenanceActivities } from '../activities/maintenance/index.js';
import { credentialRemindersWorkflow } from './credential-reminders.js';

const { credentialsToWatch, markWatched } = proxyActivities<ReturnType<typeof createMaintenanceActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export async function credentialSweepWorkflow(input: { reminders: string[] }): Promise<number> {
  const due = await credentialsToWatch();
  let started = 0;
  for (const c of due) {
    try {
      await startChild(credentialRemindersWorkflow, {
        workflowId: c.workflowId,
        args: [{ learnerId: c.learnerId, credentialKey: c.credentialKey, reminders: input.reminders }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started++;
    } catch (err) {
      // Already running (the dashboard started it): it reads the new cycle itself.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  await markWatched(due);
  return started;
}
