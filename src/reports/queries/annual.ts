// Learners per activity and profession for the yearly accreditation data:
// participants (attendance completed) and certified learners.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';
import { learnerProfession } from './profession.js';

export interface ProfessionRow {
  activity_id: string;
  profession: string;
  learners: number;
  certified: number;
}

export function professionRows(db: Database, scope: SQL): Promise<ProfessionRow[]> {
  return queryRows<ProfessionRow>(
    db,
    sql`select e.activity_id, ${learnerProfession('l')} as profession,
      count(e.attendance_completed_at)::int as learners,
      count(e.certified_at)::int as certified
    from enrollments e join learners l on l.id = e.learner_id
    where e.activity_id in (${scope}) and e.attendance_completed_at is not null
    group by 1, 2
    order by 1, 2`,
  );
}

export function distinctLearners(db: Database, scope: SQL): Promise<{ n: number }[]> {
  return queryRows<{ n: number }>(
    db,
    sql`select count(distinct e.learner_id)::int as n from enrollments e
    where e.activity_id in (${scope}) and e.attendance_completed_at is not null`,
  );
}
