// Certificates (one per credit type and revision) and their audit log.
import { integer, numeric, pgTable, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CreditType } from '../../domain/policy.js';
import { enrollmentRef } from './enrollments.js';
import { bytea, ts, created } from './columns.js';

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Public certificate number, e.g. CEO-2026-7K3QX9. */
    number: text('number').notNull().unique(),
    /** Secret part of the verification URL. */
    verificationCode: text('verification_code').notNull().unique(),
    enrollmentId: enrollmentRef().notNull(),
    creditType: text('credit_type').$type<CreditType>().notNull(),
    /** 1 for the first issue; a reissue adds one and supersedes the previous. */
    revision: integer('revision').notNull().default(1),
    credits: numeric('credits', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    learnerName: text('learner_name').notNull(),
    activityTitle: text('activity_title').notNull(),
    status: text('status').$type<'valid' | 'superseded' | 'revoked'>().notNull().default('valid'),
    supersededBy: uuid('superseded_by'),
    issuedAt: ts('issued_at').notNull(),
    /** The PDF as issued, rendered once; older rows are rendered on first use and stored. */
    pdf: bytea('pdf'),
  },
  (t) => [uniqueIndex('certificate_revision').on(t.enrollmentId, t.creditType, t.revision)],
);

export const certificateEvents = pgTable('certificate_events', {
  id: serial('id').primaryKey(),
  certificateId: uuid('certificate_id')
    .notNull()
    .references(() => certificates.id),
  action: text('action').$type<'issued' | 'reissued' | 'revoked'>().notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  at: created(),
});
