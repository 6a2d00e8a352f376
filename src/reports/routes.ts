// Committee routes: outcome reports (HTML with charts, JSON, CSV) and
// committee reviews. Browsers cannot send a Bearer header from a link, so
// these routes also take the token as ?token=… or from the cookie the sign-in
// form sets (`config.signIn`, checked by the auth hook in src/http/auth.ts).
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../domain/errors.js';
import { content, type Routes } from '../http/api.js';
import { wantsHtml, withoutToken } from '../http/auth.js';
import { SIGN_IN } from '../identity/routes.js';
import { apiErrorSchema } from '../http/errors.js';
import { isoDay } from '../platform/format.js';
import { calendarDateSchema } from '../platform/dates.js';
import contentDisposition from 'content-disposition';
import { activityReport } from './activity-report.js';
import { programReport } from './program-report.js';
import { activityCsv, programCsv } from './views/csv.js';
import { activityPage } from './views/activity-page.js';
import { programPage } from './views/program-page.js';
import {
  periodReviewInputSchema,
  recordActivityReview,
  recordPeriodReview,
  reviewInputSchema,
} from './reviews.js';
import { activityReportSchema, programReportSchema, reviewSchema } from './schemas.js';

const config = { auth: 'committee' as const, signIn: SIGN_IN };
const tags = ['reports'];
const formatSchema = z.enum(['html', 'json', 'csv']).optional();
const dateSchema = calendarDateSchema;
const html = 'text/html; charset=utf-8';

/** One report in three forms: JSON for API clients, HTML for browsers, CSV on request. */
function reportResponse<S extends z.ZodType>(json: S) {
  return content('The report; HTML for browsers, else JSON; ?format=csv for CSV', {
    'application/json': json,
    'text/html': z.string(),
    'text/csv': z.string(),
  });
}

/** Chosen by ?format, else by the Accept header: browsers get HTML, API clients JSON. */
function formatOf(req: FastifyRequest, format: 'html' | 'json' | 'csv' | undefined) {
  return format ?? (wantsHtml(req) ? 'html' : 'json');
}

function sendFile(reply: FastifyReply, type: string, body: string, filename?: string) {
  // RFC 6266: an ASCII fallback and filename*=UTF-8''…, whatever an id holds (quotes, line breaks).
  if (filename) reply.header('content-disposition', contentDisposition(filename));
  return reply.type(type).send(body);
}

const withFormat = (req: FastifyRequest, format: string) => withoutToken(req.url, format);

/** The review form's CSRF token, bound to the browser's session. */
const csrfToken = (req: FastifyRequest, reply: FastifyReply) =>
  reply.generateCsrf({ userInfo: req.principal?.sessionId ?? '' });

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

const reviewResponses = {
  201: reviewSchema.describe('Recorded'),
  303: z.null().describe('Recorded from the HTML form; back to the report'),
};

/** A review posted from the HTML form goes back to the report; an API client gets the review. */
function reviewRecorded(req: FastifyRequest, reply: FastifyReply, review: unknown, back: string) {
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return reply.redirect(back, 303);
  return reply.status(201).send(review);
}

export const reportRoutes: Routes = async (app, { ctx }) => {
  const activityParams = z.object({ activityId: z.string().min(1).max(100) });

  app.get(
    '/reports/activities/:activityId',
    {
      config,
      schema: {
        summary: "An activity's outcome report (HTML with charts, JSON or CSV)",
        tags,
        params: activityParams,
        querystring: z.object({ format: formatSchema }),
        response: {
          200: reportResponse(activityReportSchema),
          404: apiErrorSchema.describe('No such activity'),
        },
      },
    },
    async (req, reply) => {
      const { activityId } = req.params;
      const report = await activityReport(ctx.db, activityId, ctx.clock.now());
      const format = formatOf(req, req.query.format);
      if (format === 'json') return report;
      if (format === 'csv')
        return sendFile(reply, 'text/csv; charset=utf-8', activityCsv(report), `report-${activityId}.csv`);
      return sendFile(
        reply,
        html,
        activityPage(report, {
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/activities/${encodeURIComponent(activityId)}/reviews`,
          csrf: csrfToken(req, reply),
          program: `/reports/programs/${encodeURIComponent(report.activity.programId)}`,
        }),
      );
    },
  );

  app.post(
    '/reports/activities/:activityId/reviews',
    {
      config,
      schema: {
        summary: "Records the committee's review of an activity's outcomes",
        tags,
        params: activityParams,
        body: reviewInputSchema.extend({ reviewers: reviewersField }),
        response: { ...reviewResponses, 404: apiErrorSchema.describe('No such activity') },
      },
    },
    async (req, reply) => {
      const { activityId } = req.params;
      const review = await recordActivityReview(ctx.db, activityId, req.body, req.principal!.name);
      return reviewRecorded(
        req,
        reply,
        review,
        `/reports/activities/${encodeURIComponent(activityId)}#reviews`,
      );
    },
  );

  const programParams = z.object({ programId: z.string().min(1).max(100) });
  const programQuery = z
    .object({
      from: dateSchema.optional(),
      to: dateSchema.optional().describe('On or after from (default today)'),
      format: formatSchema,
    })
    .transform((q) => {
      // Default: the twelve months up to today.
      const to = q.to ?? isoDay(ctx.clock.now());
      const from = q.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000));
      return { ...q, from, to };
    });

  app.get(
    '/reports/programs/:programId',
    {
      config,
      schema: {
        summary:
          "A program's outcomes across activities starting from..to (inclusive dates; default the last 12 months)",
        tags,
        params: programParams,
        querystring: programQuery,
        response: {
          200: reportResponse(programReportSchema),
          404: apiErrorSchema.describe('No such program'),
        },
      },
    },
    async (req, reply) => {
      const { programId } = req.params;
      const { from, to, format: asked } = req.query;
      if (to < from) throw Invalid.field('query.to', 'is before from');
      const report = await programReport(ctx.db, programId, { from, to }, ctx.clock.now());
      const format = formatOf(req, asked);
      if (format === 'json') return report;
      if (format === 'csv')
        return sendFile(
          reply,
          'text/csv; charset=utf-8',
          programCsv(report),
          `program-${programId}-${from}-${to}.csv`,
        );
      return sendFile(
        reply,
        html,
        programPage(report, {
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/programs/${encodeURIComponent(programId)}/reviews`,
          csrf: csrfToken(req, reply),
          activity: (id) => `/reports/activities/${encodeURIComponent(id)}`,
        }),
      );
    },
  );

  app.post(
    '/reports/programs/:programId/reviews',
    {
      config,
      schema: {
        summary: "Records the committee's review of a program period",
        tags,
        params: programParams,
        body: periodReviewInputSchema.extend({ reviewers: reviewersField }),
        response: { ...reviewResponses, 404: apiErrorSchema.describe('No such program') },
      },
    },
    async (req, reply) => {
      const { programId } = req.params;
      const review = await recordPeriodReview(ctx.db, programId, req.body, req.principal!.name);
      const { periodFrom, periodTo } = req.body;
      const back = `/reports/programs/${encodeURIComponent(programId)}?from=${periodFrom}&to=${periodTo}#reviews`;
      return reviewRecorded(req, reply, review, back);
    },
  );
};
