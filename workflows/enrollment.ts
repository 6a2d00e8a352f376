// One learner in one activity, from purchase to the closed follow-up.
// Orchestration only: each step is one activity that writes its facts (and
// queues its email) in one transaction; every duration comes from the plan
// fixed at enrollment. The history holds ids and events, never the learner's
// name, email or what they typed.
import { patched } from '@temporalio/workflow';
import type { EnrollmentOutcome } from '../src/domain/enrollment.js';
import type { EnrollmentInput } from './messages.js';
import { EnrollmentRun } from './enrollment/run.js';
import {
  attendance,
  competenceCheck,
  creditClaim,
  evaluation,
  followUp,
  purchase,
} from './enrollment/stages.js';
import { enrollmentWorkflowV1 } from './legacy/enrollment-v1.js';

/** Marks runs that take submissions as signals (v2); runs without it began earlier. */
export const SUBMISSIONS_AS_SIGNALS = 'v2-submissions-as-signals';

export async function enrollmentWorkflow(input: EnrollmentInput): Promise<EnrollmentOutcome> {
  if (!patched(SUBMISSIONS_AS_SIGNALS) || !input.plan) return enrollmentWorkflowV1(input);
  const run = new EnrollmentRun({ ...input, plan: input.plan });
  const outcome =
    (await purchase(run)) ??
    (await attendance(run)) ??
    (await competenceCheck(run)) ??
    (await evaluation(run)) ??
    (await creditClaim(run)) ??
    (await followUp(run)) ??
    'completed';
  return run.finish(outcome);
}
