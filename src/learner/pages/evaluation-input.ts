// Reading the evaluation-and-claim form: what the learner typed, checked field
// by field, with a message per field so a refused form comes back intact.
import type { ClaimProblem } from '../../domain/credits.js';
import type { CreditType } from '../../domain/policy.js';
import { parseRating, RATING_MAX, RATING_MIN } from '../../domain/ratings.js';
import type { EvaluationSubmission } from '../../../workflows/messages.js';
import type { EnrollmentView } from '../enrollment-view.js';
import type { Errors } from './fields.js';

/** What the learner typed, as typed, so a refused form comes back intact. */
export type Typed = Record<string, string>;

const MAX_TEXT = { biasComment: 2000, commitment: 2000, comments: 4000 };

export function readEvaluation(
  view: EnrollmentView,
  typed: Typed,
  errors: Errors,
): EvaluationSubmission | undefined {
  const rating = (name: string) => {
    const r = parseRating(typed[name]);
    if (r === undefined) errors[name] = `Choose a rating from ${RATING_MIN} to ${RATING_MAX}.`;
    return r ?? 0;
  };
  const objectiveRatings = view.activity.learningObjectives.map((_, i) => rating(`rating:${i}`));
  const relevance = rating('relevance');
  const bias = typed.bias;
  if (bias !== 'yes' && bias !== 'no') errors.bias = 'Answer yes or no.';
  const commitment = typed.commitment ?? '';
  if (!commitment) errors.commitment = 'Write what you intend to change in your practice.';
  for (const [name, max] of Object.entries(MAX_TEXT)) {
    if ((typed[name] ?? '').length > max) errors[name] = `Please keep this under ${max} characters.`;
  }
  if (Object.keys(errors).length > 0) return undefined;
  return {
    objectiveRatings,
    relevance,
    freeOfCommercialBias: bias === 'yes',
    ...(typed.biasComment ? { biasComment: typed.biasComment } : {}),
    commitment,
    ...(typed.comments ? { comments: typed.comments } : {}),
  };
}

export function readClaims(
  view: EnrollmentView,
  typed: Typed,
  errors: Errors,
): { creditType: CreditType; credits: number }[] {
  const claims: { creditType: CreditType; credits: number }[] = [];
  for (const d of view.activity.policy.credits) {
    const raw = (typed[`credits:${d.type}`] ?? '').replace(',', '.');
    if (raw === '' || raw === '0') continue;
    const credits = Number(raw);
    if (!Number.isFinite(credits) || credits < 0) {
      errors[`credits:${d.type}`] = 'Enter a number such as 1 or 1.25, or leave it empty.';
      continue;
    }
    claims.push({ creditType: d.type, credits });
  }
  return claims;
}

export function addClaimProblems(problems: ClaimProblem[], errors: Errors): void {
  for (const p of problems) {
    const key = p.creditType ? `credits:${p.creditType}` : 'claims';
    errors[key] = errors[key] ? `${errors[key]} ${p.message}` : capitalise(p.message);
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
