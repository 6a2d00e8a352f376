// The committee digest: per program, the activities whose follow-up window
// closed since the last digest, summarised with links to their reports.
// Sent once per program and window (the outbox dedupe key), then the program's
// lastDigestAt moves to the window's end. The email itself: ./email.ts.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { activities, programs } from '../../db/schema/index.js';
import { toMs } from '../../domain/duration.js';
import { policyOrDefaults } from '../../domain/policy-schema.js';

export { renderDigest } from './email.js';

/**
 * When an activity's follow-up closes: its end, plus the follow-up delay, plus
 * how long the follow-up stays open. For enduring activities the end is when
 * the activity stops being offered, so the last completer's window closes by then.
 */
export function followUpClosesAt(activity: { endsAt: Date; policy: unknown }): Date | null {
  const policy = policyOrDefaults(activity.policy);
  if (!policy.followUp.enabled) return null;
  return new Date(activity.endsAt.getTime() + toMs(policy.followUp.delay) + toMs(policy.followUp.closeAfter));
}

export interface DigestWindow {
  programId: string;
  programName: string;
  to: string[];
  /** Previous digest (exclusive); null for the first digest ever. */
  from: Date | null;
  /** This digest (inclusive). */
  until: Date;
  activities: { id: string; title: string; closedAt: Date }[];
}

/** Programs with a committee to write to. */
export async function digestPrograms(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: programs.id })
    .from(programs)
    .where(sql`jsonb_array_length(${programs.committeeEmails}) > 0`)
    .orderBy(programs.id);
  return rows.map((r) => r.id);
}

/** What the program's next digest covers, or null when it has already been sent up to `until`. */
export async function digestWindow(
  db: Database,
  programId: string,
  until: Date,
): Promise<DigestWindow | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return null;
  const from = program.lastDigestAt;
  if (from && from >= until) return null;
  // Few activities per program: the closing time depends on policy durations, so it is computed here.
  const list = await db
    .select({
      id: activities.id,
      title: activities.title,
      endsAt: activities.endsAt,
      policy: activities.policy,
    })
    .from(activities)
    .where(
      and(
        eq(activities.programId, programId),
        sql`${activities.endsAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(activities.endsAt, activities.id);
  const closed = list
    .map((a) => ({ id: a.id, title: a.title, closedAt: followUpClosesAt(a) }))
    .filter((a): a is { id: string; title: string; closedAt: Date } => a.closedAt !== null)
    .filter((a) => a.closedAt <= until && (!from || a.closedAt > from))
    .sort((x, y) => x.closedAt.getTime() - y.closedAt.getTime() || x.id.localeCompare(y.id));
  return {
    programId,
    programName: program.name,
    to: program.committeeEmails,
    from,
    until,
    activities: closed,
  };
}

/** Moves lastDigestAt forward only if no other run moved it meanwhile. */
export async function advanceDigest(db: Database, w: DigestWindow): Promise<void> {
  await db
    .update(programs)
    .set({ lastDigestAt: w.until })
    .where(
      and(
        eq(programs.id, w.programId),
        w.from
          ? sql`${programs.lastDigestAt} = ${w.from.toISOString()}::timestamptz`
          : sql`${programs.lastDigestAt} is null`,
      ),
    );
}

export const digestDedupeKey = (w: DigestWindow) =>
  `digest:${w.programId}:${w.from ? w.from.toISOString() : 'start'}:${w.until.toISOString()}`;
