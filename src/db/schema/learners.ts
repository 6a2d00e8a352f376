// Learners as the enrollment system knows them; names and emails live only
// here. Their licences and certifications are rows of learner_credentials.
import { date, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { CredentialKind, Profession } from '../../domain/profile.js';
import { ts, created } from './columns.js';

export const learners = pgTable('learners', {
  /** The enrollment system's own learner id. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  /** Decides which credit types the learner may claim; null until the learner or the LMS says. */
  profession: text('profession').$type<Profession>(),
  /** NABP e-Profile ID and birth month/day (MMDD), for ACPE credit. */
  nabpEProfileId: text('nabp_eprofile_id'),
  birthMonthDay: text('birth_month_day'),
  createdAt: created(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A state licence (one row per Florida category) or an ASCP BOC certification of a learner. */
export const learnerCredentials = pgTable(
  'learner_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CredentialKind>().notNull(),
    /** Licence number or certification id. */
    identifier: text('identifier').notNull(),
    state: text('state'),
    /** California licence type, Florida level, ASCP certification code. */
    subtype: text('subtype'),
    /** California limited-CLS specialty, Florida licensed category. */
    category: text('category'),
    cycleStartsOn: date('cycle_starts_on', { mode: 'string' }),
    cycleEndsOn: date('cycle_ends_on', { mode: 'string' }),
    createdAt: created(),
  },
  (t) => [
    index('learner_credentials_learner').on(t.learnerId),
    unique('learner_credential_once')
      .on(t.learnerId, t.kind, t.state, t.subtype, t.category)
      .nullsNotDistinct(),
  ],
);
