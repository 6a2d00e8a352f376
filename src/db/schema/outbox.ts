// Every email ever meant to be sent, keyed so a retry never sends twice.
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { enrollmentRef } from './enrollments.js';
import { ts, created } from './columns.js';

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: enrollmentRef(),
    /** receipt, competence_invite, competence_result, certificate, follow_up, follow_up_reminder, digest, new_link… */
    kind: text('kind').notNull(),
    /** Unique per email ever meant to be sent: a retry finds the row instead of sending again. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    messageId: text('message_id').notNull(),
    attachments: jsonb('attachments').$type<{ certificateId: string }[]>().notNull().default([]),
    /**
     * pending → sending → sent; "unconfirmed" when a crash hid whether the server took it; "failed" when
     * refused for good; "held" until what `heldReason` names is done (senders take only pending rows).
     */
    status: text('status')
      .$type<'held' | 'pending' | 'sending' | 'sent' | 'unconfirmed' | 'failed'>()
      .notNull()
      .default('pending'),
    /** SMTP attempts so far; a temporary refusal waits before the next. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    /** When a sender took the row (status sending): a sender dead this long leaves it unconfirmed. */
    claimedAt: ts('claimed_at'),
    lastError: text('last_error'),
    /** Why a held row waits, e.g. `disclosures:<activityId>`; released rows keep it for the record. */
    heldReason: text('held_reason'),
    createdAt: created(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('email_outbox_enrollment').on(t.enrollmentId),
    index('email_outbox_due').on(t.status, t.nextAttemptAt),
  ],
);
