// Certificates: the public verification page, and the staff actions on an
// issued certificate (look up, reissue with a corrected name, revoke), each
// audit-logged in certificate_events.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { CERTIFICATE_KINDS } from '../domain/policy.js';
import { NotFound } from '../domain/errors.js';
import { content, type Routes } from '../http/api.js';
import { apiErrorSchema } from '../http/errors.js';
import { perMinute } from '../http/security.js';
import { learnerPage } from '../learner/pages/respond.js';
import { verificationUrl } from '../platform/links.js';
import type { AppContext } from '../context.js';
import { certificateHistory, reissueCertificate, revokeCertificate } from './admin.js';
import { emailReissuedCertificate } from './notify.js';
import { loadCertificateByNumber, successorOf, type CertificateRow } from './records.js';
import { verificationPage } from './pages/verification.js';

const certificateSchema = z.object({
  number: z.string(),
  status: z.enum(['valid', 'superseded', 'revoked']),
  revision: z.number().int(),
  creditType: z.enum(CERTIFICATE_KINDS),
  credits: z.number(),
  learnerName: z.string(),
  activityTitle: z.string(),
  issuedAt: z.string(),
  verificationUrl: z.string(),
  supersededBy: z.string().nullable().optional(),
});

const historySchema = certificateSchema.extend({
  events: z.array(
    z.object({ action: z.string(), actor: z.string(), reason: z.string().nullable(), at: z.string() }),
  ),
});

function certificateJson(ctx: AppContext, c: CertificateRow): z.infer<typeof certificateSchema> {
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
  .describe(
    'A note on whose behalf, for the audit log; the log always names the caller (the signed-in person or the named key)',
  );

/** The audit log's actor: who called (their key's name), with the note they gave. */
const actorOf = (req: FastifyRequest, note: string | undefined) =>
  note ? `${req.principal!.name} (${note})` : req.principal!.name;
const notFound = apiErrorSchema.describe('No such certificate');

export const certificateRoutes: Routes = async (app, { ctx }) => {
  const tags = ['certificates'];

  app.get(
    '/verify/:code',
    {
      config: { auth: 'public', rateLimit: perMinute(ctx.config.RATE_LIMIT_LEARNER_PAGES) },
      schema: {
        summary: 'Public certificate verification page: valid, superseded or revoked',
        tags,
        params: z.object({ code: z.string() }),
        response: {
          200: content('HTML page naming the status', { 'text/html': z.string() }),
          404: content('No such certificate (HTML page)', { 'text/html': z.string() }),
        },
      },
    },
    (req, reply) => learnerPage(req, reply, () => verificationPage(ctx, req.params.code)) as Promise<string>,
  );

  const config = { auth: 'staff' as const };

  app.get(
    '/certificates/:number',
    {
      config,
      schema: {
        summary: 'A certificate and its audit log',
        tags,
        params: numberParams,
        response: { 200: historySchema.describe('The certificate'), 404: notFound },
      },
    },
    async (req) => {
      const found = await loadCertificateByNumber(ctx.db, req.params.number);
      if (!found) throw new NotFound(`number: no certificate ${req.params.number}`);
      const events = await certificateHistory(ctx.db, found.certificate.id);
      const successor = await successorOf(ctx.db, found.certificate);
      return {
        ...certificateJson(ctx, found.certificate),
        supersededBy: successor?.number ?? null,
        events: events.map((e) => ({
          action: e.action,
          actor: e.actor,
          reason: e.reason,
          at: e.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/certificates/:number/reissue',
    {
      config,
      schema: {
        summary:
          'Reissue a certificate with a corrected name: new number, the old one superseded, the new PDF emailed',
        tags,
        params: numberParams,
        body: z.object({
          learnerName: z.string().trim().min(1).max(200),
          reason: z
            .string()
            .trim()
            .min(1, 'say why the certificate is corrected')
            .max(500)
            .describe('Why it was corrected: stored in the audit log and told to the learner in the email'),
          actor,
        }),
        response: {
          201: z
            .object({ previous: certificateSchema, certificate: certificateSchema, email: z.string() })
            .describe('The new certificate'),
          400: apiErrorSchema.describe('A field missing or bad (the corrected name, the reason)'),
          404: notFound,
          409: apiErrorSchema.describe('Already superseded or revoked'),
        },
      },
    },
    async (req, reply) => {
      const { previous, certificate } = await reissueCertificate(
        ctx.db,
        {
          number: req.params.number,
          learnerName: req.body.learnerName,
          reason: req.body.reason,
          actor: actorOf(req, req.body.actor),
        },
        ctx.clock.now(),
      );
      const email = await emailReissuedCertificate(ctx, previous, certificate, req.body.reason);
      return reply.code(201).send({
        previous: { ...certificateJson(ctx, previous), supersededBy: certificate.number },
        certificate: certificateJson(ctx, certificate),
        email,
      });
    },
  );

  app.post(
    '/certificates/:number/revoke',
    {
      config,
      schema: {
        summary: 'Revoke a certificate, with the reason (audit-logged)',
        tags,
        params: numberParams,
        body: z.object({
          reason: z.string().trim().min(1, 'say why the certificate is revoked').max(500),
          actor,
        }),
        response: {
          200: z
            .object({ certificate: certificateSchema, revokedAt: z.string(), changed: z.boolean() })
            .describe('The revoked certificate'),
          404: notFound,
          409: apiErrorSchema.describe('Superseded: revoke the current number'),
        },
      },
    },
    async (req) => {
      const result = await revokeCertificate(ctx.db, {
        number: req.params.number,
        reason: req.body.reason,
        actor: actorOf(req, req.body.actor),
      });
      return {
        certificate: certificateJson(ctx, result.certificate),
        revokedAt: result.revokedAt.toISOString(),
        changed: result.changed,
      };
    },
  );
};
