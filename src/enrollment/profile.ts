// The learner's profile: profession, NABP e-Profile ID with birth month/day,
// and the licences and certifications (rows of learner_credentials). The
// enrollment API, the profile API and the learner's claim form all write it
// here; the credit rules, certificates and reports read it here.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { learnerCredentials, learners } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import type { LearnerProfile, StoredCredential } from '../domain/profile.js';
import { loadCredentials } from '../db/learner-credentials.js';

export { loadCredentials, loadCredentialsOf } from '../db/learner-credentials.js';
import type { CredentialInput, ProfileInput } from '../domain/profile-schema.js';

/** A learner row plus its credentials, as the credit rules read it. */
export function profileOf(
  learner: Pick<typeof learners.$inferSelect, 'profession' | 'nabpEProfileId' | 'birthMonthDay'>,
  credentials: StoredCredential[],
): StoredProfile {
  return {
    profession: learner.profession ?? null,
    nabpEProfileId: learner.nabpEProfileId ?? null,
    birthMonthDay: learner.birthMonthDay ?? null,
    credentials,
  };
}

/** The profile as stored: every credential field present. */
export type StoredProfile = LearnerProfile & { credentials: StoredCredential[] };

export async function readProfile(db: Database, learnerId: string): Promise<StoredProfile> {
  const [learner] = await db.select().from(learners).where(eq(learners.id, learnerId));
  if (!learner) throw new NotFound(`learnerId: no learner "${learnerId}"`);
  return profileOf(learner, await loadCredentials(db, learnerId));
}

/** Replaces the learner's credentials with these (in the caller's transaction). */
export async function replaceCredentials(db: Database, learnerId: string, credentials: CredentialInput[]) {
  await db.delete(learnerCredentials).where(eq(learnerCredentials.learnerId, learnerId));
  if (credentials.length === 0) return;
  await db.insert(learnerCredentials).values(
    credentials.map((c) => ({
      learnerId,
      kind: c.kind,
      identifier: c.identifier,
      state: c.state ?? null,
      subtype: c.subtype ?? null,
      category: c.category ?? null,
      cycleStartsOn: c.cycleStartsOn ?? null,
      cycleEndsOn: c.cycleEndsOn ?? null,
    })),
  );
}

/**
 * Writes the profile fields given; a field left undefined keeps what is
 * stored, null clears it, and credentials given replace the learner's list.
 */
export async function updateProfile(
  db: Database,
  learnerId: string,
  fields: Partial<ProfileInput>,
): Promise<StoredProfile> {
  return db.transaction(async (tx) => {
    const set = {
      ...(fields.profession !== undefined ? { profession: fields.profession } : {}),
      ...(fields.nabpEProfileId !== undefined ? { nabpEProfileId: fields.nabpEProfileId } : {}),
      ...(fields.birthMonthDay !== undefined ? { birthMonthDay: fields.birthMonthDay } : {}),
      updatedAt: new Date(),
    };
    const updated = await tx
      .update(learners)
      .set(set)
      .where(eq(learners.id, learnerId))
      .returning({ id: learners.id });
    if (updated.length === 0) throw new NotFound(`learnerId: no learner "${learnerId}"`);
    if (fields.credentials !== undefined) await replaceCredentials(tx, learnerId, fields.credentials);
    return readProfile(tx, learnerId);
  });
}

/** The profile API's PUT: the whole profile, a field left out cleared. */
export function replaceProfile(
  db: Database,
  learnerId: string,
  profile: ProfileInput,
): Promise<StoredProfile> {
  return updateProfile(db, learnerId, {
    profession: profile.profession,
    nabpEProfileId: profile.nabpEProfileId ?? null,
    birthMonthDay: profile.birthMonthDay ?? null,
    credentials: profile.credentials,
  });
}
