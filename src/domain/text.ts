// The one rule for text anyone sends in (API bodies, queries, learner forms):
// what PostgreSQL, a workflow and a PDF can all hold. A NUL byte, another
// control character, an unpaired surrogate or a Unicode non-character is
// refused at the door, naming the field, instead of failing a database write
// later, where a retrying step would fail on it forever.

/** Longest string accepted anywhere; each field's own limit is usually far lower. */
export const MAX_TEXT_LENGTH = 20_000;

// C0 controls except tab, newline and carriage return; DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const NON_CHARACTER = /[\ufdd0-\ufdef\ufffe\uffff]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The same rule as a JSON Schema pattern for the OpenAPI document (control
 * characters and non-characters; an unpaired surrogate cannot be written as a
 * pattern, and the length is each field's maxLength).
 */
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$';

/** Why the text is refused, or null when it is fine. */
export function textProblem(value: string, maxLength = MAX_TEXT_LENGTH): string | null {
  if (value.length > maxLength) return `at most ${maxLength} characters (this has ${value.length})`;
  if (value.includes('\u0000')) return 'contains a NUL byte (\\u0000), which cannot be stored';
  if (CONTROL.test(value))
    return 'contains a control character; only text, tabs and line breaks are accepted';
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (an unpaired UTF-16 surrogate)';
  if (NON_CHARACTER.test(value)) return 'contains a Unicode non-character';
  return null;
}

/** Every string in a parsed body or query, with its path ("claims.0.comment"), refused or not. */
export function textProblems(value: unknown, path: string): { field: string; message: string }[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: path, message: problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => textProblems(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...textProblems(k, `${path}.${k}`).map((p) => ({ ...p, message: `name ${p.message}` })),
      ...textProblems(v, `${path}.${k}`),
    ]);
  return [];
}
