// The local mail capture's inbox (npm start without SMTP_URL), for a person
// trying the stack without an SMTP server. Left out of the OpenAPI document.
// It shows every learner's signed links, so it answers only a browser on this
// machine (the connection's own address, whatever X-Forwarded-For says), and
// exists only while the capture is in use (src/http/system-routes.ts).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFound } from '../domain/errors.js';
import { content } from './api.js';
import { html } from '../platform/html.js';
import type { CapturedMail, MailCapture } from '../platform/mail/capture.js';

const isLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));

function summary(m: CapturedMail) {
  return {
    id: m.id,
    messageId: m.messageId,
    from: m.from,
    to: m.to,
    subject: m.subject,
    receivedAt: m.receivedAt.toISOString(),
    attachments: m.attachments.map((a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.length,
    })),
  };
}

function inboxPage(capture: MailCapture, newestFirst: CapturedMail[]): string {
  const rows = newestFirst.map(
    (m) =>
      html`<tr>
        <td>${m.receivedAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
        <td>${m.to.join(', ')}</td>
        <td><a href="/mail/${m.id}">${m.subject || '(no subject)'}</a></td>
        <td>
          ${m.attachments.map(
            (a, i) =>
              html`<a href="/mail/${m.id}/attachments/${i}">${a.filename ?? `attachment ${i + 1}`}</a> `,
          )}
        </td>
      </tr>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Captured mail</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 2rem;
          }
          table {
            border-collapse: collapse;
          }
          td,
          th {
            padding: 0.3rem 0.8rem;
            border-bottom: 1px solid #ddd;
            text-align: left;
          }
        </style>
      </head>
      <body>
        <h1>Captured mail</h1>
        <p>
          ${capture.messages.length} message(s) received by the local SMTP capture on port ${capture.port};
          kept in memory until the next restart. <a href="/mail.json">JSON</a>
        </p>
        <table>
          <thead>
            <tr>
              <th>Received (UTC)</th>
              <th>To</th>
              <th>Subject</th>
              <th>Attachments</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </body>
    </html>`.value;
}

const hidden = { hide: true, tags: ['system'] };
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const capturedMailRoutes: FastifyPluginAsyncZod<{ capture: MailCapture }> = async (
  app,
  { capture },
) => {
  const newestFirst = () => [...capture.messages].reverse();
  const find = (id: number) => {
    const mail = capture.messages.find((m) => m.id === id);
    if (!mail) throw new NotFound(`id: no captured mail ${id}`);
    return mail;
  };
  const config = { auth: 'public' as const };
  app.addHook('onRequest', async (req) => {
    if (!isLoopback(req.socket.remoteAddress)) throw new NotFound('path: no captured mail here');
  });

  app.get(
    '/mail',
    { config, schema: { ...hidden, response: { 200: content('HTML page', { 'text/html': z.string() }) } } },
    (_req, reply) => {
      reply.type('text/html; charset=utf-8');
      return inboxPage(capture, newestFirst());
    },
  );

  app.get('/mail.json', { config, schema: hidden }, () => newestFirst().map(summary));

  app.get('/mail/:id', { config, schema: { ...hidden, params: idParams } }, (req, reply) => {
    const mail = find(req.params.id);
    return reply.type('text/html; charset=utf-8').send(mail.html || html`<pre>${mail.text}</pre>`.value);
  });

  app.get(
    '/mail/:id/attachments/:index',
    { config, schema: { ...hidden, params: idParams.extend({ index: z.coerce.number().int().min(0) }) } },
    (req, reply) => {
      const attachment = find(req.params.id).attachments[req.params.index];
      if (!attachment)
        throw new NotFound(`index: message ${req.params.id} has no attachment ${req.params.index}`);
      reply.type(attachment.contentType);
      if (attachment.filename) {
        reply.header('content-disposition', `inline; filename="${attachment.filename.replace(/"/g, '')}"`);
      }
      return reply.send(attachment.content);
    },
  );
};
