// Learners as the enrollment system knows them; names and emails live only here.
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts, created } from './columns.js';

export const learners = pgTable('learners', {
  /** The enrollment system's own learner id. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  profession: text('profession'),
  /** NABP e-Profile ID and birth month/day (MMDD), for ACPE credit. */
  nabpEProfileId: text('nabp_eprofile_id'),
  birthMonthDay: text('birth_month_day'),
  /** State licence numbers by state code: { CA: '…', FL: '…' }. */
  stateLicences: jsonb('state_licences').$type<Record<string, string>>().notNull().default({}),
  ascpId: text('ascp_id'),
  createdAt: created(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
