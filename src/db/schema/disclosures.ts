// Disclosure of financial relationships (ACCME Standard 3): everyone who
// controls an activity's content (planners, faculty, reviewers) discloses
// their relationships with ineligible companies over the past 24 months and
// signs an attestation; CE staff decide which are relevant and record how each
// relevant one was mitigated.
import { boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities } from './catalog.js';
import { created, ts } from './columns.js';

export const CONTENT_ROLES = ['planner', 'faculty', 'reviewer'] as const;
export type ContentRole = (typeof CONTENT_ROLES)[number];

/** A person who controls an activity's content; their signed link is bound to this row. */
export const contentControllers = pgTable(
  'content_controllers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    roles: jsonb('roles').$type<ContentRole[]>().notNull(),
    /** How many times the disclosure link was emailed (the outbox key of each). */
    invitations: jsonb('invitations').$type<string[]>().notNull().default([]),
    createdAt: created(),
  },
  (t) => [uniqueIndex('content_controllers_activity_email').on(t.activityId, t.email)],
);

/** The signed attestation: one per person and activity, replaced when the person discloses again. */
export const disclosures = pgTable('disclosures', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => contentControllers.id),
  nothingToDisclose: boolean('nothing_to_disclose').notNull(),
  /** The name the person typed as their signature. */
  signedName: text('signed_name').notNull(),
  attestedAt: ts('attested_at').notNull(),
});

export const disclosedRelationships = pgTable(
  'disclosed_relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => contentControllers.id),
    /** The ineligible company (one whose business is producing or selling healthcare products). */
    company: text('company').notNull(),
    /** Consulting fee, speakers' bureau, research grant, stock… */
    nature: text('nature').notNull(),
    /** Null: ongoing. */
    endedOn: date('ended_on'),
    /** Staff's decision: null until decided. */
    relevant: boolean('relevant'),
    mitigation: text('mitigation'),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('disclosed_relationships_person').on(t.personId)],
);
