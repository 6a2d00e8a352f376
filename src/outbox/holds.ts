// Held mail: queued now, sent once something it reports is ready (an
// enrollment email waits for the activity's disclosures). Senders take only
// pending rows, so a held row waits untouched until it is released here.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { emailOutbox } from '../db/schema/index.js';
import { OUTBOX_CHANNEL } from './outbox.js';

type OutboxRow = typeof emailOutbox.$inferSelect;

/** The body to send, composed again at release: what it reports may have changed while it waited. */
export type Recompose = (row: OutboxRow) => Promise<{ subject: string; html: string; text: string } | null>;

/** Held rows of a reason (oldest first). */
export function heldMail(db: Database, reason: string): Promise<OutboxRow[]> {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'held'), eq(emailOutbox.heldReason, reason)))
    .orderBy(emailOutbox.createdAt);
}

/** Releases every row held for `reason` (recomposed first), waking the senders; returns how many. */
export async function releaseHeld(db: Database, reason: string, recompose: Recompose): Promise<number> {
  let released = 0;
  for (const row of await heldMail(db, reason)) {
    const body = await recompose(row);
    const [done] = await db
      .update(emailOutbox)
      .set({ ...(body ?? {}), status: 'pending', nextAttemptAt: new Date() })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'held')))
      .returning({ id: emailOutbox.id });
    if (done) released += 1;
  }
  if (released > 0) await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return released;
}
