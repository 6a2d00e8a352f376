// A real SMTP server on loopback that keeps what it receives: the local mail
// capture of `npm start` without SMTP_URL, and the SMTP peer of the tests.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  id: number;
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  receivedAt: Date;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
  raw: ParsedMail;
}

export interface MailCapture {
  port: number;
  url: string;
  messages: CapturedMail[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** Called with each message once parsed; may delay the SMTP reply (tests use this to crash a sender). */
  onMessage?: (m: CapturedMail) => void | Promise<void>;
  close(): Promise<void>;
}

export async function startMailCapture(port = 0, host = '127.0.0.1'): Promise<MailCapture> {
  const messages: CapturedMail[] = [];
  const waiters: { match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }[] = [];
  let nextId = 1;
  const capture: MailCapture = {
    port: 0,
    url: '',
    messages,
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: CapturedMail) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail: CapturedMail = {
            id: nextId++,
            messageId: parsed.messageId,
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            receivedAt: new Date(),
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content,
            })),
            raw: parsed,
          };
          messages.push(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          await capture.onMessage?.(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  capture.port = address.port;
  capture.url = `smtp://${host}:${address.port}`;
  return capture;
}
