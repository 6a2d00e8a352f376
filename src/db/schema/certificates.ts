// Certificates (one per credit type and revision) and their audit log.
import { integer, numeric, pgTable, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CertificateKind } from '../../domain/policy.js';
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
    /** The credit type claimed, or participation for a learner who may claim none. */
    creditType: text('credit_type').$type<CertificateKind>().notNull(),
    /** 1 for the first issue; a reissue adds one and supersedes the previous. */
    revision: integer('revision').notNull().default(1),
    credits: numeric('credits', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    learnerName: text('learner_name').notNull(),
    activityTitle: text('activity_title').notNull(),
    status: text('status').$type<'valid' | 'superseded' | 'revoked'>().notNull().default('valid'),
    supersededBy: uuid('superseded_by'),
    issuedAt: ts('issued_at').notNull(),
    /** ACPE: the learner's NABP e-Profile ID when issued, printed on the certificate. */
    nabpEProfileId: text('nabp_eprofile_id'),
    /**
     * When a regulator accepted the credit (ACPE: CPE Monitor), and which one;
     * null until then. The reporting work sets it and re-renders the PDF
     * (src/certificates/reported.ts); the certificate and its email read it.
     */
    reportedAt: ts('reported_at'),
    reportedTo: text('reported_to'),
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
