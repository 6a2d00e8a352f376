// The enrollment workflow as a careless deploy left it: a timer added before
// everything else, without patched(). Runs started on it cannot replay on the
// real code (test/lifecycle/stuck.test.ts).
import { sleep } from '@temporalio/workflow';
import { enrollmentWorkflow as current } from '../../workflows/enrollment.js';
import type { EnrollmentInput } from '../../workflows/messages.js';

export async function enrollmentWorkflow(input: EnrollmentInput) {
  await sleep('10ms');
  return current(input);
}
