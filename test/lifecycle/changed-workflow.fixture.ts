// The enrollment workflow as a careless change would leave it: a timer added
// before the first activity, without patched(). Replaying a recorded history
// against this must fail with a determinism violation (replay.test.ts).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { LegacyActivities as LifecycleActivities } from '../../activities/legacy/index.js';
import type { EnrollmentInput } from '../../workflows/messages.js';

const records = proxyActivities<LifecycleActivities>({ startToCloseTimeout: '30s' });

export async function enrollmentWorkflow(input: EnrollmentInput): Promise<string> {
  await sleep('1s');
  await records.loadEnrollmentContext({ enrollmentId: input.enrollmentId });
  return 'completed';
}
