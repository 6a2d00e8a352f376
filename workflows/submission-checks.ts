// Checks an update validator runs before a submission enters history. A refusal
// is an ApplicationFailure whose type tells the API which status to answer:
// out of order or repeated → 409, malformed for this activity → 400,
// a claim outside the credit rules → 422 with one problem per line.
import { ApplicationFailure } from '@temporalio/workflow';
import type { ClaimProblem } from '../src/domain/credits.js';
import { isRating } from '../src/domain/ratings.js';
import type { EvaluationSubmission, FollowUpSubmission } from './messages.js';

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

export function evaluationProblems(e: EvaluationSubmission, objectivesCount: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(e.objectiveRatings) || e.objectiveRatings.length !== objectivesCount) {
    problems.push(`objectiveRatings: rate each of the ${objectivesCount} learning objectives`);
  } else {
    e.objectiveRatings.forEach((r, i) => {
      if (!isRating(r)) problems.push(`objectiveRatings.${i}: a whole number from 1 to 5`);
    });
  }
  if (!isRating(e.relevance)) problems.push('relevance: a whole number from 1 to 5');
  if (typeof e.freeOfCommercialBias !== 'boolean') problems.push('freeOfCommercialBias: yes or no');
  if (typeof e.commitment !== 'string' || e.commitment.trim() === '')
    problems.push('commitment: write what you intend to change in practice');
  return problems;
}

export function followUpProblems(f: FollowUpSubmission): string[] {
  const problems: string[] = [];
  if (!['fully', 'partly', 'not'].includes(f.implemented)) problems.push('implemented: fully, partly or not');
  if (f.confidence !== undefined && !isRating(f.confidence))
    problems.push('confidence: a whole number from 1 to 5');
  if (f.barriers !== undefined && !Array.isArray(f.barriers)) problems.push('barriers: a list');
  return problems;
}
