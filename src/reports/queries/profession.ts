// A learner's profession as reports read it: the one place that knows where it
// is stored (the profile's learners.profession, a code from PROFESSIONS), so
// moving it changes one line.
import { sql, type SQL } from 'drizzle-orm';
import { PROFESSION_LABELS } from '../../domain/profile.js';

/** The profession code of the learner row aliased `alias`, `not_stated` when empty. */
export const learnerProfession = (alias: string): SQL =>
  sql`coalesce(nullif(btrim(${sql.raw(alias)}.profession), ''), ${NOT_STATED})`;

export const NOT_STATED = 'not_stated';

/** How a profession code reads in the yearly data. */
export function professionLabel(code: string): string {
  if (code === NOT_STATED) return 'Not stated';
  return (PROFESSION_LABELS as Record<string, string>)[code] ?? code;
}
