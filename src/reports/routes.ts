// Committee routes: outcome reports (HTML with charts, JSON, CSV), committee
// reviews, and the staff-only list of follow-up non-respondents.
//
// Browsers cannot send a Bearer header from a link, so under /reports the
// token may also come as ?token=… or from the cookie the sign-in form sets;
// both are turned into the Authorization header before the usual check.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { bearerAllows, type RouteRegistry } from '../http/route.js';
import { Invalid } from '../domain/errors.js';
import { activityReport } from './activity-report.js';
import { programReport } from './program-report.js';
import { activityCsv, programCsv } from './views/csv.js';
import { activityPage, loginPage, programPage } from './views/pages.js';
import { followUpNonRespondents } from '../staff/non-respondents.js';
import {
  periodReviewInputSchema,
  recordActivityReview,
  recordPeriodReview,
  reviewInputSchema,
} from './reviews.js';

export const REPORT_COOKIE = 'ceo_report_token';

const formatSchema = z.enum(['html', 'json', 'csv']).optional();
const dateSchema = z.iso.date('expected a date like 2026-01-31');

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function wantsHtml(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/** Chosen by ?format, else by the Accept header: browsers get HTML, API clients JSON. */
function formatOf(req: FastifyRequest, format: 'html' | 'json' | 'csv' | undefined) {
  return format ?? (wantsHtml(req) ? 'html' : 'json');
}

/** Forms post reviewers as one comma- or line-separated field. */
const reviewersField = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  reviewInputSchema.shape.reviewers,
);

const reviewSchema = z.object({
  id: z.string(),
  activityId: z.string().nullable(),
  programId: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  decision: z.enum(['acceptable', 'changes_required', 'not_acceptable']),
  changes: z.string(),
  reviewers: z.array(z.string()),
  reviewedOn: z.string(),
});

function sendAs(reply: FastifyReply, type: string, body: string, filename?: string) {
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.type(type).send(body);
}

/** The request's local path and query without ?token= (pages and redirects must not repeat it). */
function withoutToken(path: string, format?: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.delete('token');
  if (format) url.searchParams.set('format', format);
  const q = url.searchParams.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}

const withFormat = (req: FastifyRequest, format: string) => withoutToken(req.url, format);

export function registerReportRoutes(routes: RouteRegistry, ctx: AppContext): void {
  const { app, config } = routes;

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/reports') || req.url.startsWith('/reports/login')) return;
    if (!req.headers.authorization) {
      const fromQuery = (req.query as Record<string, unknown> | undefined)?.token;
      const token = typeof fromQuery === 'string' ? fromQuery : cookie(req, REPORT_COOKIE);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    // A browser without a valid token is sent to the sign-in form instead of a JSON 401.
    if (
      req.method === 'GET' &&
      wantsHtml(req) &&
      !bearerAllows(config, 'committee', req.headers.authorization)
    ) {
      return reply.redirect(`/reports/login?next=${encodeURIComponent(withoutToken(req.url))}`, 303);
    }
  });

  routes.add(
    {
      method: 'GET',
      url: '/reports/login',
      summary: 'Sign-in form for committee report readers',
      tags: ['reports'],
      auth: 'public',
      hidden: true,
      query: z.object({ next: z.string().optional() }),
      responses: { 200: { description: 'HTML form', contentType: 'text/html' } },
    },
    ({ query, reply }) =>
      sendAs(reply, 'text/html; charset=utf-8', loginPage(query.next ?? '/reports', false)),
  );

  routes.add(
    {
      method: 'POST',
      url: '/reports/login',
      summary: 'Checks the token and keeps it in an HttpOnly cookie for /reports',
      tags: ['reports'],
      auth: 'public',
      hidden: true,
      body: z.object({ token: z.string().min(1), next: z.string().optional() }),
      responses: { 303: { description: 'Back to the report' }, 401: { description: 'Wrong token' } },
    },
    ({ body, reply }) => {
      // Only local report paths: never an open redirect.
      const next = body.next && /^\/reports(\/|$|\?)/.test(body.next) ? body.next : '/reports';
      if (!bearerAllows(config, 'committee', `Bearer ${body.token}`))
        return reply.status(401).type('text/html; charset=utf-8').send(loginPage(next, true));
      reply.header(
        'set-cookie',
        `${REPORT_COOKIE}=${encodeURIComponent(body.token)}; Path=/reports; HttpOnly; SameSite=Strict; Max-Age=43200`,
      );
      return reply.redirect(next, 303);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/reports/activities/:activityId',
      summary: "An activity's outcome report (HTML with charts, JSON or CSV)",
      tags: ['reports'],
      auth: 'committee',
      params: z.object({ activityId: z.string().min(1) }),
      query: z.object({ format: formatSchema }),
      responses: {
        200: { description: 'The report; HTML for browsers, else JSON; ?format=csv for CSV' },
        404: { description: 'No such activity' },
      },
    },
    async ({ params, query, req, reply }) => {
      const report = await activityReport(ctx.db, params.activityId, ctx.clock.now());
      const format = formatOf(req, query.format);
      if (format === 'json') return report;
      if (format === 'csv')
        return sendAs(
          reply,
          'text/csv; charset=utf-8',
          activityCsv(report),
          `report-${params.activityId}.csv`,
        );
      const id = encodeURIComponent(params.activityId);
      return sendAs(
        reply,
        'text/html; charset=utf-8',
        activityPage(report, {
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/activities/${id}/reviews`,
          program: `/reports/programs/${encodeURIComponent(report.activity.programId)}`,
        }),
      );
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/reports/activities/:activityId/reviews',
      summary: "Records the committee's review of an activity's outcomes",
      tags: ['reports'],
      auth: 'committee',
      params: z.object({ activityId: z.string().min(1) }),
      body: reviewInputSchema.extend({ reviewers: reviewersField }),
      responses: {
        201: { description: 'Recorded', schema: reviewSchema },
        303: { description: 'Recorded from the HTML form; back to the report' },
        404: { description: 'No such activity' },
      },
    },
    async ({ params, body, req, reply }) => {
      const review = await recordActivityReview(ctx.db, params.activityId, body);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
        return reply.redirect(`/reports/activities/${encodeURIComponent(params.activityId)}#reviews`, 303);
      return reply.status(201).send(review);
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/reports/activities/:activityId/non-respondents',
      summary: 'Staff only: learners sent the follow-up who have not answered (name, email) for chasing',
      tags: ['reports'],
      auth: 'staff',
      params: z.object({ activityId: z.string().min(1) }),
      responses: {
        200: {
          description: 'Non-respondents',
          schema: z.array(
            z.object({
              enrollmentId: z.string(),
              learnerId: z.string(),
              name: z.string(),
              email: z.string(),
              followUpSentAt: z.string(),
              remindersSent: z.number(),
              followUpStatus: z.string().nullable(),
            }),
          ),
        },
      },
    },
    ({ params }) => followUpNonRespondents(ctx.db, params.activityId),
  );

  const programQuery = z
    .object({ from: dateSchema.optional(), to: dateSchema.optional(), format: formatSchema })
    .transform((q) => {
      // Default: the twelve months up to today.
      const today = ctx.clock.now().toISOString().slice(0, 10);
      const to = q.to ?? today;
      const from =
        q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
      return { ...q, from, to };
    });

  routes.add(
    {
      method: 'GET',
      url: '/reports/programs/:programId',
      summary:
        "A program's outcomes across activities starting from..to (inclusive dates; default the last 12 months)",
      tags: ['reports'],
      auth: 'committee',
      params: z.object({ programId: z.string().min(1) }),
      query: programQuery,
      responses: {
        200: { description: 'The report; HTML for browsers, else JSON; ?format=csv for CSV' },
        404: { description: 'No such program' },
      },
    },
    async ({ params, query, req, reply }) => {
      if (query.to < query.from) throw Invalid.field('query.to', 'is before from');
      const report = await programReport(ctx.db, params.programId, query, ctx.clock.now());
      const format = formatOf(req, query.format);
      if (format === 'json') return report;
      if (format === 'csv')
        return sendAs(
          reply,
          'text/csv; charset=utf-8',
          programCsv(report),
          `program-${params.programId}-${query.from}-${query.to}.csv`,
        );
      return sendAs(
        reply,
        'text/html; charset=utf-8',
        programPage(report, {
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/programs/${encodeURIComponent(params.programId)}/reviews`,
          activity: (id) => `/reports/activities/${encodeURIComponent(id)}`,
        }),
      );
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/reports/programs/:programId/reviews',
      summary: "Records the committee's review of a program period",
      tags: ['reports'],
      auth: 'committee',
      params: z.object({ programId: z.string().min(1) }),
      body: periodReviewInputSchema.extend({ reviewers: reviewersField }),
      responses: {
        201: { description: 'Recorded', schema: reviewSchema },
        303: { description: 'Recorded from the HTML form; back to the report' },
      },
    },
    async ({ params, body, req, reply }) => {
      const review = await recordPeriodReview(ctx.db, params.programId, body);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
        return reply.redirect(
          `/reports/programs/${encodeURIComponent(params.programId)}?from=${body.periodFrom}&to=${body.periodTo}#reviews`,
          303,
        );
      return reply.status(201).send(review);
    },
  );
}
