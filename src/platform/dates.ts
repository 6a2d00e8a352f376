// Calendar dates people send (report periods, meeting dates): YYYY-MM-DD within
// a range a CE program can mean, so a year 9999 is a clear 400, not date
// arithmetic that overflows further on.
import { z } from 'zod';
import { datePattern } from '../domain/date-patterns.js';

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

export const calendarDateSchema = z.iso
  .date('expected a date like 2026-01-31')
  .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`)
  .meta({ pattern: datePattern(1900, 2199) })
  .describe(`A date, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`);
