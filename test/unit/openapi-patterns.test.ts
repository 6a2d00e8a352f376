// The OpenAPI document states the input rule and the date ranges as patterns,
// so a client generating requests from it sends what the API takes. Each
// pattern must accept exactly what its schema accepts (a pattern looser than
// the rule misleads a client; a stricter one refuses good input in its tools).
import { describe, expect, it } from 'vitest';
import { TEXT_PATTERN, textProblem } from '../../src/domain/text.js';
import { dateBetween, instantSchema } from '../../src/domain/bounds-schema.js';
import { yearsPattern } from '../../src/domain/date-patterns.js';
import { calendarDateSchema } from '../../src/platform/dates.js';

const patternOf = (schema: { meta(): Record<string, unknown> | undefined }) =>
  new RegExp(String(schema.meta()?.pattern));

describe('the text pattern', () => {
  const text = new RegExp(TEXT_PATTERN);
  it.each([
    ['plain text', 'Łukasz Żółć, 王小明 🧪'],
    ['a tab and line breaks', 'one\ttwo\r\nthree'],
    ['a NUL byte', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['an escape', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['a C1 control', 'a\u009f'],
    ['a non-character', 'a\ufdd0'],
    ['U+FFFF', 'a\uffff'],
    ['no-break space', 'a\u00a0b'],
  ])('agrees with the input rule on %s', (_what, value) => {
    expect(text.test(value)).toBe(textProblem(value) === null);
  });
});

describe('the years of a date pattern', () => {
  it('covers exactly the range, in centuries, decades and years', () => {
    expect(yearsPattern(1970, 2100)).toBe('197\\d|198\\d|199\\d|20\\d\\d|2100');
    expect(yearsPattern(1900, 2199)).toBe('19\\d\\d|20\\d\\d|21\\d\\d');
    const years = new RegExp(`^(?:${yearsPattern(1967, 2103)})$`);
    for (let y = 1900; y <= 2200; y++) expect(years.test(String(y)), String(y)).toBe(y >= 1967 && y <= 2103);
  });
});

describe('date patterns against their schemas', () => {
  const agree = (
    schema: Parameters<typeof patternOf>[0] & { safeParse(v: unknown): { success: boolean } },
    values: string[],
  ) => {
    const pattern = patternOf(schema);
    for (const v of values)
      expect({ v, pattern: pattern.test(v) }).toEqual({ v, pattern: schema.safeParse(v).success });
  };

  it('instants: 1970 to 2100, with an offset', () => {
    agree(instantSchema, [
      '1970-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2026-11-27T10:00:00.123+01:00',
      '2100-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '0020-06-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-27T24:00:00Z',
      '2026-11-27T10:00:00',
    ]);
  });

  it('calendar dates: each range as its schema says', () => {
    agree(dateBetween(1950, 2100), [
      '1949-12-31',
      '1950-01-01',
      '2100-12-31',
      '2101-01-01',
      '2024-02-29',
      '2026-13-01',
    ]);
    agree(dateBetween(2000, 2100), ['1999-12-31', '2000-01-01', '2100-12-31', '9999-01-01']);
    agree(calendarDateSchema, ['1899-12-31', '1900-01-01', '2199-12-31', '2200-01-01', '2026-06-31']);
  });
});
