// The enrollment workflow as a careless deploy left it: a memo written before
// everything else, without patched(). Runs started on it cannot replay on the
// real code, whose first command is another (test/lifecycle/stuck.test.ts).
// Not a timer: the real code's first command is one too, so the replay would
// go wrong later, as a fatal error rather than a nondeterminism.
import { upsertMemo } from '@temporalio/workflow';
import { enrollmentWorkflow as current } from '../../workflows/enrollment.js';
import type { EnrollmentInput } from '../../workflows/messages.js';

export async function enrollmentWorkflow(input: EnrollmentInput) {
  upsertMemo({ deployedWithoutPatch: true });
  return current(input);
}
