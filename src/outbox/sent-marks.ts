// Rows the SMTP server accepted, marked sent together: one UPDATE for the
// emails whose exchanges ended within a few tens of milliseconds, instead of
// a statement (and a commit) per email, which in a due-date burst cost the
// sender's process as much CPU as its SMTP exchanges. An email whose mark is
// waiting stays "sending"; if the sender dies then, the sweep makes it
// unconfirmed (never resent), exactly as when it dies between the exchange
// and a mark of its own.
import { and, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { emailOutbox } from '../db/schema/index.js';

export interface SentMarks {
  /** Resolves once the row is recorded sent (with the other rows that ended meanwhile). */
  sent(rowId: string): Promise<void>;
}

/** How long a mark waits for others to share its statement; and how many share one at most. */
const MARK_AFTER_MS = 40;
const MARKS_PER_STATEMENT = 100;

/** Records rows the SMTP server accepted as sent (the sender's marks, and a single email delivered by key). */
export async function markSent(db: Database, rowIds: string[]): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: new Date() })
    .where(and(inArray(emailOutbox.id, rowIds), inArray(emailOutbox.status, ['sending', 'unconfirmed'])));
}

interface Waiting {
  id: string;
  done: () => void;
  failed: (err: unknown) => void;
}

export function sentMarks(db: Database): SentMarks {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  const write = async () => {
    timer = undefined;
    const these = waiting;
    waiting = [];
    try {
      await markSent(
        db,
        these.map((w) => w.id),
      );
      for (const w of these) w.done();
    } catch (err) {
      for (const w of these) w.failed(err);
    }
  };
  return {
    sent(id) {
      return new Promise((done, failed) => {
        waiting.push({ id, done, failed });
        if (waiting.length >= MARKS_PER_STATEMENT) {
          clearTimeout(timer);
          void write();
        } else timer ??= setTimeout(() => void write(), MARK_AFTER_MS);
      });
    },
  };
}
