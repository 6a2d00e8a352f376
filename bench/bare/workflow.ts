// The bench's bare baseline (bundled on its own by ./worker.ts; never part of
// workflows/): one lifecycle with the signals, timers and activities of the
// real enrollment workflow's path through bench/drive.ts driveLifecycle, the
// activities no-ops. Whatever the real workflow costs beyond this is its own.
import {
  CancellationScope,
  condition,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { BareActivities } from './worker.js';

export const bareStep = defineSignal<[string]>('step');

const { step } = proxyActivities<BareActivities>({ startToCloseTimeout: '30s' });

/** A deadline timer, cancelled when its wait is over (as workflows/enrollment/deadline.ts does). */
function deadline(ms: number): () => void {
  const scope = new CancellationScope();
  void scope
    .run(() => sleep(ms))
    .catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
  return () => scope.cancel();
}

export async function bareLifecycle(input: { followUpDelayMs: number }): Promise<void> {
  const arrived: string[] = [];
  setHandler(bareStep, (name) => void arrived.push(name));
  const signalled = (name: string) => condition(() => arrived.includes(name));
  const HOUR = 3_600_000;

  let cancel = deadline(HOUR); // payment window
  await signalled('payment');
  cancel();
  await step('acceptPayment');
  cancel = deadline(HOUR); // completion window
  await signalled('attendance');
  cancel();
  const completedAt = Date.now(); // an enduring activity's follow-up counts from completion
  await step('recordAttendance');
  cancel = deadline(HOUR); // submission window
  for (const [kind, activity] of [
    ['competence', 'gradeCompetenceAttempt'],
    ['evaluation', 'acceptEvaluation'],
    ['claim', 'acceptClaim'],
  ]) {
    await signalled(kind);
    await step(activity);
  }
  cancel();
  const fireAt = completedAt + input.followUpDelayMs;
  if (fireAt > Date.now()) await sleep(fireAt - Date.now());
  await step('openFollowUp');
  cancel = deadline(HOUR); // the follow-up reminder
  await signalled('follow_up');
  cancel();
  await step('acceptFollowUpAnswer');
}
