// Operational routes: health of the three servers the app depends on, the
// OpenAPI document, and (under npm start) the page of locally captured mail.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { databaseReachable } from '../db/client.js';
import type { CapturedMail, MailCapture } from '../platform/mail/capture.js';
import type { RouteRegistry } from './route.js';
import { NotFound } from '../domain/errors.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const CHECK_TIMEOUT_MS = 3000;
const state = z.enum(['ok', 'down']);
const healthSchema = z.object({
  status: state,
  temporal: state,
  database: state,
  smtp: state,
});

/** false when the check fails or takes longer than the timeout. */
async function within(check: () => Promise<boolean>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([check().catch(() => false), timeout])) ? 'ok' : 'down';
  } finally {
    clearTimeout(timer);
  }
}

export function registerSystemRoutes(routes: RouteRegistry, ctx: AppContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/healthz',
      summary: 'Whether Temporal, the database and the SMTP server are reachable',
      tags: ['system'],
      auth: 'public',
      responses: {
        200: { description: 'All reachable', schema: healthSchema },
        503: { description: 'At least one is down', schema: healthSchema },
      },
    },
    async ({ reply }) => {
      const [temporal, database, smtp] = await Promise.all([
        within(async () => {
          const connection = ctx.temporal.connection;
          await connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
            connection.workflowService.getSystemInfo({}),
          );
          return true;
        }),
        within(() => databaseReachable(ctx.db)),
        within(() => ctx.mailer.verify()),
      ]);
      const allOk = temporal === 'ok' && database === 'ok' && smtp === 'ok';
      reply.status(allOk ? 200 : 503);
      return { status: allOk ? 'ok' : 'down', temporal, database, smtp };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/openapi.json',
      summary: 'This OpenAPI document',
      tags: ['system'],
      auth: 'public',
      hidden: true,
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
    },
    // Built per request: route modules registered after this one are included.
    () => routes.document({ title: 'ce-outcomes', version: VERSION, serverUrl: ctx.config.PUBLIC_URL }),
  );

  if (ctx.capture) registerCapturedMailRoutes(routes, ctx.capture);
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

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

/** The local mail capture's inbox, for a person trying npm start without an SMTP server. */
function registerCapturedMailRoutes(routes: RouteRegistry, capture: MailCapture): void {
  const newestFirst = () => [...capture.messages].reverse();
  const find = (id: number) => {
    const mail = capture.messages.find((m) => m.id === id);
    if (!mail) throw new NotFound(`id: no captured mail ${id}`);
    return mail;
  };
  const idParams = z.object({ id: z.coerce.number().int().positive() });

  routes.add(
    {
      method: 'GET',
      url: '/mail',
      summary: 'Captured mail (npm start without SMTP_URL)',
      tags: ['system'],
      auth: 'public',
      hidden: true,
      responses: { 200: { description: 'HTML list, newest first', contentType: 'text/html' } },
    },
    ({ reply }) => {
      const rows = newestFirst()
        .map(
          (m) =>
            `<tr><td>${m.receivedAt.toISOString().replace('T', ' ').slice(0, 19)}</td>` +
            `<td>${escapeHtml(m.to.join(', '))}</td>` +
            `<td><a href="/mail/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
            `<td>${m.attachments
              .map(
                (a, i) =>
                  `<a href="/mail/${m.id}/attachments/${i}">${escapeHtml(a.filename ?? `attachment ${i + 1}`)}</a>`,
              )
              .join(' ')}</td></tr>`,
        )
        .join('\n');
      reply.type('text/html; charset=utf-8');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Captured mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body><h1>Captured mail</h1>
<p>${capture.messages.length} message(s) received by the local SMTP capture on port ${capture.port}; kept in memory until the next restart. <a href="/mail.json">JSON</a></p>
<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th><th>Attachments</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/mail.json',
      summary: 'Captured mail as JSON, newest first',
      tags: ['system'],
      auth: 'public',
      hidden: true,
      responses: { 200: { description: 'Captured messages' } },
    },
    () => newestFirst().map(summary),
  );

  routes.add(
    {
      method: 'GET',
      url: '/mail/:id',
      summary: 'One captured message as it would be displayed',
      tags: ['system'],
      auth: 'public',
      hidden: true,
      params: idParams,
      responses: {
        200: { description: 'The HTML body', contentType: 'text/html' },
        404: { description: 'No such message' },
      },
    },
    ({ params, reply }) => {
      const mail = find(params.id);
      reply.type('text/html; charset=utf-8');
      return mail.html || `<pre>${escapeHtml(mail.text)}</pre>`;
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/mail/:id/attachments/:index',
      summary: 'One attachment of a captured message',
      tags: ['system'],
      auth: 'public',
      hidden: true,
      params: idParams.extend({ index: z.coerce.number().int().min(0) }),
      responses: { 200: { description: 'The attachment' }, 404: { description: 'No such attachment' } },
    },
    ({ params, reply }) => {
      const attachment = find(params.id).attachments[params.index];
      if (!attachment)
        throw new NotFound(`index: message ${params.id} has no attachment ${params.index}`);
      reply.type(attachment.contentType);
      if (attachment.filename) {
        reply.header('content-disposition', `inline; filename="${attachment.filename.replace(/"/g, '')}"`);
      }
      return attachment.content;
    },
  );
}
