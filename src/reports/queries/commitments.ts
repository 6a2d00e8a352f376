// Each learner's commitment to change beside what they answered at follow-up
// (no names, no ids: the rows are grouped before anyone sees them).
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

export interface CommitmentOutcomeRow {
  commitment: string;
  follow_up_sent: boolean;
  implemented: 'fully' | 'partly' | 'not' | null;
  barriers: string[] | null;
}

export function commitmentOutcomeRows(db: Database, activityId: string): Promise<CommitmentOutcomeRow[]> {
  return queryRows<CommitmentOutcomeRow>(
    db,
    sql`select ev.commitment, e.follow_up_sent_at is not null as follow_up_sent, r.implemented, r.barriers
    from evaluations ev
    join enrollments e on e.id = ev.enrollment_id
    left join follow_up_responses r on r.enrollment_id = ev.enrollment_id
    where e.activity_id = ${activityId} and coalesce(btrim(ev.commitment), '') <> ''
    order by ev.commitment`,
  );
}
