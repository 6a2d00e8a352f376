// Staff only: who was sent the follow-up and has not answered, with contact
// details, for chasing. Never part of a committee view.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../reports/queries/sql.js';

export interface NonRespondent {
  enrollmentId: string;
  learnerId: string;
  name: string;
  email: string;
  followUpSentAt: string;
  remindersSent: number;
  followUpStatus: string | null;
}

export async function followUpNonRespondents(db: Database, activityId: string): Promise<NonRespondent[]> {
  const rows = await queryRows<{
    enrollment_id: string;
    learner_id: string;
    name: string;
    email: string;
    follow_up_sent_at: string | Date;
    reminders_sent: number;
    follow_up_status: string | null;
  }>(
    db,
    sql`select e.id as enrollment_id, l.id as learner_id, l.name, l.email, e.follow_up_sent_at, e.follow_up_status,
      (select count(*) from email_outbox o where o.enrollment_id = e.id and o.kind = 'follow_up_reminder')::int as reminders_sent
    from enrollments e
    join learners l on l.id = e.learner_id
    where e.activity_id = ${activityId}
      and e.follow_up_sent_at is not null
      and not exists (select 1 from follow_up_responses r where r.enrollment_id = e.id)
    order by l.name, e.id`,
  );
  return rows.map((r) => ({
    enrollmentId: r.enrollment_id,
    learnerId: r.learner_id,
    name: r.name,
    email: r.email,
    followUpSentAt: new Date(r.follow_up_sent_at).toISOString(),
    remindersSent: r.reminders_sent,
    followUpStatus: r.follow_up_status,
  }));
}
