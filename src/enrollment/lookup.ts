// Finding an enrollment and checking its stage before anything is sent to its workflow.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { enrollments, type EnrollmentStage } from '../db/schema/index.js';
import { Conflict, NotFound } from '../domain/errors.js';

export type EnrollmentRow = typeof enrollments.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findEnrollment(ctx: AppContext, enrollmentId: string): Promise<EnrollmentRow> {
  const [row] = UUID.test(enrollmentId)
    ? await ctx.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId))
    : [];
  if (!row) throw new NotFound(`enrollmentId: no enrollment "${enrollmentId}"`);
  return row;
}

export function closedError(row: Pick<EnrollmentRow, 'outcome'>): Conflict {
  return new Conflict(`the enrollment is closed (${row.outcome ?? 'finished'})`);
}

export function requireStage(row: EnrollmentRow, allowed: EnrollmentStage[], what: string): void {
  if (row.stage === 'closed') throw closedError(row);
  if (!allowed.includes(row.stage)) {
    throw new Conflict(`${what} is not taken now: the enrollment is at stage ${row.stage}`);
  }
}
