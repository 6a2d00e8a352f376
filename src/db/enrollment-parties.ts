// One enrollment with its activity, learner and the learner's credentials,
// and the provider's contact for email footers: what most pages, emails and
// checks start from. (Read here, before a step's transaction, so composing an
// email inside the transaction needs no second connection.)
import { eq } from 'drizzle-orm';
import type { Database } from './client.js';
import { activities, enrollments, learners, providerProfile } from './schema/index.js';
import { loadCredentials } from './learner-credentials.js';
import type { LearnerProfile } from '../domain/profile.js';

export async function findEnrollmentParties(db: Database, enrollmentId: string) {
  const [row] = await db
    .select({ enrollment: enrollments, activity: activities, learner: learners })
    .from(enrollments)
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .innerJoin(learners, eq(learners.id, enrollments.learnerId))
    .where(eq(enrollments.id, enrollmentId));
  if (!row) return undefined;
  const { learner } = row;
  const profile: LearnerProfile = {
    profession: learner.profession ?? null,
    nabpEProfileId: learner.nabpEProfileId ?? null,
    birthMonthDay: learner.birthMonthDay ?? null,
    credentials: await loadCredentials(db, learner.id),
  };
  const [providerContact] = await db
    .select({
      name: providerProfile.name,
      contactEmail: providerProfile.contactEmail,
      postalAddress: providerProfile.postalAddress,
    })
    .from(providerProfile)
    .where(eq(providerProfile.id, 'provider'));
  return { ...row, profile, providerContact: providerContact ?? null };
}
