// What makes an evaluation or a follow-up answer well-formed, whoever checks
// it (the API before storing, the workflow step before recording).
import type { EvaluationSubmission, FollowUpSubmission } from './submission-types.js';
import { isRating, RATING_RULE } from './ratings.js';
import { IMPLEMENTED_ANSWERS } from './enrollment.js';

export function evaluationProblems(e: EvaluationSubmission, objectivesCount: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(e.objectiveRatings) || e.objectiveRatings.length !== objectivesCount) {
    problems.push(`objectiveRatings: rate each of the ${objectivesCount} learning objectives`);
  } else {
    e.objectiveRatings.forEach((r, i) => {
      if (!isRating(r)) problems.push(`objectiveRatings.${i}: ${RATING_RULE}`);
    });
  }
  if (!isRating(e.relevance)) problems.push(`relevance: ${RATING_RULE}`);
  if (typeof e.freeOfCommercialBias !== 'boolean') problems.push('freeOfCommercialBias: yes or no');
  if (typeof e.commitment !== 'string' || e.commitment.trim() === '')
    problems.push('commitment: write what you intend to change in practice');
  return problems;
}

/** The follow-up email and its reminders: links carry which one (0 = the first). */
export const MAX_FOLLOW_UP_EMAILS = 20;

/** The email number a follow-up link carries, or undefined for anything else. */
export function parseEmailNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,2}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_FOLLOW_UP_EMAILS ? n : undefined;
}

export function followUpProblems(f: FollowUpSubmission): string[] {
  const problems: string[] = [];
  // An own-property check: "toString" or "constructor" are not answers.
  if (!(IMPLEMENTED_ANSWERS as readonly unknown[]).includes(f.implemented))
    problems.push('implemented: fully, partly or not');
  if (f.confidence !== undefined && !isRating(f.confidence)) problems.push(`confidence: ${RATING_RULE}`);
  if (f.barriers !== undefined && !Array.isArray(f.barriers)) problems.push('barriers: a list');
  if (f.viaEmail !== undefined && parseEmailNumber(String(f.viaEmail)) !== f.viaEmail)
    problems.push(`viaEmail: 0 for the first email, or a reminder's number up to ${MAX_FOLLOW_UP_EMAILS}`);
  return problems;
}
