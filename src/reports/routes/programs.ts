// Programs and their committees: listed for the committee, changed by CE
// staff through the API (PUT), the CLI and the settings page.
import { z } from 'zod';
import { NotFound } from '../../domain/errors.js';
import type { Routes } from '../../http/api.js';
import { apiErrorSchema } from '../../http/errors.js';
import {
  findProgram,
  listPrograms,
  programIdSchema,
  programInputSchema,
  programSchema,
  saveProgram,
} from '../programs.js';
import { parseMembers, programSettingsPage, programsPage } from '../views/programs-page.js';
import { committee, formatOf, HTML, listField, pageResponse, sendFile, staff, tags } from './shared.js';

const params = z.object({ programId: programIdSchema });
const savedSchema = z.object({ programId: z.string(), created: z.boolean() });
const hidden = { hide: true, tags };

/** The settings form: members one a line, recipients one a line. */
const formBody = programInputSchema.extend({
  committeeEmails: listField(programInputSchema.shape.committeeEmails),
  committeeMembers: z.preprocess(
    (v) => (typeof v === 'string' ? parseMembers(v) : v),
    programInputSchema.shape.committeeMembers,
  ),
});

export const programRoutes: Routes = async (app, { ctx }) => {
  app.get(
    '/reports/programs',
    {
      config: committee,
      schema: {
        summary: 'Every program with its committee, digest recipients, activities and open actions',
        tags,
        querystring: z.object({ format: z.enum(['html', 'json']).optional() }),
        response: { 200: pageResponse(z.object({ programs: z.array(programSchema) }), 'The programs') },
      },
    },
    async (req, reply) => {
      const programs = await listPrograms(ctx.db);
      if (formatOf(req, req.query.format) === 'json') return { programs };
      return sendFile(reply, HTML, programsPage(programs));
    },
  );

  app.put(
    '/reports/programs/:programId',
    {
      config: staff,
      schema: {
        summary: "CE staff: create or update a program's name, committee members and digest recipients",
        tags,
        params,
        body: programInputSchema,
        response: { 200: savedSchema.describe('Updated'), 201: savedSchema.describe('Created') },
      },
    },
    async (req, reply) => {
      const { created } = await saveProgram(ctx.db, req.params.programId, req.body);
      return reply.status(created ? 201 : 200).send({ programId: req.params.programId, created });
    },
  );

  app.get(
    '/reports/programs/:programId/settings',
    {
      config: staff,
      schema: {
        summary: "CE staff: a program's name, committee and digest recipients (the page has the form)",
        tags,
        params,
        querystring: z.object({ saved: z.string().optional(), format: z.enum(['html', 'json']).optional() }),
        response: {
          200: pageResponse(programSchema, 'The program'),
          404: apiErrorSchema.describe('Unknown program'),
        },
      },
    },
    async (req, reply) => {
      const { programId } = req.params;
      const found = await findProgram(ctx.db, programId);
      if (formatOf(req, req.query.format) === 'json') {
        if (!found) throw new NotFound(`programId: no program "${programId}"`);
        return found;
      }
      const program = found ?? {
        id: programId,
        name: programId,
        registered: false,
        committeeEmails: [],
        committeeMembers: [],
        activities: 0,
        openActions: 0,
        lastDigestAt: null,
      };
      return sendFile(reply, HTML, programSettingsPage(program, { saved: req.query.saved !== undefined }));
    },
  );

  app.post(
    '/reports/programs/:programId/settings',
    { config: staff, schema: { ...hidden, params, body: formBody } },
    async (req, reply) => {
      await saveProgram(ctx.db, req.params.programId, req.body);
      return reply.redirect(
        `/reports/programs/${encodeURIComponent(req.params.programId)}/settings?saved`,
        303,
      );
    },
  );

  app.post(
    '/reports/programs',
    {
      config: staff,
      schema: { ...hidden, body: z.object({ id: programIdSchema, name: programInputSchema.shape.name }) },
    },
    async (req, reply) => {
      const existing = await findProgram(ctx.db, req.body.id);
      await saveProgram(ctx.db, req.body.id, {
        name: req.body.name,
        committeeEmails: existing?.committeeEmails ?? [],
        committeeMembers: existing?.committeeMembers ?? [],
      });
      return reply.redirect(`/reports/programs/${encodeURIComponent(req.body.id)}/settings?saved`, 303);
    },
  );
};
