// Every learner and committee email goes through the outbox: one row per email
// ever meant to be sent, keyed by a dedupe key such as `${enrollmentId}:receipt`.
// A retried activity finds the row instead of sending again.
//
// Delivery is at most once. The row moves pending → sending → sent. If a sender
// dies between "sending" and "sent" (crash, SIGKILL, lost connection mid-DATA),
// the SMTP server may or may not have the message; the next attempt marks the
// row "unconfirmed" and does NOT resend, because a learner receiving a
// certificate twice is worse than an operator resending one that never came
// (`resendEmail` below; the Message-ID is the same, so a receiver can tell).
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { certificates, emailOutbox } from '../db/schema/index.js';
import { renderCertificatePdf } from '../certificates/pdf/certificate.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { currentLog } from '../platform/logger.js';

export interface OutboxDeps {
  db: Database;
  mailer: Mailer;
  config: Pick<Config, 'PUBLIC_URL'>;
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
  /** Resolved to PDFs at send time, so the row stays small. */
  attachments?: { certificateId: string }[];
}

/**
 * sent: this call delivered it. already_sent: an earlier call did.
 * unconfirmed: an earlier attempt died mid-send; not resent (see above).
 * failed: the server refused it for good (e.g. 550 no such mailbox).
 */
export type SendOutcome = 'sent' | 'already_sent' | 'unconfirmed' | 'failed';

export class PermanentMailError extends Error {}

/** Same key, same Message-ID: a receiver can recognise a resend. */
export function messageIdFor(dedupeKey: string): string {
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<${hash}@ce-outcomes>`;
}

export async function sendOnce(
  deps: OutboxDeps,
  mail: OutboxMail,
): Promise<{ outcome: SendOutcome; messageId: string }> {
  const messageId = messageIdFor(mail.dedupeKey);
  await deps.db
    .insert(emailOutbox)
    .values({
      enrollmentId: mail.enrollmentId,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      toAddress: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId,
      attachments: mail.attachments ?? [],
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey });
  return deliver(deps, mail.dedupeKey);
}

/** Sends the stored row if this caller wins it (pending → sending); else reports its state. */
async function deliver(
  deps: OutboxDeps,
  dedupeKey: string,
): Promise<{ outcome: SendOutcome; messageId: string }> {
  const { db } = deps;
  const [row] = await db
    .update(emailOutbox)
    .set({ status: 'sending' })
    .where(and(eq(emailOutbox.dedupeKey, dedupeKey), eq(emailOutbox.status, 'pending')))
    .returning();
  if (!row) {
    const [existing] = await db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey));
    if (!existing) throw new Error(`outbox: no email ${dedupeKey}`);
    const messageId = existing.messageId;
    switch (existing.status) {
      case 'sent':
        return { outcome: 'already_sent', messageId };
      case 'failed':
        return { outcome: 'failed', messageId };
      case 'unconfirmed':
        return { outcome: 'unconfirmed', messageId };
      default:
        // 'sending': an earlier attempt died mid-send. At most once: do not resend.
        currentLog().warn('email unconfirmed: an earlier attempt died mid-send; not resent', {
          dedupeKey,
          messageId,
        });
        await db
          .update(emailOutbox)
          .set({ status: 'unconfirmed' })
          .where(and(eq(emailOutbox.dedupeKey, dedupeKey), eq(emailOutbox.status, 'sending')));
        return { outcome: 'unconfirmed', messageId };
    }
  }

  try {
    await deps.mailer.send({
      to: row.toAddress,
      subject: row.subject,
      html: row.html,
      text: row.text,
      messageId: row.messageId,
      attachments: await resolveAttachments(deps, row.attachments),
    });
  } catch (err) {
    const refusal = smtpRefusal(err);
    // The server refused before accepting the message: nothing was delivered.
    // Temporary (4xx, no connection): back to pending for the retry; 5xx: failed.
    // Anything else (lost mid-DATA) may have been delivered: unconfirmed.
    const status = refusal === 'temporary' ? 'pending' : refusal === 'permanent' ? 'failed' : 'unconfirmed';
    await db.update(emailOutbox).set({ status }).where(eq(emailOutbox.id, row.id));
    currentLog().warn(`email not sent: ${status}`, {
      dedupeKey,
      kind: row.kind,
      error: (err as Error).message,
    });
    if (status === 'failed')
      throw new PermanentMailError(`outbox: ${dedupeKey} refused: ${(err as Error).message}`);
    if (status === 'pending') throw err;
    return { outcome: 'unconfirmed', messageId: row.messageId };
  }
  await db
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: new Date() })
    .where(and(eq(emailOutbox.id, row.id), inArray(emailOutbox.status, ['sending', 'unconfirmed'])));
  currentLog().info('email sent', { dedupeKey, kind: row.kind, messageId: row.messageId });
  return { outcome: 'sent', messageId: row.messageId };
}

function smtpRefusal(err: unknown): 'temporary' | 'permanent' | 'unknown' {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 ? 'permanent' : 'temporary';
  if (e.code && ['ECONNECTION', 'EDNS', 'ECONNREFUSED', 'ETLS', 'EAUTH'].includes(e.code)) return 'temporary';
  return 'unknown';
}

async function resolveAttachments(
  deps: OutboxDeps,
  refs: { certificateId: string }[],
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const { certificateId } of refs) {
    const [cert] = await deps.db
      .select({ number: certificates.number })
      .from(certificates)
      .where(eq(certificates.id, certificateId));
    if (!cert) throw new PermanentMailError(`outbox: attachment certificate ${certificateId} does not exist`);
    const pdf = await renderCertificatePdf(deps.db, certificateId, deps.config.PUBLIC_URL);
    out.push({ filename: `${cert.number}.pdf`, content: Buffer.from(pdf), contentType: 'application/pdf' });
  }
  return out;
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
    .set({ status: 'pending' })
    .where(and(eq(emailOutbox.dedupeKey, dedupeKey), inArray(emailOutbox.status, ['unconfirmed', 'failed'])));
  return deliver(deps, dedupeKey);
}
