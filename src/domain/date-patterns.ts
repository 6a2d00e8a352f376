// Date ranges as the OpenAPI document states them. A zod refinement (1970 to
// 2100, say) does not reach the JSON Schema; these patterns carry the years, so
// a client or a fuzzer generating requests from the document keeps to what the
// API takes. The schemas' own checks stay the rule; the patterns describe it.

/** The years from `from` to `to` as a regular expression's alternation: whole centuries, decades, then years. */
export function yearsPattern(from: number, to: number): string {
  const parts: string[] = [];
  for (let y = from; y <= to; ) {
    const step = y % 100 === 0 && y + 99 <= to ? 100 : y % 10 === 0 && y + 9 <= to ? 10 : 1;
    parts.push(step === 100 ? `${y / 100}\\d\\d` : step === 10 ? `${y / 10}\\d` : String(y));
    y += step;
  }
  return parts.join('|');
}

// Days each month can have; 29 February in a year that has none is left to the schema's own check.
const MONTH_DAY = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2\\d))';

/**
 * A calendar date's pattern for the OpenAPI document, with its years, so a
 * client generating requests from the document keeps to the range the API takes.
 */
export const datePattern = (fromYear: number, toYear: number) =>
  `^(?:${yearsPattern(fromYear, toYear)})-${MONTH_DAY}$`;

/** A date and time with its offset, as `datePattern` for its date. */
export const instantPattern = (fromYear: number, toYear: number) =>
  `^(?:${yearsPattern(fromYear, toYear)})-${MONTH_DAY}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`;
