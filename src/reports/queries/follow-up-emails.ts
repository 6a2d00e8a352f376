// Which email brought each follow-up answer (the link says which: 0 = the
// first email, n = reminder n), and how many received each email.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

export interface AnswerByEmailRow {
  activity_id: string;
  /** Null: answered without an email link (the API, or before links said which). */
  via_email: number | null;
  answered: number;
}

export function answersByEmailRows(db: Database, scope: SQL): Promise<AnswerByEmailRow[]> {
  return queryRows<AnswerByEmailRow>(
    db,
    sql`select e.activity_id, r.via_email, count(*)::int as answered
    from follow_up_responses r join enrollments e on e.id = r.enrollment_id
    where e.activity_id in (${scope})
    group by 1, 2`,
  );
}

export interface EmailSentRow {
  activity_id: string;
  /** 0 = the first email, n = reminder n. */
  email: number;
  sent: number;
}

/** The first email counts as sent when the follow-up opened; reminder n is its outbox row. */
export function followUpEmailsSentRows(db: Database, scope: SQL): Promise<EmailSentRow[]> {
  return queryRows<EmailSentRow>(
    db,
    sql`select e.activity_id, 0 as email, count(e.follow_up_sent_at)::int as sent
    from enrollments e where e.activity_id in (${scope}) group by 1
    union all
    select e.activity_id, substring(o.dedupe_key from '(\\d+)$')::int as email, count(*)::int as sent
    from email_outbox o join enrollments e on e.id = o.enrollment_id
    where e.activity_id in (${scope}) and o.kind = 'follow_up_reminder' and o.dedupe_key ~ '\\d+$'
    group by 1, 2`,
  );
}
