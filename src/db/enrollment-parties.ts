// One enrollment with its activity and learner: what most pages, emails and
// checks start from.
import { eq } from 'drizzle-orm';
import type { Database } from './client.js';
import { activities, enrollments, learners } from './schema/index.js';

export async function findEnrollmentParties(db: Database, enrollmentId: string) {
  const [row] = await db
    .select({ enrollment: enrollments, activity: activities, learner: learners })
    .from(enrollments)
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .innerJoin(learners, eq(learners.id, enrollments.learnerId))
    .where(eq(enrollments.id, enrollmentId));
  return row;
}
