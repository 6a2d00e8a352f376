// Starting (or waking) a credential's reminders workflow when the learner or
// the LMS changes something for it here: cycle dates, credit from elsewhere,
// moves, the reminders setting. Temporal being down never refuses the change:
// the daily sweep starts what was missed.
import type { AppContext } from '../context.js';
import { currentLog } from '../platform/logger.js';
import { credentialChanged, type credentialRemindersWorkflow } from '../../workflows/credential-reminders.js';
import { credentialKey } from '../domain/credential-requirements.js';
import { loadCredentials } from '../db/learner-credentials.js';
import { remindersWorkflowId } from './reminders.js';

export const reminderOffsets = (config: Pick<AppContext['config'], 'MAINTENANCE_REMINDERS'>) =>
  config.MAINTENANCE_REMINDERS.split(',');

export async function watchCredential(ctx: AppContext, learnerId: string, key: string): Promise<void> {
  try {
    await ctx.temporal.workflow.signalWithStart<typeof credentialRemindersWorkflow, []>(
      'credentialRemindersWorkflow',
      {
        workflowId: remindersWorkflowId(learnerId, key),
        taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
        args: [{ learnerId, credentialKey: key, reminders: reminderOffsets(ctx.config) }],
        signal: credentialChanged,
        signalArgs: [],
      },
    );
  } catch (err) {
    currentLog().warn('credential reminders not started; the sweep will', { error: (err as Error).message });
  }
}

/** Every credential of the learner (credit from elsewhere counts toward several). */
export async function watchLearner(ctx: AppContext, learnerId: string): Promise<void> {
  for (const c of await loadCredentials(ctx.db, learnerId))
    await watchCredential(ctx, learnerId, credentialKey(c));
}
