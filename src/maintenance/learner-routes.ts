// The learner's credential maintenance pages behind the signed 'maintenance'
// link (subject: the learner id): the dashboard, the audit PDF, the form that
// adds CE from elsewhere with its evidence file, the learner's own evidence
// files, a cycle's end date, and stopping a credential's reminders. Left out
// of the OpenAPI document: they answer HTML (or a file).
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Routes } from '../http/api.js';
import { Invalid } from '../domain/errors.js';
import { LinkTokenError, verifyLinkToken, type LinkClaims } from '../platform/links.js';
import { html } from '../platform/html.js';
import { learnerPage, pdfPage, refusedInputPage, send } from '../learner/pages/respond.js';
import { linkProblemPage, messagePage, type LearnerPage } from '../learner/pages/link-problem.js';
import { page } from '../learner/pages/layout.js';
import { buildDashboard, credentialOf } from './dashboard.js';
import { addEntry, evidenceFile, listEntries } from './entries.js';
import { formatSize } from './evidence.js';
import { multipartOptions, readUpload } from './upload.js';
import { renderAuditPdf } from './audit-pdf.js';
import { clearMoves, setCycle, setMove, setReminders } from './credential-actions.js';
import { watchCredential, watchLearner } from './watch.js';
import { multipartValidator, evidenceMaxBytes } from './routes.js';
import { dashboardPage, type PageMessage } from './pages/dashboard.js';
import { splitFromForm } from './pages/move-credit.js';
import { entryFormPage } from './pages/entry-form.js';

const query = z.object({
  t: z.string().max(2000).optional(),
  c: z.string().max(200).optional(),
  s: z.string().max(100).optional(),
});
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});
const first = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');

export const maintenanceLearnerRoutes: Routes = async (app, { ctx }: { ctx: AppContext }) => {
  await app.register(multipart, multipartOptions(evidenceMaxBytes(ctx)));
  const config = { auth: 'public' as const };
  const schema = { hide: true, tags: ['learner'], querystring: query };
  app.setErrorHandler((err, _req, reply) => {
    const refused = refusedInputPage(err);
    if (!refused) throw err;
    return reply.send(send(reply, refused));
  });

  /** Runs `open` for the learner the link is for, or answers the link's problem. */
  const withLink = (
    req: FastifyRequest,
    reply: FastifyReply,
    open: (claims: LinkClaims, t: string) => Promise<LearnerPage>,
  ) =>
    learnerPage(req, reply, async () => {
      const { t } = req.query as z.infer<typeof query>;
      if (!t) return linkProblemPage('maintenance', 'malformed', t);
      try {
        return await open(verifyLinkToken(t, ctx.config.LINK_SECRET, 'maintenance', ctx.clock.now()), t);
      } catch (err) {
        if (err instanceof LinkTokenError) return linkProblemPage('maintenance', err.problem, t, err.claims);
        throw err;
      }
    });

  const dashboard = async (learnerId: string, t: string, message?: PageMessage) =>
    dashboardPage(await buildDashboard(ctx, learnerId), await listEntries(ctx.db, learnerId), t, message);
  const maxSize = formatSize(evidenceMaxBytes(ctx));

  app.get('/learn/maintenance', { config, schema }, (req, reply) =>
    withLink(req, reply, (claims, t) => dashboard(claims.sub, t)),
  );

  app.get('/learn/maintenance/pdf', { config, schema }, (req, reply) =>
    withLink(req, reply, async (claims) =>
      pdfPage(
        await renderAuditPdf(await buildDashboard(ctx, claims.sub), ctx.config.PUBLIC_URL),
        'ce-audit.pdf',
      ),
    ),
  );

  app.get('/learn/maintenance/add', { config, schema }, (req, reply) =>
    withLink(req, reply, async (_claims, t) => entryFormPage(t, maxSize)),
  );

  app.post(
    '/learn/maintenance/add',
    { config, schema, validatorCompiler: multipartValidator },
    (req, reply) =>
      withLink(req, reply, async (claims, t) => {
        let fields = {};
        try {
          const upload = await readUpload(req, evidenceMaxBytes(ctx));
          fields = upload.fields;
          await addEntry(ctx, claims.sub, upload, evidenceMaxBytes(ctx));
        } catch (err) {
          if (!(err instanceof Invalid)) throw err;
          const errors = Object.fromEntries(
            (err.fields.length ? err.fields : [{ field: 'body', message: err.message }]).map((f) => [
              f.field.replace(/^body\.?/, '') || 'evidence',
              f.message,
            ]),
          );
          return entryFormPage(t, maxSize, fields, errors);
        }
        await watchLearner(ctx, claims.sub);
        return dashboard(claims.sub, t, { notice: 'Added. It counts toward your credentials below.' });
      }),
  );

  app.get(
    '/learn/maintenance/evidence/:entryId',
    { config, schema: { ...schema, params: z.object({ entryId: z.string().max(100) }) } },
    (req, reply) =>
      withLink(req, reply, async (claims) => {
        const file = await evidenceFile(ctx.db, req.params.entryId, claims.sub).catch(() => undefined);
        if (!file) return messagePage(404, 'File not found', 'This evidence file is not among yours.');
        return {
          status: 200,
          body: Buffer.from(file.content),
          contentType: file.contentType,
          headers: { 'content-disposition': `attachment; filename="${file.filename}"` },
        };
      }),
  );

  app.post('/learn/maintenance/cycle', { config, schema: { ...schema, body: formBody } }, (req, reply) =>
    withLink(req, reply, async (claims, t) => {
      const key = req.query.c ?? '';
      const end = first((req.body as Record<string, unknown>).cycleEndsOn).trim();
      const cycleEndsOn = /^\d{4}-\d{2}-\d{2}$/.test(end) && !Number.isNaN(Date.parse(end)) ? end : undefined;
      if (!cycleEndsOn || end < '1950-01-01' || end > '2100-12-31')
        return messagePage(
          400,
          'We could not take this date',
          'Please go back and enter the date as YYYY-MM-DD, e.g. 2027-12-31.',
        );
      await setCycle(ctx, claims.sub, key, { cycleEndsOn });
      await watchCredential(ctx, claims.sub, key);
      return dashboard(claims.sub, t, { notice: 'The cycle is saved.' });
    }),
  );

  app.get('/learn/maintenance/reminders', { config, schema }, (req, reply) =>
    withLink(req, reply, async (claims, t) => {
      const c = await credentialOf(ctx, claims.sub, req.query.c ?? '');
      const body = html`<h1>Stop reminders</h1>
        <p>Stop the reminders for ${c.description}? Your dashboard keeps working.</p>
        <form method="post" action="/learn/maintenance/reminders?t=${encodeURIComponent(t)}&c=${encodeURIComponent(c.key)}">
          <p><button type="submit">Stop these reminders</button></p>
        </form>`;
      return { status: 200, body: page({ title: 'Stop reminders' }, body) };
    }),
  );

  app.post('/learn/maintenance/reminders', { config, schema: { ...schema, body: formBody } }, (req, reply) =>
    withLink(req, reply, async (claims, t) => {
      const key = req.query.c ?? '';
      await setReminders(ctx, claims.sub, key, false);
      await watchCredential(ctx, claims.sub, key);
      return dashboard(claims.sub, t, { notice: 'Reminders stopped for this credential.' });
    }),
  );

  // Credit moved by hand: a split the rules refuse leaves the allocation as it was and says why.
  app.post('/learn/maintenance/move', { config, schema: { ...schema, body: formBody } }, (req, reply) =>
    withLink(req, reply, async (claims, t) => {
      const { c: key = '', s: sourceId = '' } = req.query;
      try {
        await setMove(ctx, claims.sub, key, sourceId, splitFromForm(req.body as Record<string, unknown>));
      } catch (err) {
        if (!(err instanceof Invalid)) throw err;
        const why = err.fields.map((f) => f.message).join('; ') || err.message;
        return dashboard(claims.sub, t, { warning: `We could not move this credit: ${why}.` });
      }
      await watchCredential(ctx, claims.sub, key);
      return dashboard(claims.sub, t, { notice: 'Your split is saved.' });
    }),
  );

  app.post(
    '/learn/maintenance/moves/reset',
    { config, schema: { ...schema, body: formBody } },
    (req, reply) =>
      withLink(req, reply, async (claims, t) => {
        const key = req.query.c ?? '';
        await clearMoves(ctx, claims.sub, key);
        await watchCredential(ctx, claims.sub, key);
        return dashboard(claims.sub, t, {
          notice: 'Back to the allocation that meets the most requirements.',
        });
      }),
  );
};
