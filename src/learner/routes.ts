// Learner pages (signed links, no login), certificate download and public
// verification, the staff reissue/revoke actions, and the transcript API.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { CREDIT_TYPES } from '../domain/policy.js';
import {
  LINK_PURPOSES,
  LinkTokenError,
  verifyLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../platform/links.js';
import type { RouteRegistry } from '../http/route.js';
import { NotFound } from '../domain/errors.js';
import {
  internalErrorPage,
  linkProblemPage,
  messagePage,
  newLinkResultPage,
  type LearnerPage,
} from './pages/link-problem.js';
import { competencePage, submitCompetenceForm } from './pages/competence.js';
import { evaluationPage, submitEvaluationForm } from './pages/evaluation.js';
import { followUpPage, submitFollowUpForm } from './pages/follow-up.js';
import {
  certificateDownload,
  certificatesPage,
  transcriptPage,
  transcriptPdf,
  verificationPage,
} from './pages/certificates.js';
import { sendNewLink } from './links.js';
import type { FormBody } from './form.js';
import { reissueCertificate, revokeCertificate, certificateHistory } from '../certificates/admin.js';
import { loadCertificateByNumber } from '../certificates/records.js';
import { emailReissuedCertificate } from '../certificates/notify.js';
import { buildTranscript, renderTranscriptPdf } from '../certificates/transcript.js';
import { verificationUrl } from '../platform/links.js';

// Personal pages: never cached, never framed, never leak the link as a referrer.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function send(reply: FastifyReply, p: LearnerPage): string | Buffer {
  reply
    .code(p.status)
    .headers({ ...PAGE_HEADERS, ...p.headers })
    .type(p.contentType ?? 'text/html; charset=utf-8');
  return p.body;
}

/** A learner never sees a stack trace or JSON error: anything unexpected is a plain page. */
async function learnerPage(req: FastifyRequest, reply: FastifyReply, build: () => Promise<LearnerPage>) {
  try {
    return send(reply, await build());
  } catch (err) {
    req.log.error(err);
    return send(reply, internalErrorPage());
  }
}

const anyQuery = z.record(z.string(), z.unknown());
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
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

export function registerLearnerRoutes(routes: RouteRegistry, ctx: AppContext): void {
  const purposeParams = z.object({ purpose: z.string() });

  routes.add(
    {
      method: 'GET',
      url: '/learn/:purpose',
      summary: 'A learner page opened from an emailed signed link',
      tags: ['learner'],
      auth: 'public',
      hidden: true,
      params: purposeParams,
      query: anyQuery,
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
    },
    ({ params, query, req, reply }) =>
      learnerPage(req, reply, async () => {
        if (!isPurpose(params.purpose)) return unknownPage();
        const token = str(query.t);
        const claims = checkLink(ctx, params.purpose, token);
        if (isPage(claims)) return claims;
        const t = token!;
        switch (params.purpose) {
          case 'competence':
            return competencePage(ctx, claims.sub, t);
          case 'evaluation':
            return evaluationPage(ctx, claims.sub, t);
          case 'follow_up':
            return followUpPage(ctx, claims.sub, t, str(query.implemented));
          case 'certificate':
            return certificatesPage(ctx, claims.sub, t);
          case 'transcript':
            return transcriptPage(ctx, claims.sub, t);
        }
      }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/learn/:purpose',
      summary: 'A learner form submitted',
      tags: ['learner'],
      auth: 'public',
      hidden: true,
      params: purposeParams,
      body: formBody.default({}),
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
    },
    ({ params, body, req, reply }) =>
      learnerPage(req, reply, async () => {
        if (!isPurpose(params.purpose)) return unknownPage();
        const token = str(body.t);
        const claims = checkLink(ctx, params.purpose, token);
        if (isPage(claims)) return claims;
        const form = body as FormBody;
        switch (params.purpose) {
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

  routes.add(
    {
      method: 'POST',
      url: '/learn/:purpose/new-link',
      summary: 'Email a fresh link for an expired or misdirected one',
      tags: ['learner'],
      auth: 'public',
      hidden: true,
      params: purposeParams,
      body: formBody.default({}),
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
    },
    ({ body, req, reply }) =>
      learnerPage(req, reply, async () => {
        const token = str(body.t) ?? '';
        const outcome = await sendNewLink(ctx, token);
        let purpose: LinkPurpose | undefined;
        try {
          purpose = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')).purpose;
        } catch {
          purpose = undefined;
        }
        return newLinkResultPage(
          outcome,
          outcome === 'sent' && purpose && isPurpose(purpose) ? purpose : undefined,
        );
      }),
  );

  routes.add(
    {
      method: 'GET',
      url: '/learn/certificate/download',
      summary: 'Download one certificate PDF (signed certificate link + its number)',
      tags: ['learner'],
      auth: 'public',
      hidden: true,
      query: anyQuery,
      responses: { 200: { description: 'The certificate', contentType: 'application/pdf' } },
    },
    ({ query, req, reply }) =>
      learnerPage(req, reply, async () => {
        const claims = checkLink(ctx, 'certificate', str(query.t));
        if (isPage(claims)) return claims;
        const result = await certificateDownload(ctx, claims.sub, str(query.n) ?? '');
        if (!('pdf' in result)) return result;
        return {
          status: 200,
          body: Buffer.from(result.pdf),
          contentType: 'application/pdf',
          headers: { 'content-disposition': `attachment; filename="${result.filename}"` },
        };
      }),
  );

  routes.add(
    {
      method: 'GET',
      url: '/learn/transcript/pdf',
      summary: 'The learner transcript as PDF (signed transcript link)',
      tags: ['learner'],
      auth: 'public',
      hidden: true,
      query: anyQuery,
      responses: { 200: { description: 'The transcript', contentType: 'application/pdf' } },
    },
    ({ query, req, reply }) =>
      learnerPage(req, reply, async () => {
        const claims = checkLink(ctx, 'transcript', str(query.t));
        if (isPage(claims)) return claims;
        const pdf = await transcriptPdf(ctx, claims.sub);
        if (!pdf)
          return messagePage(404, 'We could not find your record', 'Please contact your course provider.');
        return {
          status: 200,
          body: Buffer.from(pdf),
          contentType: 'application/pdf',
          headers: { 'content-disposition': 'attachment; filename="transcript.pdf"' },
        };
      }),
  );

  routes.add(
    {
      method: 'GET',
      url: '/verify/:code',
      summary: 'Public certificate verification page: valid, superseded or revoked',
      tags: ['certificates'],
      auth: 'public',
      params: z.object({ code: z.string() }),
      responses: {
        200: { description: 'HTML page naming the status', contentType: 'text/html' },
        404: { description: 'No such certificate (HTML page)' },
      },
    },
    ({ params, req, reply }) => learnerPage(req, reply, () => verificationPage(ctx, params.code)),
  );

  registerCertificateAdminRoutes(routes, ctx);
  registerTranscriptApi(routes, ctx);
}

const certificateSchema = z.object({
  number: z.string(),
  status: z.enum(['valid', 'superseded', 'revoked']),
  revision: z.number().int(),
  creditType: z.enum(CREDIT_TYPES),
  credits: z.number(),
  learnerName: z.string(),
  activityTitle: z.string(),
  issuedAt: z.string(),
  verificationUrl: z.string(),
  supersededBy: z.string().nullable().optional(),
});

function certificateJson(
  ctx: AppContext,
  c: NonNullable<Awaited<ReturnType<typeof loadCertificateByNumber>>>['certificate'],
) {
  return {
    number: c.number,
    status: c.status,
    revision: c.revision,
    creditType: c.creditType,
    credits: c.credits,
    learnerName: c.learnerName,
    activityTitle: c.activityTitle,
    issuedAt: c.issuedAt.toISOString(),
    verificationUrl: verificationUrl(ctx.config.PUBLIC_URL, c.verificationCode),
  };
}

const numberParams = z.object({ number: z.string().min(1).max(40) });
const actor = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .describe('Who did it, for the audit log (default "staff")');

function registerCertificateAdminRoutes(routes: RouteRegistry, ctx: AppContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/certificates/:number',
      summary: 'A certificate and its audit log',
      tags: ['certificates'],
      auth: 'staff',
      params: numberParams,
      responses: {
        200: {
          description: 'The certificate',
          schema: certificateSchema.extend({
            events: z.array(
              z.object({
                action: z.string(),
                actor: z.string(),
                reason: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
        },
        404: { description: 'No such certificate' },
      },
    },
    async ({ params }) => {
      const found = await loadCertificateByNumber(ctx.db, params.number);
      if (!found) throw new NotFound(`number: no certificate ${params.number}`);
      const events = await certificateHistory(ctx.db, found.certificate.id);
      const successor = found.certificate.supersededBy
        ? (
            await ctx.db.query.certificates.findFirst({
              where: (c, { eq }) => eq(c.id, found.certificate.supersededBy!),
            })
          )?.number
        : null;
      return {
        ...certificateJson(ctx, found.certificate),
        supersededBy: successor ?? null,
        events: events.map((e) => ({
          action: e.action,
          actor: e.actor,
          reason: e.reason,
          at: e.at.toISOString(),
        })),
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/certificates/:number/reissue',
      summary:
        'Reissue a certificate with a corrected name: new number, the old one superseded, the new PDF emailed',
      tags: ['certificates'],
      auth: 'staff',
      params: numberParams,
      body: z.object({
        learnerName: z.string().trim().min(1).max(200),
        reason: z.string().trim().max(500).optional(),
        actor,
      }),
      responses: {
        201: {
          description: 'The new certificate',
          schema: z.object({
            previous: certificateSchema,
            certificate: certificateSchema,
            email: z.string(),
          }),
        },
        404: { description: 'No such certificate' },
        409: { description: 'Already superseded or revoked' },
      },
    },
    async ({ params, body, reply }) => {
      const { previous, certificate } = await reissueCertificate(
        ctx.db,
        {
          number: params.number,
          learnerName: body.learnerName,
          reason: body.reason,
          actor: body.actor ?? 'staff',
        },
        ctx.clock.now(),
      );
      const email = await emailReissuedCertificate(ctx, previous, certificate);
      reply.code(201);
      return {
        previous: { ...certificateJson(ctx, previous), supersededBy: certificate.number },
        certificate: certificateJson(ctx, certificate),
        email,
      };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/certificates/:number/revoke',
      summary: 'Revoke a certificate, with the reason (audit-logged)',
      tags: ['certificates'],
      auth: 'staff',
      params: numberParams,
      body: z.object({
        reason: z.string().trim().min(1, 'say why the certificate is revoked').max(500),
        actor,
      }),
      responses: {
        200: {
          description: 'The revoked certificate',
          schema: z.object({ certificate: certificateSchema, revokedAt: z.string(), changed: z.boolean() }),
        },
        404: { description: 'No such certificate' },
        409: { description: 'Superseded: revoke the current number' },
      },
    },
    async ({ params, body }) => {
      const result = await revokeCertificate(ctx.db, {
        number: params.number,
        reason: body.reason,
        actor: body.actor ?? 'staff',
      });
      return {
        certificate: certificateJson(ctx, result.certificate),
        revokedAt: result.revokedAt.toISOString(),
        changed: result.changed,
      };
    },
  );
}

const transcriptSchema = z.object({
  learnerId: z.string(),
  learnerName: z.string(),
  generatedAt: z.string(),
  entries: z.array(
    z.object({
      certificateNumber: z.string(),
      activityId: z.string(),
      activityTitle: z.string(),
      providerName: z.string(),
      format: z.enum(['live', 'enduring']),
      startsAt: z.string(),
      endsAt: z.string(),
      creditType: z.enum(CREDIT_TYPES),
      creditLabel: z.string(),
      credits: z.number(),
      claimedAt: z.string().nullable(),
      issuedAt: z.string(),
      verificationUrl: z.string(),
    }),
  ),
  totals: z.array(
    z.object({ creditType: z.enum(CREDIT_TYPES), creditLabel: z.string(), credits: z.number() }),
  ),
});

function registerTranscriptApi(routes: RouteRegistry, ctx: AppContext): void {
  const params = z.object({ learnerId: z.string().min(1).max(100) });
  routes.add(
    {
      method: 'GET',
      url: '/learners/:learnerId/transcript',
      summary: "A learner's transcript: every current certificate and the credit by type",
      tags: ['certificates'],
      auth: 'enrollment',
      params,
      responses: {
        200: { description: 'The transcript', schema: transcriptSchema },
        404: { description: 'No such learner' },
      },
    },
    async ({ params }) => {
      const t = await buildTranscript(ctx.db, params.learnerId, ctx.config.PUBLIC_URL, ctx.clock.now());
      if (!t) throw new NotFound(`learnerId: no learner "${params.learnerId}"`);
      return t;
    },
  );
  routes.add(
    {
      method: 'GET',
      url: '/learners/:learnerId/transcript.pdf',
      summary: "A learner's transcript as PDF",
      tags: ['certificates'],
      auth: 'enrollment',
      params,
      responses: {
        200: { description: 'The transcript', contentType: 'application/pdf' },
        404: { description: 'No such learner' },
      },
    },
    async ({ params, reply }) => {
      const t = await buildTranscript(ctx.db, params.learnerId, ctx.config.PUBLIC_URL, ctx.clock.now());
      if (!t) throw new NotFound(`learnerId: no learner "${params.learnerId}"`);
      reply.type('application/pdf').header('content-disposition', 'attachment; filename="transcript.pdf"');
      return Buffer.from(await renderTranscriptPdf(t));
    },
  );
}
