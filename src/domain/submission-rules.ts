// What makes an evaluation or a follow-up answer well-formed, whoever checks
// it (the API before storing, the workflow step before recording).
import type { EvaluationSubmission, FollowUpSubmission } from './submission-types.js';

/** A rating on the 1-5 scale the evaluation and the follow-up use. */
export const isRating = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;

export const IMPLEMENTED_ANSWERS = ['fully', 'partly', 'not'] as const;

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
  // An own-property check: "toString" or "constructor" are not answers.
  if (!(IMPLEMENTED_ANSWERS as readonly unknown[]).includes(f.implemented))
    problems.push('implemented: fully, partly or not');
  if (f.confidence !== undefined && !isRating(f.confidence))
    problems.push('confidence: a whole number from 1 to 5');
  if (f.barriers !== undefined && !Array.isArray(f.barriers)) problems.push('barriers: a list');
  return problems;
}
