// Learner pages, opened from signed links in emails (no login): the forms,
// certificate downloads and the transcript. Left out of the OpenAPI document:
// they answer HTML (or a PDF) and never a JSON error.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Routes } from '../http/api.js';
import {
  LINK_PURPOSES,
  LinkTokenError,
  verifyLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../platform/links.js';
import { learnerPage, pdfPage } from './pages/respond.js';
import { linkProblemPage, messagePage, newLinkResultPage, type LearnerPage } from './pages/link-problem.js';
import { competencePage, submitCompetenceForm } from './pages/competence.js';
import { evaluationPage, submitEvaluationForm } from './pages/evaluation.js';
import { followUpPage, submitFollowUpForm } from './pages/follow-up.js';
import { certificateDownload, certificatesPage } from './pages/certificates.js';
import { transcriptPage, transcriptPdf } from './pages/transcript.js';
import { sendNewLink } from './links.js';
import type { FormBody } from './form.js';

const anyQuery = z.record(z.string(), z.unknown());
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});
const purposeParams = z.object({ purpose: z.string() });
const str = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

const isPurpose = (p: string): p is LinkPurpose => (LINK_PURPOSES as readonly string[]).includes(p);

function checkLink(
  ctx: AppContext,
  purpose: LinkPurpose,
  token: string | undefined,
): LinkClaims | LearnerPage {
  if (!token) return linkProblemPage(purpose, 'malformed', token);
  try {
    return verifyLinkToken(token, ctx.config.LINK_SECRET, purpose, ctx.clock.now());
  } catch (err) {
    if (err instanceof LinkTokenError) return linkProblemPage(purpose, err.problem, token, err.claims);
    throw err;
  }
}
const isPage = (x: LinkClaims | LearnerPage): x is LearnerPage => 'status' in x;

const unknownPage = () =>
  messagePage(404, 'Page not found', 'Please open the link straight from your email.');

export const learnerRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'public' as const };
  const hidden = { hide: true, tags: ['learner'] };

  app.get(
    '/learn/:purpose',
    { config, schema: { ...hidden, params: purposeParams, querystring: anyQuery } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const { purpose } = req.params;
        if (!isPurpose(purpose)) return unknownPage();
        const token = str(req.query.t);
        const claims = checkLink(ctx, purpose, token);
        if (isPage(claims)) return claims;
        const t = token!;
        switch (purpose) {
          case 'competence':
            return competencePage(ctx, claims.sub, t);
          case 'evaluation':
            return evaluationPage(ctx, claims.sub, t);
          case 'follow_up':
            return followUpPage(ctx, claims.sub, t, str(req.query.implemented));
          case 'certificate':
            return certificatesPage(ctx, claims.sub, t);
          case 'transcript':
            return transcriptPage(ctx, claims.sub, t);
        }
      }),
  );

  app.post(
    '/learn/:purpose',
    { config, schema: { ...hidden, params: purposeParams, body: formBody } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const { purpose } = req.params;
        if (!isPurpose(purpose)) return unknownPage();
        const token = str(req.body.t);
        const claims = checkLink(ctx, purpose, token);
        if (isPage(claims)) return claims;
        const form = req.body as FormBody;
        switch (purpose) {
          case 'competence':
            return submitCompetenceForm(ctx, claims.sub, token!, form);
          case 'evaluation':
            return submitEvaluationForm(ctx, claims.sub, token!, form);
          case 'follow_up':
            return submitFollowUpForm(ctx, claims.sub, token!, form);
          default:
            return messagePage(405, 'Nothing to submit here', 'This page has no form.');
        }
      }),
  );

  app.post(
    '/learn/:purpose/new-link',
    { config, schema: { ...hidden, params: purposeParams, body: formBody } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const { outcome, purpose } = await sendNewLink(ctx, str(req.body.t) ?? '');
        return newLinkResultPage(outcome, purpose);
      }),
  );

  app.get(
    '/learn/certificate/download',
    { config, schema: { ...hidden, querystring: anyQuery } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const claims = checkLink(ctx, 'certificate', str(req.query.t));
        if (isPage(claims)) return claims;
        const result = await certificateDownload(ctx, claims.sub, str(req.query.n) ?? '');
        return 'pdf' in result ? pdfPage(result.pdf, result.filename) : result;
      }),
  );

  app.get('/learn/transcript/pdf', { config, schema: { ...hidden, querystring: anyQuery } }, (req, reply) =>
    learnerPage(req, reply, async () => {
      const claims = checkLink(ctx, 'transcript', str(req.query.t));
      if (isPage(claims)) return claims;
      const pdf = await transcriptPdf(ctx, claims.sub);
      if (!pdf)
        return messagePage(404, 'We could not find your record', 'Please contact your course provider.');
      return pdfPage(pdf, 'transcript.pdf');
    }),
  );
};
