// Every learner and committee email goes through the outbox: one row per email
// ever meant to be sent, keyed by a dedupe key such as `${enrollmentId}:receipt`.
// The row is written with everything the SMTP exchange needs (the rendered
// subject and bodies, the certificates to attach, already rendered), usually
// in the same transaction as the fact it reports; a sender then delivers it.
//
// Delivery is at most once. A row moves pending → sending → sent. If a sender
// dies between "sending" and "sent" (crash, SIGKILL, lost connection mid-DATA),
// the SMTP server may or may not have the message; the row becomes
// "unconfirmed" and is NOT resent, because a learner receiving a certificate
// twice is worse than an operator resending one that never came
// (`resendEmail`; the Message-ID is the same, so a receiver can tell).
// Only the SMTP exchange happens while a row is "sending": nothing that can
// fail before it (rendering, loading attachments) leaves a row unconfirmed.
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Database } from '../db/client.js';
import { emailOutbox } from '../db/schema/index.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { currentLog } from '../platform/logger.js';
import { markSent, type SentMarks } from './sent-marks.js';

/** Finds the PDF of a certificate to attach (rendering it if it was never stored). */
export type CertificatePdfSource = (certificateId: string) => Promise<{ filename: string; content: Buffer }>;

export interface OutboxDeps {
  db: Database;
  mailer: Mailer;
  certificatePdf: CertificatePdfSource;
}

export interface OutboxMail {
  enrollmentId: string | null;
  /** receipt, competence_invite, competence_result, certificate, follow_up, follow_up_reminder, digest, new_link… */
  kind: string;
  /** Unique per email ever meant to be sent, e.g. `${enrollmentId}:competence_result:2`. */
  dedupeKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Certificates whose PDFs go with the email. */
  attachments?: { certificateId: string }[];
  /** Held (not sent) until released under this reason, e.g. `disclosures:<activityId>`. */
  hold?: string;
  /** Scheduled: no sender takes it before this moment (see scheduled.ts). */
  notBefore?: Date;
}

/**
 * sent: this call delivered it. already_sent: an earlier call did.
 * queued: waiting for a sender (or for the retry of a temporary refusal).
 * unconfirmed: an earlier attempt died mid-send; not resent (see above).
 * failed: the server refused it for good (e.g. 550 no such mailbox).
 */
export type SendOutcome = 'sent' | 'already_sent' | 'queued' | 'unconfirmed' | 'failed';

export class PermanentMailError extends Error {}

type OutboxRow = typeof emailOutbox.$inferSelect;

/** A sender dead this long after taking a row is not coming back: the row is unconfirmed. */
export const SENDING_TIMEOUT_MS = 90_000;
const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** Same key, same Message-ID: a receiver can recognise a resend. */
export function messageIdFor(dedupeKey: string): string {
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<${hash}@ce-outcomes>`;
}

/** The channel a sender LISTENs on: queued mail NOTIFYs it when its transaction commits. */
export const OUTBOX_CHANNEL = 'email_outbox';

/** Queues an email (in the caller's transaction, when given one); the same key again adds nothing. */
export async function queueEmail(db: Database, mail: OutboxMail): Promise<void> {
  await db
    .insert(emailOutbox)
    .values({
      enrollmentId: mail.enrollmentId,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      toAddress: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: messageIdFor(mail.dedupeKey),
      attachments: mail.attachments ?? [],
      ...(mail.hold ? { status: 'held' as const, heldReason: mail.hold } : {}),
      ...(mail.notBefore ? { nextAttemptAt: mail.notBefore } : {}),
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey });
  // Delivered to listeners when the transaction commits (at once outside one).
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/** Queues the email and delivers it now (mail the API sends while the learner waits). */
export async function sendOnce(
  deps: OutboxDeps,
  mail: OutboxMail,
): Promise<{ outcome: SendOutcome; messageId: string }> {
  await queueEmail(deps.db, mail);
  return deliverByKey(deps, mail.dedupeKey);
}

/** Delivers one queued email if it is pending (whether or not its retry is due, but never a scheduled one early); else reports its state. */
export async function deliverByKey(
  deps: OutboxDeps,
  dedupeKey: string,
): Promise<{ outcome: SendOutcome; messageId: string }> {
  const [existing] = await deps.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey));
  if (!existing) throw new Error(`outbox: no email ${dedupeKey}`);
  const { messageId } = existing;
  if (existing.status !== 'pending') return { outcome: settledOutcome(existing.status), messageId };
  if (existing.attempts === 0 && existing.nextAttemptAt.getTime() > Date.now())
    return { outcome: 'queued', messageId };
  const prepared = await prepare(deps, existing);
  if (!prepared) return { outcome: 'failed', messageId };
  const [row] = await claim(deps.db, and(eq(emailOutbox.id, existing.id), eq(emailOutbox.status, 'pending')));
  if (!row) {
    const [now] = await deps.db.select().from(emailOutbox).where(eq(emailOutbox.id, existing.id));
    return { outcome: settledOutcome(now.status), messageId };
  }
  return { outcome: await deliverClaimed(deps, { row, attachments: prepared }), messageId };
}

function settledOutcome(status: OutboxRow['status']): SendOutcome {
  switch (status) {
    case 'sent':
      return 'already_sent';
    case 'failed':
      return 'failed';
    case 'pending':
    case 'held':
      return 'queued';
    default:
      // sending: another sender has it (or died with it; the sweep will say unconfirmed).
      return 'unconfirmed';
  }
}

/** Takes rows for sending: pending → sending, one sender per row. */
function claim(db: Database, where: ReturnType<typeof and>): Promise<OutboxRow[]> {
  return db
    .update(emailOutbox)
    .set({ status: 'sending', claimedAt: new Date(), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(where)
    .returning();
}

/** Everything before the SMTP exchange; a row whose attachment cannot be found fails for good. */
async function prepare(
  deps: OutboxDeps,
  row: Pick<OutboxRow, 'id' | 'attachments'>,
): Promise<Attachment[] | undefined> {
  try {
    const out: Attachment[] = [];
    for (const { certificateId } of row.attachments) {
      const { filename, content } = await deps.certificatePdf(certificateId);
      out.push({ filename, content, contentType: 'application/pdf' });
    }
    return out;
  } catch (err) {
    if (!(err instanceof PermanentMailError)) throw err;
    await deps.db
      .update(emailOutbox)
      .set({ status: 'failed', lastError: err.message })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'pending')));
    return undefined;
  }
}

/** The SMTP exchange of an email this sender holds (status sending), and its outcome recorded; `marks` records it sent with others. */
export async function deliverClaimed(
  deps: OutboxDeps,
  { row, attachments }: ClaimedEmail,
  marks?: SentMarks,
): Promise<SendOutcome> {
  const { db } = deps;
  try {
    await deps.mailer.send({
      to: row.toAddress,
      subject: row.subject,
      html: row.html,
      text: row.text,
      messageId: row.messageId,
      attachments,
    });
  } catch (err) {
    const refusal = smtpRefusal(err);
    const lastError = (err as Error).message.slice(0, 500);
    // Refused before the server took the message: nothing was delivered.
    // Temporary (4xx, no connection): pending again after a backoff; 5xx: failed.
    // Anything else (lost mid-DATA) may have been delivered: unconfirmed.
    if (refusal === 'temporary') {
      const delay = Math.min(1000 * 2 ** Math.min(row.attempts, 16), MAX_RETRY_DELAY_MS);
      await db
        .update(emailOutbox)
        .set({ status: 'pending', nextAttemptAt: new Date(Date.now() + delay), lastError })
        .where(eq(emailOutbox.id, row.id));
      return 'queued';
    }
    const status = refusal === 'permanent' ? 'failed' : 'unconfirmed';
    await db.update(emailOutbox).set({ status, lastError }).where(eq(emailOutbox.id, row.id));
    currentLog().warn(`email not sent: ${status}`, {
      dedupeKey: row.dedupeKey,
      kind: row.kind,
      error: lastError,
    });
    return status;
  }
  await (marks ? marks.sent(row.id) : markSent(db, [row.id]));
  currentLog().info('email sent', { dedupeKey: row.dedupeKey, kind: row.kind, messageId: row.messageId });
  return 'sent';
}

function smtpRefusal(err: unknown): 'temporary' | 'permanent' | 'unknown' {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 ? 'permanent' : 'temporary';
  if (e.code && ['ECONNECTION', 'EDNS', 'ECONNREFUSED', 'ETLS', 'EAUTH'].includes(e.code)) return 'temporary';
  return 'unknown';
}

/** A due email this sender has taken (status sending), ready for its SMTP exchange. */
export interface ClaimedEmail {
  row: OutboxRow;
  attachments: Attachment[];
}

/**
 * Takes up to `limit` due emails for sending: everything that can fail before
 * the SMTP exchange first, row by row, then one statement claims the rows
 * still pending. Several senders (one per replica) may see the same row; only
 * one takes it. Rows that failed for good before the exchange are settled
 * here and not returned.
 */
export async function claimDue(deps: OutboxDeps, limit: number): Promise<ClaimedEmail[]> {
  // Only what preparing needs: the claim returns the rows whole (their bodies are most of a row).
  const due = await deps.db
    .select({ id: emailOutbox.id, attachments: emailOutbox.attachments })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), sql`${emailOutbox.nextAttemptAt} <= now()`))
    .orderBy(emailOutbox.createdAt)
    .limit(limit);
  const ready = new Map<string, Attachment[]>();
  for (const [row, attachments] of await Promise.all(
    due.map(async (r) => [r, await prepare(deps, r)] as const),
  ))
    if (attachments) ready.set(row.id, attachments);
  if (ready.size === 0) return [];
  const held = await claim(
    deps.db,
    and(inArray(emailOutbox.id, [...ready.keys()]), eq(emailOutbox.status, 'pending')),
  );
  return held.map((row) => ({ row, attachments: ready.get(row.id) ?? [] }));
}

/** Rows a dead sender left "sending": unconfirmed, so an operator decides (never resent on their own). */
export async function markAbandonedSends(db: Database, olderThanMs = SENDING_TIMEOUT_MS): Promise<number> {
  const rows = await db
    .update(emailOutbox)
    .set({ status: 'unconfirmed', lastError: 'the sender stopped during the SMTP exchange' })
    .where(
      and(
        eq(emailOutbox.status, 'sending'),
        sql`${emailOutbox.claimedAt} < now() - make_interval(secs => ${olderThanMs / 1000})`,
      ),
    )
    .returning({ id: emailOutbox.id });
  if (rows.length > 0)
    currentLog().warn('emails unconfirmed: their sender stopped during the SMTP exchange; not resent', {
      count: rows.length,
    });
  return rows.length;
}

/**
 * An operator's resend of an email that is unconfirmed or failed (e.g. after
 * checking with the learner). Same row, same Message-ID.
 */
export async function resendEmail(
  deps: OutboxDeps,
  dedupeKey: string,
): Promise<{ outcome: SendOutcome; messageId: string }> {
  await deps.db
    .update(emailOutbox)
    .set({ status: 'pending', nextAttemptAt: new Date() })
    .where(and(eq(emailOutbox.dedupeKey, dedupeKey), inArray(emailOutbox.status, ['unconfirmed', 'failed'])));
  return deliverByKey(deps, dedupeKey);
}
