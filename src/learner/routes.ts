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
import { learnerPage, outagePage, pdfPage, refusedInputPage, send } from './pages/respond.js';
import {
  enrollmentNotFound,
  linkProblemPage,
  messagePage,
  newLinkResultPage,
  type FormSubmission,
  type LearnerPage,
} from './pages/link-problem.js';
import { loadEnrollmentView, type EnrollmentView } from './enrollment-view.js';
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
  app.setErrorHandler((err, _req, reply) => {
    const refused = refusedInputPage(err) ?? outagePage(err);
    if (!refused) throw err;
    return reply.send(send(reply, refused));
  });

  /** A page behind a signed link: the purpose must exist and the link be good for it. */
  const behindLink = async (
    purpose: string,
    token: string | undefined,
    open: (purpose: LinkPurpose, claims: LinkClaims, token: string) => Promise<LearnerPage>,
  ): Promise<LearnerPage> => {
    // Disclosure links open /disclose/:activityId (src/disclosures/), never a learner page.
    if (!isPurpose(purpose) || purpose === 'disclosure') return unknownPage();
    const claims = checkLink(ctx, purpose, token);
    return isPage(claims) ? claims : open(purpose, claims, token!);
  };
  /** The enrollment a link is for, or a page saying it is gone. */
  const withView = async (enrollmentId: string, open: (view: EnrollmentView) => Promise<LearnerPage>) => {
    const view = await loadEnrollmentView(ctx, enrollmentId);
    return view ? open(view) : enrollmentNotFound();
  };

  app.get(
    '/learn/:purpose',
    { config, schema: { ...hidden, params: purposeParams, querystring: anyQuery } },
    (req, reply) =>
      learnerPage(req, reply, () =>
        behindLink(req.params.purpose, str(req.query.t), async (purpose, claims, t) => {
          if (purpose === 'transcript') return transcriptPage(ctx, claims.sub, t);
          return withView(claims.sub, (view) => {
            switch (purpose) {
              case 'competence':
                return competencePage(ctx, view, t);
              case 'evaluation':
                return evaluationPage(ctx, view, t);
              case 'follow_up':
                return followUpPage(ctx, view, t, str(req.query.implemented), str(req.query.email));
              case 'certificate':
                return certificatesPage(ctx, view, t);
              case 'disclosure':
                return Promise.resolve(unknownPage());
            }
          });
        }),
      ),
  );

  const forms: Partial<Record<LinkPurpose, FormSubmission>> = {
    competence: submitCompetenceForm,
    evaluation: submitEvaluationForm,
    follow_up: submitFollowUpForm,
  };
  app.post(
    '/learn/:purpose',
    { config, schema: { ...hidden, params: purposeParams, body: formBody } },
    (req, reply) =>
      learnerPage(req, reply, () =>
        behindLink(req.params.purpose, str(req.body.t), async (purpose, claims, t) => {
          const submit = forms[purpose];
          if (!submit) return messagePage(405, 'Nothing to submit here', 'This page has no form.');
          return withView(claims.sub, (view) => submit(ctx, view, t, req.body as FormBody));
        }),
      ),
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
