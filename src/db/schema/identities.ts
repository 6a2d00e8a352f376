// Who signs in: named API keys (per system and per person, with a role,
// stored as a SHA-256 digest only) and the browser sessions started with them.
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ApiRole, KeyKind } from '../../domain/roles.js';
import { created, ts } from './columns.js';

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The public part of the key (ceo_<lookup>_<secret>): finds the row without the secret. */
  lookup: text('lookup').notNull().unique(),
  /** SHA-256 of the whole key, hex; the key itself is shown once, at creation. */
  hash: text('hash').notNull(),
  /** Who or what holds it: "Dr. Amara Okafor", "Moodle LMS". Shown in audit logs and reviews. */
  name: text('name').notNull(),
  kind: text('kind').$type<KeyKind>().notNull(),
  role: text('role').$type<ApiRole>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: created(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  revokedBy: text('revoked_by'),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session id the cookie carries (hex): a database read gives no usable cookie. */
    id: text('id').primaryKey(),
    /** The name of who signed in, as their key names them. */
    name: text('name').notNull(),
    role: text('role').$type<ApiRole>().notNull(),
    /** The named key signed in with (null for the shared env tokens); revoking it ends its sessions. */
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    createdAt: created(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('sessions_api_key').on(t.apiKeyId)],
);
