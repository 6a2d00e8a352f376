// FROZEN with enrollment-v1.ts: the update validators of v1 enrollments.
// Checks an update validator runs before a submission enters history. A refusal
// is an ApplicationFailure whose type tells the API which status to answer:
// out of order or repeated → 409, malformed for this activity → 400,
// a claim outside the credit rules → 422 with one problem per line.
import { ApplicationFailure } from '@temporalio/workflow';
import type { ClaimProblem } from '../../src/domain/credits.js';

export const REFUSAL = {
  outOfOrder: 'SubmissionOutOfOrder',
  invalid: 'SubmissionInvalid',
  claimRefused: 'ClaimRefused',
} as const;

export function outOfOrder(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.outOfOrder, message, nonRetryable: true });
}

export function invalid(problems: string[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: REFUSAL.invalid,
    message: problems.join('; '),
    details: [problems],
    nonRetryable: true,
  });
}

export function claimRefused(problems: ClaimProblem[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: REFUSAL.claimRefused,
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    details: [problems],
    nonRetryable: true,
  });
}

export { evaluationProblems, followUpProblems } from '../../src/domain/submission-rules.js';
