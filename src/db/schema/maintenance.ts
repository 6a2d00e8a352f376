// Credential maintenance: the requirements each credential follows (data staff
// edit), CE the learner adds from elsewhere with its evidence file, the
// learner's hand-made allocation moves, and each credential's reminders.
import { date, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { RequirementSet } from '../../domain/credential-requirements.js';
import type { EntryKind, EntryStatus, TopicArea } from '../../domain/topics.js';
import { learners } from './learners.js';
import { bytea, created, ts } from './columns.js';

/** One requirement set per row; the definition is everything but its id. */
export const credentialRequirements = pgTable('credential_requirements', {
  id: text('id').primaryKey(),
  definition: jsonb('definition').$type<Omit<RequirementSet, 'id'>>().notNull(),
  createdAt: created(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

const learnerRef = () =>
  text('learner_id')
    .notNull()
    .references(() => learners.id, { onDelete: 'cascade' });

/** CE from elsewhere, entered by the learner (page or API). */
export const ceEntries = pgTable(
  'ce_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: learnerRef(),
    title: text('title').notNull(),
    provider: text('provider').notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    /** Contact hours or CMP points (1 contact hour = 1 point). */
    unit: text('unit').$type<'hours' | 'points'>().notNull(),
    kind: text('kind').$type<EntryKind>().notNull(),
    topics: jsonb('topics').$type<TopicArea[]>().notNull().default([]),
    status: text('status').$type<EntryStatus>().notNull().default('submitted'),
    /** What staff asked for, when they asked for more. */
    staffNote: text('staff_note'),
    reviewedAt: ts('reviewed_at'),
    createdAt: created(),
  },
  (t) => [index('ce_entries_learner').on(t.learnerId, t.completedOn)],
);

/** The evidence file of an entry (a certificate, a letter): served only to the learner and staff. */
export const ceEvidence = pgTable('ce_evidence', {
  entryId: uuid('entry_id')
    .primaryKey()
    .references(() => ceEntries.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  /** As detected from the bytes, never as the sender named it. */
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedAt: created(),
});

/** A source's split among a credential's minimums, set by the learner (hours per minimum id). */
export const allocationMoves = pgTable(
  'allocation_moves',
  {
    learnerId: learnerRef(),
    credentialKey: text('credential_key').notNull(),
    /** "enrollment:<id>" or "entry:<id>". */
    sourceId: text('source_id').notNull(),
    split: jsonb('split').$type<Record<string, number>>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.credentialKey, t.sourceId] })],
);

/** Per learner credential: whether reminders are wanted, and the cycle its workflow last watched. */
export const credentialReminders = pgTable(
  'credential_reminders',
  {
    learnerId: learnerRef(),
    credentialKey: text('credential_key').notNull(),
    optedOutAt: ts('opted_out_at'),
    watchedCycleEndsOn: date('watched_cycle_ends_on', { mode: 'string' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.credentialKey] })],
);
