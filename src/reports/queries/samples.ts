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

/**
 * Read row by row (the summaries do not keep each learner's mean rating), so
 * it is shaped to stay on the scope's own rows whatever the planner's costs:
 * the scope as an array probes the enrollments' activity index, the lateral
 * subquery (offset 0 keeps it from being flattened into a hash join over every
 * evaluation) probes each evaluation by key, and each learner's mean is
 * computed once.
 */
export const ratingSampleSql = (scope: SQL): SQL =>
  sql`select e.activity_id, count(*)::int as n,
      coalesce(sum(l.objectives), 0)::float8 as objectives_sum,
      coalesce(sum(l.objectives * l.objectives), 0)::float8 as objectives_squares,
      coalesce(sum(l.relevance), 0)::float8 as relevance_sum,
      coalesce(sum(l.relevance * l.relevance), 0)::float8 as relevance_squares
    from enrollments e
    cross join lateral (select ev.relevance::float8 as relevance,
        (select avg(r::float8) from jsonb_array_elements_text(ev.objective_ratings) as r) as objectives
      from evaluations ev where ev.enrollment_id = e.id offset 0) l
    where e.activity_id = any(array(${scope}))
    group by 1`;
