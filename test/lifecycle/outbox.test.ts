// The outbox on its own, against real SMTP servers: one that takes mail, one
// that refuses a mailbox for good (550) and one that is busy (451); and the
// sender loop that delivers queued mail, two of them racing for the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { startMailCapture, type MailCapture } from '../../src/platform/mail/capture.js';
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.js';
import { emailOutbox } from '../../src/db/schema/index.js';
import {
  markAbandonedSends,
  messageIdFor,
  PermanentMailError,
  queueEmail,
  resendEmail,
  sendOnce,
  type CertificatePdfSource,
  type OutboxMail,
} from '../../src/outbox/outbox.js';
import { startOutboxSender } from '../../src/outbox/sender.js';
import { eventually } from '../support/eventually.js';

let database: TestDatabase;
let capture: MailCapture;
let mailer: Mailer;
const servers: SMTPServer[] = [];
const mailers: Mailer[] = [];

/** An SMTP server that answers every recipient with `code message`. */
async function refusingServer(code: number, message: string): Promise<Mailer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(message), { responseCode: code }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo)
    .port;
  const m = createMailer(`smtp://127.0.0.1:${port}`, 'CE Outcomes <ce@test.local>');
  mailers.push(m);
  return m;
}

/** Certificates this test knows: one, with a tiny stand-in PDF. */
const certificatePdf: CertificatePdfSource = async (id) => {
  if (id !== 'cert-1') throw new PermanentMailError(`outbox: attachment certificate ${id} does not exist`);
  return { filename: 'CEO-2026-AAAAAA.pdf', content: Buffer.from('%PDF-1.7 stand-in') };
};
const depsWith = (m: Mailer) => ({ db: database.db, mailer: m, certificatePdf });
const mail = (dedupeKey: string, to = 'ana@example.org'): OutboxMail => ({
  enrollmentId: null,
  kind: 'new_link',
  dedupeKey,
  to,
  subject: `Subject ${dedupeKey}`,
  html: '<p>hello</p>',
  text: 'hello',
});
const rowOf = async (dedupeKey: string) =>
  (await database.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey)))[0];

beforeAll(async () => {
  database = await freshDatabase();
  capture = await startMailCapture();
  mailer = createMailer(capture.url, 'CE Outcomes <ce@test.local>');
});
afterAll(async () => {
  mailer?.close();
  for (const m of mailers) m.close();
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await capture?.close();
  await database?.close();
});

describe('outbox', () => {
  it('sends once per dedupe key, with the Message-ID derived from the key', async () => {
    const deps = depsWith(mailer);
    expect(await sendOnce(deps, mail('k-once'))).toEqual({
      outcome: 'sent',
      messageId: messageIdFor('k-once'),
    });
    expect(await sendOnce(deps, mail('k-once'))).toEqual({
      outcome: 'already_sent',
      messageId: messageIdFor('k-once'),
    });
    const arrived = capture.messages.filter((m) => m.subject === 'Subject k-once');
    expect(arrived).toHaveLength(1);
    expect(arrived[0].messageId).toBe(messageIdFor('k-once'));
    expect(await rowOf('k-once')).toMatchObject({ status: 'sent', toAddress: 'ana@example.org' });
    expect(messageIdFor('k-once')).not.toBe(messageIdFor('k-twice'));
  });

  it('marks a mailbox refused for good (550) as failed and says so', async () => {
    const deps = depsWith(await refusingServer(550, 'no such mailbox'));
    expect((await sendOnce(deps, mail('k-550'))).outcome).toBe('failed');
    expect(await rowOf('k-550')).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('no such mailbox'),
    });
    // A retry does not try again; an operator's resend does, and here it gets through.
    expect((await sendOnce(deps, mail('k-550'))).outcome).toBe('failed');
    expect((await resendEmail(depsWith(mailer), 'k-550')).outcome).toBe('sent');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-550')).toHaveLength(1);
  });

  it('puts mail back to pending on a temporary refusal (451), after a backoff, so a later try sends it', async () => {
    const busy = depsWith(await refusingServer(451, 'try again later'));
    expect((await sendOnce(busy, mail('k-451'))).outcome).toBe('queued');
    const row = await rowOf('k-451');
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('try again later'),
    });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await sendOnce(depsWith(mailer), mail('k-451'))).toMatchObject({ outcome: 'sent' });
    expect(capture.messages.filter((m) => m.subject === 'Subject k-451')).toHaveLength(1);
  });

  it('does not resend mail a crashed sender left "sending": the sweep makes it unconfirmed', async () => {
    const deps = depsWith(mailer);
    await database.db.insert(emailOutbox).values({
      enrollmentId: null,
      kind: 'new_link',
      dedupeKey: 'k-crashed',
      toAddress: 'ana@example.org',
      subject: 'Subject k-crashed',
      html: '<p>hello</p>',
      text: 'hello',
      messageId: messageIdFor('k-crashed'),
      status: 'sending',
      claimedAt: new Date(Date.now() - 10 * 60_000),
    });
    expect((await sendOnce(deps, mail('k-crashed'))).outcome).toBe('unconfirmed');
    expect(await markAbandonedSends(database.db)).toBe(1);
    expect((await rowOf('k-crashed')).status).toBe('unconfirmed');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-crashed')).toHaveLength(0);
    expect((await resendEmail(deps, 'k-crashed')).outcome).toBe('sent');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-crashed')).toHaveLength(1);
  });

  it('fails, never "sending", an email whose attachment cannot be found: nothing reached the server', async () => {
    await queueEmail(database.db, { ...mail('k-no-pdf'), attachments: [{ certificateId: 'cert-gone' }] });
    expect((await sendOnce(depsWith(mailer), mail('k-no-pdf'))).outcome).toBe('failed');
    expect(await rowOf('k-no-pdf')).toMatchObject({
      status: 'failed',
      attempts: 0,
      lastError: expect.stringContaining('cert-gone'),
    });
  });

  it('delivers queued mail through two senders at once, each email once, attachments included', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k-burst-${i}`);
    for (const key of keys)
      await queueEmail(database.db, { ...mail(key), attachments: [{ certificateId: 'cert-1' }] });
    const senders = [
      startOutboxSender(depsWith(mailer), { idleMs: 20, window: 7 }),
      startOutboxSender(depsWith(mailer), { idleMs: 20, window: 7 }),
    ];
    try {
      await eventually(async () => {
        const rows = await Promise.all(keys.map(rowOf));
        expect(rows.filter((r) => r.status === 'sent')).toHaveLength(keys.length);
        return true;
      }, 20_000);
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
    }
    const arrived = capture.messages.filter((m) => m.subject?.startsWith('Subject k-burst-'));
    expect(arrived).toHaveLength(keys.length);
    expect(new Set(arrived.map((m) => m.subject)).size).toBe(keys.length);
    expect(arrived[0].attachments.map((a) => a.filename)).toEqual(['CEO-2026-AAAAAA.pdf']);
  });

  it('keeps delivering while one SMTP exchange hangs: the rest are sent, and the slow one when it ends', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k-slow-${i}`);
    for (const key of keys) await queueEmail(database.db, mail(key));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // The server takes its time answering the first email's DATA, as a busy relay does.
    capture.onMessage = (m) => (m.subject === 'Subject k-slow-0' ? released : undefined);
    const sender = startOutboxSender(depsWith(mailer), { idleMs: 20, window: 7 });
    try {
      await eventually(async () => {
        const rows = await Promise.all(keys.map(rowOf));
        expect(rows.filter((r) => r.status === 'sent').map((r) => r.dedupeKey)).toEqual(keys.slice(1));
        return true;
      }, 20_000);
      expect((await rowOf('k-slow-0')).status).toBe('sending');
      release();
      await eventually(async () => {
        expect((await rowOf('k-slow-0')).status).toBe('sent');
        return true;
      }, 10_000);
    } finally {
      release();
      capture.onMessage = undefined;
      await sender.stop();
    }
    expect(capture.messages.filter((m) => m.subject?.startsWith('Subject k-slow-'))).toHaveLength(30);
  });

  it('sends a scheduled email once, on its moment and not before, through two senders that only nap between looks', async () => {
    const dueAt = new Date(Date.now() + 2_000);
    const scheduled = Array.from({ length: 12 }, (_, i) => ({ ...mail(`k-due-${i}`), notBefore: dueAt }));
    for (const m of scheduled) await queueEmail(database.db, m);
    // Delivering it by key before its moment sends nothing.
    expect((await sendOnce(depsWith(mailer), scheduled[0])).outcome).toBe('queued');
    // Idle looks a minute apart and no notifications: only the timer to the next due row wakes them.
    const senders = [
      startOutboxSender(depsWith(mailer), { idleMs: 60_000, window: 5 }),
      startOutboxSender(depsWith(mailer), { idleMs: 60_000, window: 5 }),
    ];
    const arrivedOf = () => capture.messages.filter((m) => m.subject?.startsWith('Subject k-due-'));
    try {
      await new Promise((r) => setTimeout(r, dueAt.getTime() - Date.now() - 300));
      expect(arrivedOf()).toHaveLength(0);
      await eventually(async () => {
        expect(arrivedOf()).toHaveLength(scheduled.length);
        return true;
      }, 10_000);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
    }
    const arrived = arrivedOf();
    expect(new Set(arrived.map((m) => m.subject)).size).toBe(scheduled.length);
    expect(Math.min(...arrived.map((m) => m.receivedAt.getTime()))).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(Math.max(...arrived.map((m) => m.receivedAt.getTime())) - dueAt.getTime()).toBeLessThan(2_000);
    for (const m of scheduled)
      expect(await rowOf(m.dedupeKey)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
