// Credential maintenance reminders: one workflow per learner credential
// (id credential-reminders:<learnerId>:<credentialKey>). Before the cycle ends,
// at each of the configured offsets (180, 90 and 30 days by default; seconds in
// a test), while the requirements are unmet, the learner is emailed the gap and
// what to take next. It stops once they are met, when the learner opts out, or
// when the cycle is over. Every decision is read from PostgreSQL by an activity;
// the signal only wakes it (new credit, new cycle dates, an opt-out).
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createMaintenanceActivities } from '../activities/maintenance/index.js';
import { toMs } from '../src/domain/duration.js';

export interface CredentialRemindersInput {
  learnerId: string;
  credentialKey: string;
  /** Durations before the cycle ends, e.g. ['180d', '90d', '30d']. */
  reminders: string[];
}

export type CredentialRemindersOutcome = 'met' | 'opted_out' | 'gone' | 'no_cycle' | 'cycle_ended';

/** Something changed for the credential: look again. */
export const credentialChanged = defineSignal('credentialChanged');

const { checkCredential, sendCredentialReminder } = proxyActivities<
  ReturnType<typeof createMaintenanceActivities>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function credentialRemindersWorkflow(
  input: CredentialRemindersInput,
): Promise<CredentialRemindersOutcome> {
  let changed = false;
  setHandler(credentialChanged, () => {
    changed = true;
  });
  const ask = { learnerId: input.learnerId, credentialKey: input.credentialKey };
  // The latest reminder time already handled, per cycle end: a reminder goes once.
  let handled = { cycleEndsOn: '', upTo: 0 };
  for (;;) {
    changed = false;
    const status = await checkCredential(ask);
    if (status.state !== 'unmet') return status.state;
    const endsAt = Date.parse(status.endsAt);
    const now = Date.now();
    if (now >= endsAt) return 'cycle_ended';
    if (handled.cycleEndsOn !== status.cycleEndsOn) handled = { cycleEndsOn: status.cycleEndsOn, upTo: 0 };
    const slots = input.reminders
      .map((offset) => ({ offset, at: endsAt - toMs(offset) }))
      .sort((a, b) => a.at - b.at);
    // Of the reminders whose time has come, only the latest goes (a cycle set late gets one, not three).
    const due = slots.filter((s) => s.at <= now && s.at > handled.upTo).at(-1);
    if (due) {
      await sendCredentialReminder({ ...ask, cycleEndsOn: status.cycleEndsOn, offset: due.offset });
      handled = { ...handled, upTo: due.at };
      continue;
    }
    const next = slots.find((s) => s.at > now)?.at ?? endsAt;
    await condition(() => changed, next - now);
  }
}
