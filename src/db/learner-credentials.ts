// A learner's licences and certifications as the rules read them.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.js';
import { learnerCredentials } from './schema/index.js';
import type { StoredCredential } from '../domain/profile.js';

type CredentialRow = typeof learnerCredentials.$inferSelect;

const toCredential = (r: CredentialRow): StoredCredential => ({
  kind: r.kind,
  identifier: r.identifier,
  state: r.state,
  subtype: r.subtype,
  category: r.category,
  cycleStartsOn: r.cycleStartsOn,
  cycleEndsOn: r.cycleEndsOn,
});

/** The credentials of one learner, in a stable order (kind, state, subtype, category). */
export async function loadCredentials(db: Database, learnerId: string): Promise<StoredCredential[]> {
  const rows = await db
    .select()
    .from(learnerCredentials)
    .where(eq(learnerCredentials.learnerId, learnerId))
    .orderBy(
      asc(learnerCredentials.kind),
      asc(learnerCredentials.state),
      asc(learnerCredentials.subtype),
      asc(learnerCredentials.category),
    );
  return rows.map(toCredential);
}

/** Credentials of many learners at once (reports, the demo's summary). */
export async function loadCredentialsOf(
  db: Database,
  learnerIds: string[],
): Promise<Map<string, StoredCredential[]>> {
  const byLearner = new Map<string, StoredCredential[]>();
  if (learnerIds.length === 0) return byLearner;
  const rows = await db
    .select()
    .from(learnerCredentials)
    .where(inArray(learnerCredentials.learnerId, learnerIds));
  for (const r of rows) byLearner.set(r.learnerId, [...(byLearner.get(r.learnerId) ?? []), toCredential(r)]);
  return byLearner;
}
