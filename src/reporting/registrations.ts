// What the regulators know an activity by (CE Broker course tracking number,
// PARS activity ID), set by staff once the regulator has registered it, and
// the UAN look-up's last answer.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { reportingActivities, type UanCheck } from '../db/schema/index.js';

export interface ActivityRegistration {
  ceBrokerCourseId: string | null;
  parsActivityId: string | null;
  uanCheck: UanCheck | null;
}

export async function activityRegistration(db: Database, activityId: string): Promise<ActivityRegistration> {
  const [row] = await db
    .select()
    .from(reportingActivities)
    .where(eq(reportingActivities.activityId, activityId));
  return {
    ceBrokerCourseId: row?.ceBrokerCourseId ?? null,
    parsActivityId: row?.parsActivityId ?? null,
    uanCheck: row?.uanCheck ?? null,
  };
}

/** Sets the numbers given (undefined keeps what is stored, null clears). */
export async function setActivityRegistration(
  db: Database,
  activityId: string,
  input: { ceBrokerCourseId?: string | null; parsActivityId?: string | null },
): Promise<ActivityRegistration> {
  const set = {
    ...(input.ceBrokerCourseId !== undefined ? { ceBrokerCourseId: input.ceBrokerCourseId } : {}),
    ...(input.parsActivityId !== undefined ? { parsActivityId: input.parsActivityId } : {}),
    updatedAt: new Date(),
  };
  await db
    .insert(reportingActivities)
    .values({ activityId, ...set })
    .onConflictDoUpdate({ target: reportingActivities.activityId, set });
  return activityRegistration(db, activityId);
}

/** Forgets the UAN look-up, so the next submission looks it up again (after staff fixed the UAN or dates). */
export async function forgetUanCheck(db: Database, activityId: string): Promise<void> {
  await db
    .update(reportingActivities)
    .set({ uanCheck: null, updatedAt: new Date() })
    .where(eq(reportingActivities.activityId, activityId));
}
