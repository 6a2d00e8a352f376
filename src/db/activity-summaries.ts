// The per-activity report summaries (schema/summaries.ts), kept by the SQL
// functions of the activity-summaries-backfill migration: an enrollment is added once, in the
// transaction that closes it; a change to a closed enrollment's figures (an
// amended follow-up answer) takes it out and puts it back in the same
// transaction; a rebuild recomputes them all from the closed enrollments.
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Adds a closed enrollment to its activity's summary, unless it is there already (or still open). */
export async function summarizeClosed(db: Database | Tx, enrollmentId: string): Promise<void> {
  await db.execute(sql`select ceo_summarize(${enrollmentId}::uuid)`);
}

/**
 * Changes a closed enrollment's figures without leaving its summary behind:
 * its old figures out, the change, its new figures in, in one transaction
 * (the enrollment row locked, so two amendments queue).
 */
export async function amendSummarized<T>(
  db: Database,
  enrollmentId: string,
  change: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const locked = (await tx.execute(
      sql`select summarized from enrollments where id = ${enrollmentId}::uuid for update`,
    )) as unknown;
    const rows = Array.isArray(locked) ? locked : ((locked as { rows?: unknown[] }).rows ?? []);
    const summarized = (rows[0] as { summarized?: boolean } | undefined)?.summarized === true;
    if (summarized) await tx.execute(sql`select ceo_summary_apply(array[${enrollmentId}::uuid], -1)`);
    const result = await change(tx);
    if (summarized) await tx.execute(sql`select ceo_summary_apply(array[${enrollmentId}::uuid], 1)`);
    return result;
  });
}

/** Recomputes every summary from the closed enrollments (what the migration did for existing data). */
export async function rebuildActivitySummaries(db: Database): Promise<void> {
  await db.execute(sql`select ceo_summaries_rebuild()`);
}
