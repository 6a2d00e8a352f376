// Committee routes: outcome reports (HTML with charts, JSON, CSV) and
// committee reviews. Browsers cannot send a Bearer header from a link, so
// these routes also take the token as ?token=… or from the cookie the sign-in
// form sets (`config.signIn`, checked by the auth hook in src/http/auth.ts).
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../domain/errors.js';
import type { Routes } from '../http/api.js';
import { SIGN_IN_COOKIE, tokenAllows } from '../http/auth.js';
import { apiErrorSchema } from '../http/errors.js';
import { isoDay } from '../platform/format.js';
import { activityReport } from './activity-report.js';
import { programReport } from './program-report.js';
import { activityCsv, programCsv } from './views/csv.js';
import { activityPage } from './views/activity-page.js';
import { loginPage } from './views/layout.js';
import { programPage } from './views/program-page.js';
import {
  periodReviewInputSchema,
  recordActivityReview,
  recordPeriodReview,
  reviewInputSchema,
} from './reviews.js';
import { activityReportSchema, programReportSchema, reviewSchema } from './schemas.js';
import {
  answered,
  committee,
  dateSchema,
  formatOf,
  formatSchema,
  formRedirect,
  HTML,
  listField,
  reportResponse,
  sendFile,
  SIGN_IN,
  tags,
  withFormat,
} from './routes/shared.js';
import { workspaceRoutes } from './routes/index.js';
import { findProgram } from './programs.js';

const config = committee;
const html = HTML;

/** Forms post reviewers as one comma- or line-separated field. */
const reviewersField = listField(reviewInputSchema.shape.reviewers);

/** A form's action rows (actionDescription0, actionOwner0, actionDue0, …) as the list of actions. */
const withFormActions = (body: unknown) => {
  if (!body || typeof body !== 'object' || 'actions' in body) return body;
  const b = body as Record<string, unknown>;
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  const actions = [0, 1, 2, 3, 4]
    .filter((i) => text(`actionDescription${i}`))
    .map((i) => ({
      description: text(`actionDescription${i}`),
      ...(text(`actionOwner${i}`) ? { owner: text(`actionOwner${i}`) } : {}),
      ...(text(`actionDue${i}`) ? { dueOn: text(`actionDue${i}`) } : {}),
    }));
  return { ...b, actions };
};

const reviewResponses = { 201: reviewSchema.describe('Recorded'), ...formRedirect };

/** A review posted from the HTML form goes back to the report; an API client gets the review. */
const reviewRecorded = (req: FastifyRequest, reply: FastifyReply, review: unknown, back: string) =>
  answered(req, reply, 201, review, back);

export const reportRoutes: Routes = async (app, { ctx }) => {
  await app.register(signInRoutes, { ctx });
  await app.register(workspaceRoutes, { ctx });

  const activityParams = z.object({ activityId: z.string().min(1) });

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
      const program = await findProgram(ctx.db, report.activity.programId);
      return sendFile(
        reply,
        html,
        activityPage(report, {
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/activities/${encodeURIComponent(activityId)}/reviews`,
          program: `/reports/programs/${encodeURIComponent(report.activity.programId)}`,
          committee: program?.committeeMembers.map((m) => m.name),
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
        body: z.preprocess(withFormActions, reviewInputSchema.extend({ reviewers: reviewersField })),
        response: { ...reviewResponses, 404: apiErrorSchema.describe('No such activity') },
      },
    },
    async (req, reply) => {
      const { activityId } = req.params;
      const review = await recordActivityReview(ctx.db, activityId, req.body);
      return reviewRecorded(
        req,
        reply,
        review,
        `/reports/activities/${encodeURIComponent(activityId)}#reviews`,
      );
    },
  );

  const programParams = z.object({ programId: z.string().min(1) });
  const programQuery = z
    .object({ from: dateSchema.optional(), to: dateSchema.optional(), format: formatSchema })
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
          committee: (await findProgram(ctx.db, programId))?.committeeMembers.map((m) => m.name),
          json: withFormat(req, 'json'),
          csv: withFormat(req, 'csv'),
          reviews: `/reports/programs/${encodeURIComponent(programId)}/reviews`,
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
        response: reviewResponses,
      },
    },
    async (req, reply) => {
      const { programId } = req.params;
      const review = await recordPeriodReview(ctx.db, programId, req.body);
      const { periodFrom, periodTo } = req.body;
      const back = `/reports/programs/${encodeURIComponent(programId)}?from=${periodFrom}&to=${periodTo}#reviews`;
      return reviewRecorded(req, reply, review, back);
    },
  );
};

/** The sign-in form for browsers: the token goes into an HttpOnly cookie for /reports. */
const signInRoutes: Routes = async (app, { ctx }) => {
  const hidden = { hide: true, tags };

  app.get(
    SIGN_IN,
    {
      config: { auth: 'public' },
      schema: { ...hidden, querystring: z.object({ next: z.string().optional() }) },
    },
    (req, reply) => sendFile(reply, html, loginPage(req.query.next ?? '/reports', false)),
  );

  app.post(
    SIGN_IN,
    {
      config: { auth: 'public' },
      schema: { ...hidden, body: z.object({ token: z.string().min(1), next: z.string().optional() }) },
    },
    (req, reply) => {
      const { token, next: asked } = req.body;
      // Only local report paths: never an open redirect.
      const next = asked && /^\/reports(\/|$|\?)/.test(asked) ? asked : '/reports';
      if (!tokenAllows(ctx.config, 'committee', token))
        return reply.status(401).type(html).send(loginPage(next, true));
      reply.header(
        'set-cookie',
        `${SIGN_IN_COOKIE}=${encodeURIComponent(token)}; Path=/reports; HttpOnly; SameSite=Strict; Max-Age=43200`,
      );
      return reply.redirect(next, 303);
    },
  );
};
