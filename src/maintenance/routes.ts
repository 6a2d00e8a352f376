// Credential maintenance for the LMS (enrollment token): the dashboard as JSON
// and as the audit PDF, cycle dates, hand-made moves, reminders, and CE from
// elsewhere (multipart, with its evidence file). Evidence files are served to
// staff and to the learner's own page only, never here.
import multipart from '@fastify/multipart';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { FastifySchemaCompiler } from 'fastify';
import type { AppContext } from '../context.js';
import { bytes, content, type Routes } from '../http/api.js';
import * as api from './contract.js';
import { buildDashboard } from './dashboard.js';
import { dashboardJson } from './views.js';
import { clearMoves, setCycle, setMove, setReminders } from './credential-actions.js';
import { addEntry, deleteEntry, listEntries } from './entries.js';
import { multipartOptions, readUpload } from './upload.js';
import { renderAuditPdf } from './audit-pdf.js';
import { watchCredential, watchLearner } from './watch.js';

export const evidenceMaxBytes = (ctx: AppContext) => Math.round(ctx.config.EVIDENCE_MAX_MB * 1_000_000);

/** A multipart body is read by the handler: its schema documents it, zod checks the other parts. */
export const multipartValidator: FastifySchemaCompiler<any> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route as never);

export const maintenanceRoutes: Routes = async (app, { ctx }) => {
  await app.register(multipart, multipartOptions(evidenceMaxBytes(ctx)));
  const config = { auth: 'enrollment' as const };
  const tags = ['credential maintenance'];
  const notFound = api.apiErrorSchema.describe('No such learner, or no such credential of this learner');
  const dashboardOf = async (learnerId: string) => dashboardJson(await buildDashboard(ctx, learnerId));
  const statusOf = async (learnerId: string, key: string) => {
    await watchCredential(ctx, learnerId, key);
    return dashboardJson(await buildDashboard(ctx, learnerId, key)).credentials[0];
  };

  app.get(
    '/learners/:learnerId/maintenance',
    {
      config,
      schema: {
        summary: "A learner's credentials: cycle, earned and needed, per topic, days left, what to take next",
        tags,
        params: api.learnerParams,
        response: { 200: api.dashboardSchema.describe('The dashboard'), 404: notFound },
      },
    },
    (req) => dashboardOf(req.params.learnerId),
  );

  app.get(
    '/learners/:learnerId/maintenance.pdf',
    {
      config,
      schema: {
        summary: "A learner's credential maintenance record as a PDF for a board audit",
        tags,
        params: api.learnerParams,
        response: { 200: content('The audit record', { 'application/pdf': bytes }), 404: notFound },
      },
    },
    async (req, reply) => {
      const pdf = await renderAuditPdf(
        await buildDashboard(ctx, req.params.learnerId),
        ctx.config.PUBLIC_URL,
      );
      reply.type('application/pdf').header('content-disposition', 'attachment; filename="ce-audit.pdf"');
      return Buffer.from(pdf);
    },
  );

  app.put(
    '/learners/:learnerId/credentials/:credentialKey/cycle',
    {
      config,
      schema: {
        summary: "Set a credential's cycle dates (one is enough: the other follows from the cycle length)",
        tags,
        params: api.credentialParams,
        body: api.cycleRequestSchema,
        response: { 200: api.credentialStatusSchema.describe('The credential now'), 404: notFound },
      },
    },
    async (req) => {
      const { learnerId, credentialKey } = req.params;
      await setCycle(ctx, learnerId, credentialKey, req.body);
      return statusOf(learnerId, credentialKey);
    },
  );

  app.put(
    '/learners/:learnerId/credentials/:credentialKey/moves/:sourceId',
    {
      config,
      schema: {
        summary: 'Move credit by hand: how one source splits among the credential’s topic requirements',
        tags,
        params: api.moveParams,
        body: api.moveRequestSchema,
        response: { 200: api.credentialStatusSchema.describe('The credential now'), 404: notFound },
      },
    },
    async (req) => {
      const { learnerId, credentialKey, sourceId } = req.params;
      await setMove(ctx, learnerId, credentialKey, sourceId, req.body.split);
      return statusOf(learnerId, credentialKey);
    },
  );

  app.delete(
    '/learners/:learnerId/credentials/:credentialKey/moves',
    {
      config,
      schema: {
        summary: 'Drop the hand-made moves: back to the allocation that meets the most requirements',
        tags,
        params: api.credentialParams,
        response: { 200: api.credentialStatusSchema.describe('The credential now'), 404: notFound },
      },
    },
    async (req) => {
      const { learnerId, credentialKey } = req.params;
      await clearMoves(ctx, learnerId, credentialKey);
      return statusOf(learnerId, credentialKey);
    },
  );

  app.put(
    '/learners/:learnerId/credentials/:credentialKey/reminders',
    {
      config,
      schema: {
        summary: 'Turn the reminders of a credential on or off',
        tags,
        params: api.credentialParams,
        body: api.remindersRequestSchema,
        response: { 200: api.credentialStatusSchema.describe('The credential now'), 404: notFound },
      },
    },
    async (req) => {
      const { learnerId, credentialKey } = req.params;
      await setReminders(ctx, learnerId, credentialKey, req.body.enabled);
      return statusOf(learnerId, credentialKey);
    },
  );

  app.get(
    '/learners/:learnerId/ce-entries',
    {
      config,
      schema: {
        summary: 'CE from elsewhere the learner added, with its review status',
        tags,
        params: api.learnerParams,
        response: { 200: api.entryListSchema.describe('The entries'), 404: notFound },
      },
    },
    async (req) => ({ entries: await listEntries(ctx.db, req.params.learnerId) }),
  );

  app.post(
    '/learners/:learnerId/ce-entries',
    {
      config,
      validatorCompiler: multipartValidator,
      schema: {
        summary:
          'Add CE from elsewhere (multipart/form-data with the evidence file); nothing is stored on a refusal',
        tags,
        consumes: ['multipart/form-data'],
        params: api.learnerParams,
        body: api.entryMultipartSchema,
        response: {
          201: api.entrySchema.describe('The entry as stored'),
          400: api.apiErrorSchema.describe('A field or the file is refused (the message names it)'),
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const { learnerId } = req.params;
      const entry = await addEntry(
        ctx,
        learnerId,
        await readUpload(req, evidenceMaxBytes(ctx)),
        evidenceMaxBytes(ctx),
      );
      await watchLearner(ctx, learnerId);
      return reply.code(201).send(entry);
    },
  );

  app.delete(
    '/learners/:learnerId/ce-entries/:entryId',
    {
      config,
      schema: {
        summary: 'Remove an entry (and its evidence file)',
        tags,
        params: api.entryParams,
        response: { 200: api.entryListSchema.describe('The entries left'), 404: notFound },
      },
    },
    async (req) => {
      await deleteEntry(ctx.db, req.params.learnerId, req.params.entryId);
      await watchLearner(ctx, req.params.learnerId);
      return { entries: await listEntries(ctx.db, req.params.learnerId) };
    },
  );
};
