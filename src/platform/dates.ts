// Calendar dates people send (report periods, meeting dates): YYYY-MM-DD within
// a range a CE program can mean, so a year 9999 is a clear 400, not date
// arithmetic that overflows further on.
import { z } from 'zod';
import { datePattern } from '../domain/date-patterns.js';

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
const yearOf = (date: string) => Number(date.slice(0, 4));
const CALENDAR_DATE_PATTERN = datePattern(yearOf(EARLIEST_DATE), yearOf(LATEST_DATE));

export const calendarDateSchema = z.iso
  .date('expected a date like 2026-01-31')
  .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`)
  .meta({ pattern: CALENDAR_DATE_PATTERN })
  .describe(`A date, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`);

/** A date, or an empty field (a form's blank "from" or "to"): no date. */
export const blankOrDateSchema = z
  .preprocess((v) => (v === '' ? undefined : v), calendarDateSchema.optional())
  // The document says so: a blank is taken (a date format alone would say it is not).
  .meta({ pattern: `^$|${CALENDAR_DATE_PATTERN}`, format: undefined });
