// A learner's transcript for the enrollment system: JSON and PDF.
import { buildTranscript } from '../certificates/transcript.js';
import { renderTranscriptPdf } from '../certificates/pdf/transcript.js';
import type { AppContext } from '../context.js';
import { NotFound } from '../domain/errors.js';
import { bytes, content, type Routes } from '../http/api.js';
import * as api from './contract.js';

async function transcriptOf(ctx: AppContext, learnerId: string) {
  const t = await buildTranscript(ctx.db, learnerId, ctx.config, ctx.clock.now());
  if (!t) throw new NotFound(`learnerId: no learner "${learnerId}"`);
  return t;
}

export const transcriptRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'enrollment' as const };
  const tags = ['certificates'];
  const notFound = api.apiErrorSchema.describe('No such learner');

  app.get(
    '/learners/:learnerId/transcript',
    {
      config,
      schema: {
        summary: "A learner's transcript: every current certificate and the credit by type",
        tags,
        params: api.learnerParams,
        response: { 200: api.transcriptSchema.describe('The transcript'), 404: notFound },
      },
    },
    (req) => transcriptOf(ctx, req.params.learnerId),
  );

  app.get(
    '/learners/:learnerId/transcript.pdf',
    {
      config,
      schema: {
        summary: "A learner's transcript as PDF",
        tags,
        params: api.learnerParams,
        response: {
          200: content('The transcript', { 'application/pdf': bytes }),
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const pdf = await renderTranscriptPdf(await transcriptOf(ctx, req.params.learnerId));
      reply.type('application/pdf').header('content-disposition', 'attachment; filename="transcript.pdf"');
      return Buffer.from(pdf);
    },
  );
};
