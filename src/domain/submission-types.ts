// The learner's submissions, as the API, the forms and the workflow steps see them.
import type { ClaimLine } from './credits.js';

export type { ClaimLine };

export interface CompetenceSubmission {
  /** itemId → chosen option id. */
  answers: Record<string, string>;
  /** The attempt the learner was shown; a repeat of it is the same submission. */
  attemptNo?: number;
}
export interface CompetenceResult {
  attemptNo: number;
  score: number;
  passed: boolean;
  attemptsLeft: number;
  itemResults: Record<string, boolean>;
}
export interface EvaluationSubmission {
  objectiveRatings: number[];
  relevance: number;
  freeOfCommercialBias: boolean;
  biasComment?: string;
  commitment: string;
  comments?: string;
}
export interface ClaimSubmission {
  claims: ClaimLine[];
}
export interface ClaimResult {
  claims: ClaimLine[];
}
export interface FollowUpSubmission {
  implemented: 'fully' | 'partly' | 'not';
  barriers?: string[];
  confidence?: number;
  comments?: string;
  /** Which email's link brought the answer: 0 = the first, n = reminder n. */
  viaEmail?: number;
}
