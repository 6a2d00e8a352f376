// One learner in one activity, from purchase to the closed follow-up.
// Orchestration only: each step is one activity that writes its facts (and
// queues its email) in one transaction; every duration comes from the plan
// fixed at enrollment. The history holds ids and events, never the learner's
// name, email or what they typed.
import { patched, workflowInfo } from '@temporalio/workflow';
import type { EnrollmentOutcome } from '../src/domain/enrollment.js';
import type { EnrollmentInput, EnrollmentPlan } from './messages.js';
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

/** Marks runs that take submissions as signals (v2) and were started without `workflowVersion`. */
export const SUBMISSIONS_AS_SIGNALS = 'v2-submissions-as-signals';

export async function enrollmentWorkflow(input: EnrollmentInput): Promise<EnrollmentOutcome> {
  if (!startedAsV2(input)) return enrollmentWorkflowV1(input);
  const run = new EnrollmentRun(input);
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

/**
 * A run started with `workflowVersion: 2` is v2 by its input, the same on
 * every replay, so its first task records no patch marker and no search-attribute
 * upsert to bill. Any other run is told as before, by the marker its first task
 * recorded (called with or without a plan, as it always was).
 */
function startedAsV2(input: EnrollmentInput): input is EnrollmentInput & { plan: EnrollmentPlan } {
  if (input.workflowVersion === 2 && input.plan) {
    // While replaying, patched() only reads: it consumes the marker a worker from
    // before this release recorded if it ran the first task (a rolling deploy),
    // and records nothing when there is none, so both kinds of history replay.
    if (workflowInfo().unsafe.isReplaying) patched(SUBMISSIONS_AS_SIGNALS);
    return true;
  }
  return patched(SUBMISSIONS_AS_SIGNALS) && input.plan !== undefined;
}
