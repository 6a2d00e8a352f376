// Staff's side of credential maintenance: the requirements each credential
// follows (seeded from RULES.md, edited here), and the review of CE from
// elsewhere (verify it, or ask for more with a note the learner is emailed),
// with the evidence file, which only staff and the learner's own page serve.
import type { AppContext } from '../context.js';
import type { Routes } from '../http/api.js';
import { bytes, content } from '../http/api.js';
import * as api from './contract.js';
import { deleteRequirement, getRequirement, listRequirements, putRequirement } from './requirements.js';
import { entriesByStatus, evidenceFile, reviewEntry } from './entries.js';
import { queueReviewEmail } from './review-email.js';
import { watchLearner } from './watch.js';

export const maintenanceStaffRoutes: Routes = async (app, { ctx }: { ctx: AppContext }) => {
  const config = { auth: 'staff' as const };
  const tags = ['credential maintenance (staff)'];
  const notFound = (what: string) => api.apiErrorSchema.describe(`No such ${what}`);

  app.get(
    '/credential-requirements',
    {
      config,
      schema: {
        summary:
          'The requirements each licence or certification follows (ASCP CMP, California, Florida, ...)',
        tags,
        response: { 200: api.requirementListSchema.describe('Every requirement set') },
      },
    },
    async () => ({ requirements: await listRequirements(ctx.db) }),
  );

  app.get(
    '/credential-requirements/:requirementId',
    {
      config,
      schema: {
        summary: 'One requirement set',
        tags,
        params: api.requirementParams,
        response: {
          200: api.requirementSchema.describe('The requirement set'),
          404: notFound('requirement'),
        },
      },
    },
    (req) => getRequirement(ctx.db, req.params.requirementId),
  );

  app.put(
    '/credential-requirements/:requirementId',
    {
      config,
      schema: {
        summary: 'Create or replace a requirement set (the dashboards and reminders follow it at once)',
        tags,
        params: api.requirementParams.extend({ requirementId: api.requirementIdSchema }),
        body: api.requirementBodySchema,
        response: {
          200: api.requirementSavedSchema.describe('Replaced'),
          201: api.requirementSavedSchema.describe('Created'),
        },
      },
    },
    async (req, reply) => {
      const saved = await putRequirement(ctx.db, req.params.requirementId, req.body);
      return reply.code(saved.created ? 201 : 200).send(saved);
    },
  );

  app.delete(
    '/credential-requirements/:requirementId',
    {
      config,
      schema: {
        summary: 'Remove a requirement set',
        tags,
        params: api.requirementParams,
        response: {
          200: api.requirementListSchema.describe('The requirement sets left'),
          404: notFound('requirement'),
        },
      },
    },
    async (req) => {
      await deleteRequirement(ctx.db, req.params.requirementId);
      return { requirements: await listRequirements(ctx.db) };
    },
  );

  app.get(
    '/ce-entries',
    {
      config,
      schema: {
        summary: 'CE from elsewhere by review status (default: submitted, waiting for staff)',
        tags,
        querystring: api.entryStatusQuery,
        response: { 200: api.entryListSchema.describe('The entries, oldest first') },
      },
    },
    async (req) => ({ entries: await entriesByStatus(ctx.db, req.query.status) }),
  );

  app.post(
    '/ce-entries/:entryId/review',
    {
      config,
      schema: {
        summary: 'Mark an entry verified, or ask for more (the note says what; the learner is emailed)',
        tags,
        params: api.staffEntryParams,
        body: api.reviewRequestSchema,
        response: { 200: api.entrySchema.describe('The entry now'), 404: notFound('entry') },
      },
    },
    async (req) => {
      const entry = await reviewEntry(ctx, req.params.entryId, req.body);
      if (entry.status === 'needs_more') await queueReviewEmail(ctx, entry, ctx.clock.now());
      await watchLearner(ctx, entry.learnerId);
      return entry;
    },
  );

  app.get(
    '/ce-entries/:entryId/evidence',
    {
      config,
      schema: {
        summary: 'The evidence file of an entry (PDF or picture), as uploaded',
        tags,
        params: api.staffEntryParams,
        response: {
          200: content('The file', { 'application/pdf': bytes, 'image/*': bytes }),
          404: notFound('entry'),
        },
      },
    },
    async (req, reply) => {
      const file = await evidenceFile(ctx.db, req.params.entryId);
      reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('x-content-type-options', 'nosniff');
      return file.content;
    },
  );
};
