// Ratings learners give (objectives met, relevance, confidence): whole numbers
// on one scale, the same in the API, the forms, the workflow's checks and the reports.
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** Every point of the scale, lowest first. */
export const RATINGS: readonly number[] = Array.from(
  { length: RATING_MAX - RATING_MIN + 1 },
  (_, i) => RATING_MIN + i,
);
export const RATING_RULE = `a whole number from ${RATING_MIN} to ${RATING_MAX}`;

export function isRating(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= RATING_MIN && n <= RATING_MAX;
}

/** A rating typed into a form ("4"), or undefined when it is not one. */
export function parseRating(text: string | undefined): number | undefined {
  if (!text || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return isRating(n) ? n : undefined;
}
