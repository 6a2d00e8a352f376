// Staff tools: the email outbox (mail whose delivery is unknown after a crash,
// "unconfirmed", or refused, "failed", is never resent automatically; staff
// look at it and resend it on purpose, with the same Message-ID so a receiver
// can tell) and the follow-up non-respondents of an activity, for chasing.
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { emailOutbox } from '../db/schema/index.js';
import { Conflict, DependencyFailed, NotFound } from '../domain/errors.js';
import type { Routes } from '../http/api.js';
import { apiErrorSchema } from '../http/errors.js';
import { resendEmail } from '../outbox/outbox.js';
import * as api from '../enrollment-api/contract.js';
import { followUpNonRespondents } from './non-respondents.js';
import { stuckRoutes } from './stuck-routes.js';
import { codecRoutes } from './codec-routes.js';

const nonRespondentsSchema = z.array(
  z.object({
    enrollmentId: z.string(),
    learnerId: z.string(),
    name: z.string(),
    email: z.string(),
    followUpSentAt: z.string(),
    remindersSent: z.number(),
    followUpStatus: z.string().nullable(),
  }),
);

export const staffRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'staff' as const };
  const tags = ['operations'];
  await app.register(stuckRoutes, { ctx });
  await app.register(codecRoutes, { ctx, prefix: '/codec' });

  app.get(
    '/outbox',
    {
      config,
      schema: {
        summary: 'Outbox emails by status (default: unconfirmed, i.e. delivery unknown after a crash)',
        tags,
        querystring: api.outboxQuery,
        response: { 200: api.outboxListSchema.describe('Emails') },
      },
    },
    async (req) => {
      const rows = await ctx.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.status, req.query.status))
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

  app.post(
    '/outbox/:emailId/resend',
    {
      config,
      schema: {
        summary: 'Resend an unconfirmed or failed email (same Message-ID) and mark it sent',
        tags,
        params: api.outboxParams,
        response: {
          200: api.resentSchema.describe('Sent'),
          404: apiErrorSchema.describe('No such email'),
          409: apiErrorSchema.describe('Not unconfirmed: it was sent, or is still on its way'),
          502: apiErrorSchema.describe('The mail server did not take it; it stays in the outbox'),
        },
      },
    },
    async (req) => {
      const { emailId } = req.params;
      const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId));
      if (!row) throw new NotFound(`emailId: no email "${emailId}"`);
      if (row.status !== 'unconfirmed' && row.status !== 'failed')
        throw new Conflict(
          `emailId: the email is ${row.status}; only unconfirmed or failed emails are resent by hand`,
        );
      const { outcome, messageId } = await resendEmail(ctx, row.dedupeKey);
      if (outcome !== 'sent')
        throw new DependencyFailed(
          `the mail server did not take the email (${outcome}); it stays in the outbox`,
        );
      return { id: row.id, status: 'sent', messageId };
    },
  );

  app.get(
    '/reports/activities/:activityId/non-respondents',
    {
      config: { ...config, signIn: '/reports/login' },
      schema: {
        summary: 'Staff only: learners sent the follow-up who have not answered (name, email) for chasing',
        tags: ['reports'],
        params: z.object({ activityId: z.string().min(1) }),
        response: { 200: nonRespondentsSchema.describe('Non-respondents') },
      },
    },
    (req) => followUpNonRespondents(ctx.db, req.params.activityId),
  );
};
