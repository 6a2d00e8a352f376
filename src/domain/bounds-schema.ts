// Bounds every instant, amount and duration the API takes must keep: what
// PostgreSQL stores and JavaScript reads back (a year-0 date comes back as an
// invalid Date), what an integer column holds, and what a Temporal timer takes.
// A value outside them is a 400 naming the field, never a step retried forever.
import { z } from 'zod';
import { DURATION_PATTERN, toMs } from './duration.js';
import { datePattern, instantPattern } from './date-patterns.js';

const FIRST_YEAR = 1970;
const LAST_YEAR = 2100;
const FIRST_INSTANT = Date.UTC(FIRST_YEAR, 0, 1);
const LAST_INSTANT = Date.UTC(LAST_YEAR, 11, 31, 23, 59, 59);

/** A date and time with its offset, between 1970 and 2100 (the check and the document's pattern alike). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((s) => {
    const t = Date.parse(s);
    return t >= FIRST_INSTANT && t <= LAST_INSTANT;
  }, `a date and time between ${FIRST_YEAR} and ${LAST_YEAR}`)
  .meta({ pattern: instantPattern(FIRST_YEAR, LAST_YEAR) });

/** Money in cents: at most 100,000,000 (one million in the currency), well within an integer column. */
export const centsSchema = z.number().int().min(0).max(100_000_000);

/** An email address as mail servers take it: at most 254 characters, 64 before the @ (RFC 5321). */
export const emailSchema = z
  .email()
  .max(254)
  .refine((e) => e.lastIndexOf('@') <= 64, 'at most 64 characters before the @');

/** A currency as ISO 4217 names it, in capitals. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code in capitals, e.g. USD');

/** The longest window, delay or reminder a policy may set: ten years. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

export const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, 'expected a duration like 90d, 12h, 30s or 500ms')
  .refine((d) => !DURATION_PATTERN.test(d) || toMs(d) <= MAX_DURATION_MS, 'at most 3650d (ten years)');

/** A duration's length, or undefined when it is not one (its own field reports that). */
export const durationMs = (d: string): number | undefined => (DURATION_PATTERN.test(d) ? toMs(d) : undefined);

/** A calendar date, YYYY-MM-DD, from 1 January of one year to 31 December of another (the document says so too). */
export const dateBetween = (fromYear: number, toYear: number) =>
  z.iso
    .date('a date as YYYY-MM-DD')
    .refine(
      (d) => d >= `${fromYear}-01-01` && d <= `${toYear}-12-31`,
      `a date between ${fromYear} and ${toYear}`,
    )
    .meta({ pattern: datePattern(fromYear, toYear) });

/** Base64 as RFC 4648 writes it: whole groups of four, padded; what a strict decoder (protobuf's) takes. */
export const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
