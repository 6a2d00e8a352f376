// The outbox on its own, against real SMTP servers: one that takes mail, one
// that refuses a mailbox for good (550) and one that is busy (451).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { startMailCapture, type MailCapture } from '../../src/platform/mail/capture.js';
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.js';
import { emailOutbox } from '../../src/db/schema/index.js';
import {
  messageIdFor,
  PermanentMailError,
  resendEmail,
  sendOnce,
  type OutboxMail,
} from '../../src/outbox/outbox.js';

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

const config = { PUBLIC_URL: 'http://127.0.0.1:1' };
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
    const deps = { db: database.db, mailer, config };
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
    const deps = { db: database.db, mailer: await refusingServer(550, 'no such mailbox'), config };
    const err = await sendOnce(deps, mail('k-550')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentMailError);
    expect((err as Error).message).toContain('no such mailbox');
    expect((await rowOf('k-550')).status).toBe('failed');
    // A retry does not try again; an operator's resend does, and here it gets through.
    expect((await sendOnce(deps, mail('k-550'))).outcome).toBe('failed');
    expect((await resendEmail({ db: database.db, mailer, config }, 'k-550')).outcome).toBe('sent');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-550')).toHaveLength(1);
  });

  it('puts mail back to pending on a temporary refusal (451), so the retry sends it', async () => {
    const busy = { db: database.db, mailer: await refusingServer(451, 'try again later'), config };
    await expect(sendOnce(busy, mail('k-451'))).rejects.toThrow(/try again later/);
    expect((await rowOf('k-451')).status).toBe('pending');
    expect(await sendOnce({ db: database.db, mailer, config }, mail('k-451'))).toMatchObject({
      outcome: 'sent',
    });
    expect(capture.messages.filter((m) => m.subject === 'Subject k-451')).toHaveLength(1);
  });

  it('does not resend mail a crashed sender left "sending": it becomes unconfirmed', async () => {
    const deps = { db: database.db, mailer, config };
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
    });
    expect((await sendOnce(deps, mail('k-crashed'))).outcome).toBe('unconfirmed');
    expect((await rowOf('k-crashed')).status).toBe('unconfirmed');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-crashed')).toHaveLength(0);
    expect((await resendEmail(deps, 'k-crashed')).outcome).toBe('sent');
    expect(capture.messages.filter((m) => m.subject === 'Subject k-crashed')).toHaveLength(1);
  });
});
