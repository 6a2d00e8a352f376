// Staff routes of reporting: the ledger (HTML for browsers, JSON, CSV), one
// submission with its history, and what staff do to one (retry, confirm,
// correct). Browsers sign in at /reports/login (a session for the person's key,
// src/identity); forms get a redirect back, API clients JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../domain/errors.js';
import { content, type Routes } from '../http/api.js';
import { wantsHtml, withoutToken } from '../http/auth.js';
import { apiErrorSchema } from '../http/errors.js';
import { REGULATORS } from '../domain/reporting.js';
import * as c from './contract.js';
import { listLedger, submissionDetail } from './queries.js';
import { ledgerPage } from './views/ledger-page.js';
import { ledgerCsv } from './views/csv.js';
import { transportFor } from './transports.js';
import { confirmSubmission, retrySubmission } from './staff-actions.js';
import { correctSubmission } from './corrections.js';
import { reportingAdminRoutes } from './admin-routes.js';
import type { SubmissionRow } from './ledger.js';

const { staffConfig, tags } = c;

const fromForm = (req: FastifyRequest) =>
  req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;

/** A form posted from the page goes back to it; an API client gets the result. */
function done(req: FastifyRequest, reply: FastifyReply, row: SubmissionRow) {
  if (fromForm(req)) return reply.redirect('/reporting', 303);
  return reply.send({ id: row.id, status: row.status, revision: row.revision });
}

const actionResponses = {
  200: c.actionResultSchema.describe('The submission as it now stands'),
  303: z.null().describe('Posted from the reporting page: back to it'),
  404: apiErrorSchema.describe('No such submission'),
  409: apiErrorSchema.describe('Its state does not allow it'),
};

export const reportingRoutes: Routes = async (app, { ctx }) => {
  await app.register(reportingAdminRoutes, { ctx });

  app.get(
    '/reporting',
    {
      config: staffConfig,
      schema: {
        summary:
          'The reporting ledger: every submission to CPE Monitor, CE Broker and PARS, late ones marked',
        tags,
        querystring: c.listQuery,
        response: {
          200: content('The ledger; HTML for browsers, else JSON; ?format=csv for CSV', {
            'application/json': c.ledgerSchema,
            'text/html': z.string(),
            'text/csv': z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      const { format, token: _token, ...filters } = req.query;
      const now = ctx.clock.now();
      const entries = await listLedger(ctx.db, filters, now);
      const as = format ?? (wantsHtml(req) ? 'html' : 'json');
      if (as === 'csv')
        return reply
          .header('content-disposition', 'attachment; filename="reporting.csv"')
          .type('text/csv; charset=utf-8')
          .send(ledgerCsv(entries));
      if (as === 'html') {
        const transports = await Promise.all(REGULATORS.map((r) => transportFor(ctx.db, ctx.config, r)));
        const csvHref = withoutToken(req.url, 'csv');
        return reply
          .type('text/html; charset=utf-8')
          .send(ledgerPage(entries, filters, transports, csvHref, now));
      }
      return { submissions: entries };
    },
  );

  app.get(
    '/reporting/submissions/:submissionId',
    {
      config: staffConfig,
      schema: {
        summary: 'One submission: its exact payload, every change (audit) and every request sent',
        tags,
        params: c.submissionParams,
        response: {
          200: c.detailSchema.describe('The submission'),
          404: apiErrorSchema.describe('No such submission'),
        },
      },
    },
    async (req) => {
      const detail = await submissionDetail(ctx.db, req.params.submissionId, ctx.clock.now());
      if (!detail) throw new NotFound(`submissionId: no submission "${req.params.submissionId}"`);
      return detail;
    },
  );

  const actions = {
    retry: [
      'Send again now (after fixing what held or refused it, or when its delivery is unknown)',
      retrySubmission,
    ],
    confirm: [
      'Record that the regulator holds it (seen in its portal, or the batch file was accepted)',
      confirmSubmission,
    ],
  } as const;
  for (const [action, [summary, act]] of Object.entries(actions))
    app.post(
      `/reporting/submissions/:submissionId/${action}`,
      {
        config: staffConfig,
        schema: { summary, tags, params: c.submissionParams, body: c.actionBody, response: actionResponses },
      },
      async (req, reply) => done(req, reply, await act(ctx, req.params.submissionId, req.body.note)),
    );

  app.post(
    '/reporting/submissions/:submissionId/correction',
    {
      config: staffConfig,
      schema: {
        summary: 'Correct the e-Profile ID, birth date or licence number and send it again (audited)',
        tags,
        params: c.submissionParams,
        body: c.correctionBody,
        response: { ...actionResponses, 422: apiErrorSchema.describe('Too late, or already accepted') },
      },
    },
    async (req, reply) =>
      done(req, reply, await correctSubmission(ctx, req.params.submissionId, req.body, 'staff')),
  );
};
