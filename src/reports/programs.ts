// Programs as the CE office keeps them: a name, the committee that reviews
// them, and who receives the periodic digest (committeeEmails). Activities
// name their program by id; a program nobody registered reads as its id.
import { z } from 'zod';
import { emailSchema } from '../domain/bounds-schema.js';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { programs } from '../db/schema/index.js';
import { queryRows } from './queries/sql.js';

export const programIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash only');

export const committeeMemberSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: emailSchema.optional(),
  role: z.string().trim().min(1).max(100).optional(),
});

export const programInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Who receives the periodic outcome digest; empty = no digest. */
  committeeEmails: z
    .array(emailSchema)
    .max(50)
    .default([])
    .refine((l) => new Set(l.map((e) => e.toLowerCase())).size === l.length, 'an address is listed twice'),
  committeeMembers: z.array(committeeMemberSchema).max(50).default([]),
});
export type ProgramInput = z.infer<typeof programInputSchema>;

export const programSchema = programInputSchema.extend({
  id: z.string(),
  registered: z.boolean().describe('false for a program only named by its activities'),
  activities: z.number().int(),
  openActions: z.number().int(),
  lastDigestAt: z.string().nullable(),
});
export type Program = z.infer<typeof programSchema>;

/** Creates or replaces a program's name and committee. */
export async function saveProgram(
  db: Database,
  id: string,
  input: ProgramInput,
): Promise<{ created: boolean }> {
  const values = {
    name: input.name,
    committeeEmails: input.committeeEmails,
    committeeMembers: input.committeeMembers,
  };
  const inserted = await db
    .insert(programs)
    .values({ id, ...values })
    .onConflictDoNothing({ target: programs.id })
    .returning({ id: programs.id });
  if (inserted.length > 0) return { created: true };
  await db.update(programs).set(values).where(eq(programs.id, id));
  return { created: false };
}

interface ProgramRow {
  id: string;
  name: string | null;
  committee_emails: string[] | null;
  committee_members: ProgramInput['committeeMembers'] | null;
  last_digest_at: string | Date | null;
  activities: number;
  open_actions: number;
}

/** Every program: the registered ones and those only named by activities, with counts. */
export async function listPrograms(db: Database, onlyId?: string): Promise<Program[]> {
  const rows = await queryRows<ProgramRow>(
    db,
    sql`with ids as (select id from programs union select distinct program_id from activities)
    select ids.id, p.name, p.committee_emails, p.committee_members, p.last_digest_at,
      (select count(*)::int from activities a where a.program_id = ids.id) as activities,
      (select count(*)::int from review_actions x where x.program_id = ids.id and x.status in ('open', 'in_progress')) as open_actions
    from ids left join programs p on p.id = ids.id
    ${onlyId === undefined ? sql`` : sql`where ids.id = ${onlyId}`}
    order by ids.id`,
  );
  // Sorted here: the database's collation may put "elsewhere" after "Lipids".
  const byName = (r: ProgramRow) => r.name ?? r.id;
  rows.sort((a, b) => byName(a).localeCompare(byName(b), 'en') || (a.id < b.id ? -1 : 1));
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? r.id,
    registered: r.name !== null,
    committeeEmails: r.committee_emails ?? [],
    committeeMembers: r.committee_members ?? [],
    activities: Number(r.activities),
    openActions: Number(r.open_actions),
    lastDigestAt: r.last_digest_at ? new Date(r.last_digest_at).toISOString() : null,
  }));
}

/** One program (registered or only named by activities), or undefined. */
export async function findProgram(db: Database, id: string): Promise<Program | undefined> {
  return (await listPrograms(db, id))[0];
}

/** Program names by id, for lists and titles. */
export async function programNames(db: Database): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .orderBy(asc(programs.id));
  return new Map(rows.map((r) => [r.id, r.name]));
}
