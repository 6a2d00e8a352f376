// A learner's profession as reports read it: the one place that knows where it
// is stored (learners.profession today), so moving it changes one line.
import { sql, type SQL } from 'drizzle-orm';

/** The profession of the learner row aliased `alias`, "Not stated" when empty. */
export const learnerProfession = (alias: string): SQL =>
  sql`coalesce(nullif(btrim(${sql.raw(alias)}.profession), ''), 'Not stated')`;
