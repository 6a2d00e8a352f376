// This provider's activities open for enrollment (not ended, not already
// taken by the learner), for the dashboard's and the reminders' suggestions.
import { and, asc, eq, gt, notInArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, enrollments } from '../db/schema/index.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import type { OpenActivity } from '../domain/suggestions.js';
import { topicsOf } from './earned.js';

export async function openActivities(db: Database, learnerId: string, now: Date): Promise<OpenActivity[]> {
  const taken = db
    .select({ id: enrollments.activityId })
    .from(enrollments)
    .where(eq(enrollments.learnerId, learnerId));
  const rows = await db
    .select()
    .from(activities)
    .where(and(gt(activities.endsAt, now), notInArray(activities.id, taken)))
    .orderBy(asc(activities.startsAt))
    .limit(200);
  return rows.map((a) => {
    const policy = policyOrDefaults(a.policy);
    return {
      activityId: a.id,
      title: a.title,
      format: a.format,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      credits: policy.credits.map((d) => ({ type: d.type, maxCredits: d.maxCredits })),
      topics: topicsOf(policy),
    };
  });
}
