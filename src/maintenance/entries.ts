// CE from elsewhere: the learner adds it by hand with an evidence file (page or
// API), staff verify it or ask for more. Everything is checked before anything
// is stored; the entry and its file are stored in one transaction.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Database } from '../db/client.js';
import { allocationMoves, ceEntries, ceEvidence, learners } from '../db/schema/index.js';
import { Invalid, NotFound } from '../domain/errors.js';
import { ceEntryFieldsSchema } from '../domain/ce-entry-schema.js';
import type { CreditRecord } from '../domain/credential-standing.js';
import type { EntryStatus } from '../domain/topics.js';
import { isoDay } from '../platform/format.js';
import { checkEvidence } from './evidence.js';
import type { Upload } from './upload.js';

type EntryRow = typeof ceEntries.$inferSelect;
type EvidenceMeta = Pick<typeof ceEvidence.$inferSelect, 'filename' | 'contentType' | 'size'>;

export interface EntryView {
  entryId: string;
  learnerId: string;
  title: string;
  provider: string;
  completedOn: string;
  amount: number;
  unit: 'hours' | 'points';
  kind: EntryRow['kind'];
  topics: EntryRow['topics'];
  status: EntryStatus;
  staffNote: string | null;
  evidence: { filename: string; contentType: string; size: number } | null;
  createdAt: string;
}

const view = (e: EntryRow, evidence: EvidenceMeta | null): EntryView => ({
  entryId: e.id,
  learnerId: e.learnerId,
  title: e.title,
  provider: e.provider,
  completedOn: e.completedOn,
  amount: e.amount,
  unit: e.unit,
  kind: e.kind,
  topics: e.topics,
  status: e.status,
  staffNote: e.staffNote,
  evidence: evidence
    ? { filename: evidence.filename, contentType: evidence.contentType, size: evidence.size }
    : null,
  createdAt: e.createdAt.toISOString(),
});

async function requireLearner(db: Database, learnerId: string) {
  const [learner] = await db.select().from(learners).where(eq(learners.id, learnerId));
  if (!learner) throw new NotFound(`learnerId: no learner "${learnerId}"`);
  return learner;
}

/** Checks the fields and the file, then stores both; nothing is stored when anything is refused. */
export async function addEntry(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  learnerId: string,
  upload: Upload,
  maxBytes: number,
): Promise<EntryView> {
  await requireLearner(ctx.db, learnerId);
  const parsed = ceEntryFieldsSchema.safeParse(upload.fields);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      field: ['body', ...i.path].join('.'),
      message: i.message,
    }));
    throw new Invalid(fields.map((f) => `${f.field}: ${f.message}`).join('; '), undefined, fields);
  }
  const today = isoDay(ctx.clock.now());
  if (parsed.data.completedOn > today)
    throw Invalid.field(
      'body.completedOn',
      `${parsed.data.completedOn} is in the future (today is ${today})`,
    );
  const evidence = await checkEvidence(upload.file, maxBytes);
  return ctx.db.transaction(async (tx) => {
    const [entry] = await tx
      .insert(ceEntries)
      .values({ learnerId, ...parsed.data })
      .returning();
    await tx.insert(ceEvidence).values({ entryId: entry.id, ...evidence });
    return view(entry, evidence);
  });
}

const entryColumns = {
  entry: ceEntries,
  filename: ceEvidence.filename,
  contentType: ceEvidence.contentType,
  size: ceEvidence.size,
};

function withEvidence(
  rows: { entry: EntryRow; filename: string | null; contentType: string | null; size: number | null }[],
) {
  return rows.map((r) =>
    view(r.entry, r.filename ? { filename: r.filename, contentType: r.contentType!, size: r.size! } : null),
  );
}

export async function listEntries(db: Database, learnerId: string): Promise<EntryView[]> {
  await requireLearner(db, learnerId);
  const rows = await db
    .select(entryColumns)
    .from(ceEntries)
    .leftJoin(ceEvidence, eq(ceEvidence.entryId, ceEntries.id))
    .where(eq(ceEntries.learnerId, learnerId))
    .orderBy(desc(ceEntries.completedOn), asc(ceEntries.createdAt));
  return withEvidence(rows);
}

/** Staff's review queue: entries with a status, oldest first. */
export async function entriesByStatus(db: Database, status: EntryStatus): Promise<EntryView[]> {
  const rows = await db
    .select(entryColumns)
    .from(ceEntries)
    .leftJoin(ceEvidence, eq(ceEvidence.entryId, ceEntries.id))
    .where(eq(ceEntries.status, status))
    .orderBy(asc(ceEntries.createdAt))
    .limit(500);
  return withEvidence(rows);
}

/** The entry, if it is this learner's (an entry of another learner is not found). */
export async function entryOf(db: Database, entryId: string, learnerId?: string): Promise<EntryView> {
  const where = learnerId
    ? and(eq(ceEntries.id, entryId), eq(ceEntries.learnerId, learnerId))
    : eq(ceEntries.id, entryId);
  const rows = /^[0-9a-f-]{36}$/i.test(entryId)
    ? await db
        .select(entryColumns)
        .from(ceEntries)
        .leftJoin(ceEvidence, eq(ceEvidence.entryId, ceEntries.id))
        .where(where)
    : [];
  if (rows.length === 0)
    throw new NotFound(`entryId: no entry "${entryId}"${learnerId ? ` of learner "${learnerId}"` : ''}`);
  return withEvidence(rows)[0];
}

export async function deleteEntry(db: Database, learnerId: string, entryId: string): Promise<void> {
  await entryOf(db, entryId, learnerId);
  await db.transaction(async (tx) => {
    await tx
      .delete(allocationMoves)
      .where(and(eq(allocationMoves.learnerId, learnerId), eq(allocationMoves.sourceId, `entry:${entryId}`)));
    await tx.delete(ceEntries).where(eq(ceEntries.id, entryId));
  });
}

/** Staff mark an entry verified, or ask for more (with a note saying what). */
export async function reviewEntry(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  entryId: string,
  review: { status: Exclude<EntryStatus, 'submitted'>; note?: string | null },
): Promise<EntryView> {
  await entryOf(ctx.db, entryId);
  if (review.status === 'needs_more' && !review.note?.trim())
    throw Invalid.field('body.note', 'say what else is needed');
  await ctx.db
    .update(ceEntries)
    .set({ status: review.status, staffNote: review.note?.trim() || null, reviewedAt: ctx.clock.now() })
    .where(eq(ceEntries.id, entryId));
  return entryOf(ctx.db, entryId);
}

export async function evidenceFile(db: Database, entryId: string, learnerId?: string) {
  await entryOf(db, entryId, learnerId);
  const [file] = await db.select().from(ceEvidence).where(eq(ceEvidence.entryId, entryId));
  if (!file) throw new NotFound(`entryId: entry "${entryId}" has no evidence file`);
  return file;
}

/** The learner's entries as credit records for the allocation. */
export async function entryCredit(db: Database, learnerId: string): Promise<CreditRecord[]> {
  const rows = await db
    .select()
    .from(ceEntries)
    .where(eq(ceEntries.learnerId, learnerId))
    .orderBy(asc(ceEntries.completedOn), asc(ceEntries.createdAt));
  return rows.map((e) => ({
    id: `entry:${e.id}`,
    title: e.title,
    provider: e.provider,
    completedOn: e.completedOn,
    entry: { kind: e.kind, hours: e.amount, status: e.status },
    topics: e.topics.map((area) => ({ area })),
  }));
}
