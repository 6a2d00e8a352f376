// Staff routes around the ledger: the batch files per regulator and period
// (and PARS's yearly activity file), marking a file's records uploaded, the
// numbers the regulators know an activity by, how each regulator is reached,
// and the sign-in form for browsers.
import { z } from 'zod';
import { content, type Routes } from '../http/api.js';
import { apiErrorSchema } from '../http/errors.js';
import { REGULATORS } from '../domain/reporting.js';
import * as c from './contract.js';
import { batchFile, parsActivitiesFile } from './files.js';
import { markUploaded } from './staff-actions.js';
import { activityRegistration, setActivityRegistration } from './registrations.js';
import { reportingCounts } from './queries.js';
import { setTransport, transportFor, type Transport } from './transports.js';
import { NotFound } from '../domain/errors.js';
import { activities } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';

const { staffConfig, tags } = c;
const file = (description: string) =>
  content(description, {
    'application/xml': z.string(),
    'text/plain': z.string(),
    'text/tab-separated-values': z.string(),
  });
const transportView = (t: Transport) => ({
  regulator: t.regulator,
  mode: t.url ? ('web_service' as const) : ('file' as const),
  url: t.url,
  providerId: t.providerId,
  hasSecret: !!t.secret,
  source: t.source,
});

export const reportingAdminRoutes: Routes = async (app, { ctx }) => {
  app.get(
    '/reporting/files/:regulator',
    {
      config: staffConfig,
      schema: {
        summary:
          'The batch file of a regulator for a period: CPE Monitor XML, CE Broker fixed-width text, PARS tab-delimited',
        tags,
        params: c.fileParams,
        querystring: c.fileQuery,
        response: {
          200: file('The file to upload; X-Submission-Ids lists the records in it'),
          400: apiErrorSchema.describe('A bad period'),
        },
      },
    },
    async (req, reply) => {
      const f = await batchFile(ctx.db, ctx.config, req.params.regulator, req.query, ctx.clock.now());
      return reply
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('x-submission-ids', f.submissionIds.join(','))
        .header('x-left-out', String(f.leftOut.length))
        .type(f.contentType)
        .send(f.body);
    },
  );

  app.post(
    '/reporting/files/:regulator/uploaded',
    {
      config: staffConfig,
      schema: {
        summary: 'Staff uploaded a batch file: its records are submitted (then confirm them once accepted)',
        tags,
        params: c.fileParams,
        body: c.uploadedBody,
        response: { 200: c.uploadedSchema.describe('The records now submitted') },
      },
    },
    async (req) => ({
      submitted: (await markUploaded(ctx, req.params.regulator, req.body.submissionIds)).map((r) => r.id),
    }),
  );

  app.get(
    '/reporting/pars-activities',
    {
      config: staffConfig,
      schema: {
        summary: 'PARS yearly activity data: the tab-delimited activity file for a year',
        tags,
        querystring: c.yearQuery,
        response: { 200: file('The activity file') },
      },
    },
    async (req, reply) => {
      const f = await parsActivitiesFile(ctx.db, req.query.year);
      return reply
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .type('text/plain; charset=utf-8')
        .send(f.body);
    },
  );

  const registration = async (activityId: string) => {
    const [activity] = await ctx.db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.id, activityId));
    if (!activity) throw new NotFound(`activityId: no activity "${activityId}"`);
    const r = await activityRegistration(ctx.db, activityId);
    return {
      activityId,
      ...r,
      uanCheck: r.uanCheck ? { ...r.uanCheck } : null,
      counts: await reportingCounts(ctx.db, activityId, ctx.clock.now()),
    };
  };

  app.get(
    '/reporting/activities/:activityId',
    {
      config: staffConfig,
      schema: {
        summary:
          'An activity for the regulators: its CE Broker and PARS numbers, the UAN look-up, the counts',
        tags,
        params: c.activityParams,
        response: {
          200: c.registrationSchema.describe('The activity'),
          404: apiErrorSchema.describe('No such activity'),
        },
      },
    },
    (req) => registration(req.params.activityId),
  );

  app.put(
    '/reporting/activities/:activityId',
    {
      config: staffConfig,
      schema: {
        summary: 'Set the CE Broker course tracking number and PARS activity ID of an activity',
        tags,
        params: c.activityParams,
        body: c.registrationBody,
        response: {
          200: c.registrationSchema.describe('The activity'),
          404: apiErrorSchema.describe('No such activity'),
        },
      },
    },
    async (req) => {
      await registration(req.params.activityId);
      await setActivityRegistration(ctx.db, req.params.activityId, req.body);
      return registration(req.params.activityId);
    },
  );

  app.get(
    '/reporting/transports',
    {
      config: staffConfig,
      schema: {
        summary: 'How each regulator is reached: web service or file only (no secret is shown)',
        tags,
        response: { 200: c.transportsSchema.describe('Per regulator') },
      },
    },
    async () => ({
      transports: (await Promise.all(REGULATORS.map((r) => transportFor(ctx.db, ctx.config, r)))).map(
        transportView,
      ),
    }),
  );

  app.put(
    '/reporting/transports/:regulator',
    {
      config: staffConfig,
      schema: {
        summary: 'Set how a regulator is reached (over the environment’s setting); url null: file only',
        tags,
        params: c.fileParams,
        body: c.transportBody,
        response: { 200: c.transportSchema.describe('The transport now in force') },
      },
    },
    async (req) => {
      await setTransport(ctx.db, req.params.regulator, req.body);
      return transportView(await transportFor(ctx.db, ctx.config, req.params.regulator));
    },
  );
};
