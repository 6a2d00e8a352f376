// The spread of ratings per activity (count, sum and sum of squares of each
// evaluation's mean objective rating and of relevance), for confidence
// intervals of the means.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';

export interface RatingSampleRow {
  activity_id: string;
  n: number;
  objectives_sum: number;
  objectives_squares: number;
  relevance_sum: number;
  relevance_squares: number;
}

export function ratingSampleRows(db: Database, scope: SQL): Promise<RatingSampleRow[]> {
  return queryRows<RatingSampleRow>(db, ratingSampleSql(scope));
}

export const ratingSampleSql = (scope: SQL): SQL =>
  sql`with per_learner as (
      select e.activity_id, ev.relevance::float8 as relevance,
        (select avg(r::float8) from jsonb_array_elements_text(ev.objective_ratings) as r) as objectives
      from evaluations ev join enrollments e on e.id = ev.enrollment_id
      where e.activity_id in (${scope})
    )
    select activity_id, count(*)::int as n,
      coalesce(sum(objectives), 0)::float8 as objectives_sum,
      coalesce(sum(objectives * objectives), 0)::float8 as objectives_squares,
      coalesce(sum(relevance), 0)::float8 as relevance_sum,
      coalesce(sum(relevance * relevance), 0)::float8 as relevance_squares
    from per_learner group by 1`;
