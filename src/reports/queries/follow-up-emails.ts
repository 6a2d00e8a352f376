// Which email brought each follow-up answer (the link says which: 0 = the
// first email, n = reminder n), and how many received each email, from the
// activity summaries (src/db/activity-summaries.ts), read in the activity
// report's one statement (./activity-statement.ts).
import { sql, type SQL } from 'drizzle-orm';

export interface AnswerByEmailRow {
  activity_id: string;
  /** Null: answered without an email link (the API, or before links said which). */
  via_email: number | null;
  answered: number;
}

export const answersByEmailSql = (scope: SQL): SQL =>
  sql`select activity_id, nullif(key, '')::int as via_email, count as answered from activity_summary_buckets
    where activity_id in (${scope}) and kind = 'via_email' and count > 0`;

export interface EmailSentRow {
  activity_id: string;
  /** 0 = the first email, n = reminder n. */
  email: number;
  sent: number;
}

/** The first email counts as sent when the follow-up opened; reminder n is its outbox row. */
export const followUpEmailsSentSql = (scope: SQL): SQL =>
  sql`select activity_id, 0 as email, follow_up_sent as sent from activity_summaries
    where activity_id in (${scope}) and enrolled > 0
    union all
    select activity_id, key::int as email, count as sent from activity_summary_buckets
    where activity_id in (${scope}) and kind = 'reminder' and count > 0`;
