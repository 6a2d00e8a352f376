// Operators' view of the email outbox: mail whose delivery is unknown
// ("unconfirmed": a crash came between handing it to SMTP and recording that)
// or refused ("failed") is never resent automatically; staff look at it and
// resend it on purpose, with the same Message-ID so a receiver can tell.
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { RouteRegistry } from '../http/route.js';
import { Conflict, DependencyFailed, NotFound } from '../domain/errors.js';
import { emailOutbox } from '../db/schema/index.js';
import { resendEmail } from '../outbox/outbox.js';
import * as api from '../enrollment-api/contract.js';

const tags = ['operations'];

export function registerOutboxRoutes(routes: RouteRegistry, ctx: AppContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/outbox',
      summary: 'Outbox emails by status (default: unconfirmed, i.e. delivery unknown after a crash)',
      tags,
      auth: 'staff',
      query: api.outboxQuery,
      responses: { 200: { description: 'Emails', schema: api.outboxListSchema } },
    },
    async ({ query }) => {
      const rows = await ctx.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.status, query.status))
        .orderBy(asc(emailOutbox.createdAt))
        .limit(1000);
      return {
        emails: rows.map((r) => ({
          id: r.id,
          enrollmentId: r.enrollmentId,
          kind: r.kind,
          toAddress: r.toAddress,
          subject: r.subject,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/outbox/:emailId/resend',
      summary: 'Resend an unconfirmed or failed email (same Message-ID) and mark it sent',
      tags,
      auth: 'staff',
      params: api.outboxParams,
      responses: {
        200: { description: 'Sent', schema: api.resentSchema },
        404: { description: 'No such email', schema: api.apiErrorSchema },
        409: {
          description: 'Not unconfirmed: it was sent, or is still on its way',
          schema: api.apiErrorSchema,
        },
      },
    },
    async ({ params }) => {
      const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, params.emailId));
      if (!row) throw new NotFound(`emailId: no email "${params.emailId}"`);
      if (row.status !== 'unconfirmed' && row.status !== 'failed')
        throw new Conflict(`emailId: the email is ${row.status}; only unconfirmed or failed emails are resent by hand`,
        );
      const { outcome, messageId } = await resendEmail(ctx, row.dedupeKey);
      if (outcome !== 'sent')
        throw new DependencyFailed(`the mail server did not take the email (${outcome}); it stays in the outbox`,
        );
      return { id: row.id, status: 'sent', messageId };
    },
  );
}
