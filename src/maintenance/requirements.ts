// The requirements each credential follows, as data: seeded from RULES.md by a
// migration, read by the dashboard and the reminders, replaced by staff.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { credentialRequirements } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import type { RequirementSet } from '../domain/credential-requirements.js';
import type { RequirementBody } from '../domain/credential-requirements-schema.js';

const toSet = (row: typeof credentialRequirements.$inferSelect): RequirementSet => ({
  id: row.id,
  ...row.definition,
});

export async function listRequirements(db: Database): Promise<RequirementSet[]> {
  const rows = await db.select().from(credentialRequirements).orderBy(asc(credentialRequirements.id));
  return rows.map(toSet);
}

export async function getRequirement(db: Database, id: string): Promise<RequirementSet> {
  const [row] = await db.select().from(credentialRequirements).where(eq(credentialRequirements.id, id));
  if (!row) throw new NotFound(`requirementId: no requirement "${id}"`);
  return toSet(row);
}

/** Creates or replaces a requirement set; `created` says which. */
export async function putRequirement(
  db: Database,
  id: string,
  body: RequirementBody,
): Promise<{ requirement: RequirementSet; created: boolean }> {
  const definition: Omit<RequirementSet, 'id'> = {
    ...body,
    appliesTo: {
      kind: body.appliesTo.kind,
      state: body.appliesTo.state ?? null,
      subtypes: body.appliesTo.subtypes?.length ? body.appliesTo.subtypes : null,
    },
  };
  const [existing] = await db
    .select({ id: credentialRequirements.id })
    .from(credentialRequirements)
    .where(eq(credentialRequirements.id, id));
  await db
    .insert(credentialRequirements)
    .values({ id, definition })
    .onConflictDoUpdate({ target: credentialRequirements.id, set: { definition, updatedAt: new Date() } });
  return { requirement: { id, ...definition }, created: !existing };
}

export async function deleteRequirement(db: Database, id: string): Promise<void> {
  const deleted = await db
    .delete(credentialRequirements)
    .where(eq(credentialRequirements.id, id))
    .returning({ id: credentialRequirements.id });
  if (deleted.length === 0) throw new NotFound(`requirementId: no requirement "${id}"`);
}
