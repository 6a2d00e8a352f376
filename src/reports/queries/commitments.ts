// Each learner's commitment to change beside what they answered at follow-up
// (no names, no ids: the rows are grouped before anyone sees them), one row
// per learner, from the activity summaries (src/db/activity-summaries.ts):
// each distinct row comes once with its count and is repeated here.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

export interface CommitmentOutcomeRow {
  commitment: string;
  follow_up_sent: boolean;
  implemented: 'fully' | 'partly' | 'not' | null;
  barriers: string[] | null;
}

/** A distinct commitment and follow-up ([sent, implemented, barriers] as JSON text), with how many. */
export interface CountedCommitmentOutcome {
  commitment: string;
  outcome: string;
  count: number;
}

export async function commitmentOutcomeRows(
  db: Database,
  activityId: string,
): Promise<CommitmentOutcomeRow[]> {
  return commitmentOutcomesFrom(
    await queryRows<CountedCommitmentOutcome>(db, commitmentOutcomeSql(activityId)),
  );
}

/** One row per learner from the counted rows. */
export function commitmentOutcomesFrom(counted: CountedCommitmentOutcome[]): CommitmentOutcomeRow[] {
  return counted.flatMap(({ commitment, outcome, count }) => {
    const [sent, implemented, barriers] = JSON.parse(outcome) as [
      boolean,
      CommitmentOutcomeRow['implemented'],
      string[] | null,
    ];
    const row = { commitment, follow_up_sent: sent, implemented, barriers };
    return Array.from({ length: count }, () => ({ ...row, barriers: barriers && [...barriers] }));
  });
}

/** Each distinct commitment and follow-up ([sent, implemented, barriers] as JSON text), with how many. */
export const commitmentOutcomeSql = (activityId: string | SQL): SQL =>
  sql`select key as commitment, subkey as outcome, count from activity_summary_buckets
    where activity_id = ${activityId} and kind = 'commitment_outcome' and count > 0 order by key`;
