// Each learner's commitment to change beside what they answered at follow-up
// (no names, no ids: the rows are grouped before anyone sees them), one row
// per learner, from the activity summaries (src/db/activity-summaries.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

export interface CommitmentOutcomeRow {
  commitment: string;
  follow_up_sent: boolean;
  implemented: 'fully' | 'partly' | 'not' | null;
  barriers: string[] | null;
}

export function commitmentOutcomeRows(db: Database, activityId: string): Promise<CommitmentOutcomeRow[]> {
  return queryRows<CommitmentOutcomeRow>(db, commitmentOutcomeSql(activityId));
}

export const commitmentOutcomeSql = (activityId: string): SQL =>
  sql`select b.key as commitment, (o->>0)::boolean as follow_up_sent, o->>1 as implemented,
      nullif(o->2, 'null'::jsonb) as barriers
    from activity_summary_buckets b cross join lateral (select b.subkey::jsonb as o) outcome
    cross join generate_series(1, b.count)
    where b.activity_id = ${activityId} and b.kind = 'commitment_outcome' and b.count > 0
    order by b.key`;
