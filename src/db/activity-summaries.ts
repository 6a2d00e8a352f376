// The per-activity report summaries (schema/summaries.ts) are kept by the
// database itself: triggers on every table a report counts (enrollments,
// competence attempts, evaluations, credit claims, follow-up answers, the
// follow-up reminders in the outbox) take an enrollment's figures out of its
// activity's summary before a statement changes its rows and put them back
// after it (the activity-summaries-triggers migration). So every writer, a v2
// step, a v1 activity, an amended answer or a fix by hand, keeps them right
// in its own transaction, open enrollments as well as closed ones, and a
// report reads summary rows only.
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** Recomputes every summary from the fact rows (what the migrations did for existing data). */
export async function rebuildActivitySummaries(db: Database): Promise<void> {
  await db.execute(sql`select ceo_summaries_rebuild()`);
}
