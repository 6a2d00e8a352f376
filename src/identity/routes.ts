// Signing in and out of the browser pages, and the named API keys staff
// create, list and revoke (`npx ce-outcomes keys …` calls these).
import { z } from 'zod';
import { toMs } from '../domain/duration.js';
import { API_ROLES, KEY_KINDS } from '../domain/roles.js';
import type { Routes } from '../http/api.js';
import { credentialPrincipal } from '../http/auth.js';
import { apiErrorSchema } from '../http/errors.js';
import { perMinute } from '../http/security.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from './keys.js';
import { principalMay } from './principal.js';
import { endSession, startSession } from './sessions.js';
import { signedOutPage, signInPage, signOutPage } from './pages/sign-in.js';

export const SIGN_IN = '/reports/login';
const html = 'text/html; charset=utf-8';

/** Only local report and staff paths: never an open redirect. */
const localNext = (asked: string | undefined) =>
  asked && /^\/(reports|reporting|staff)(\/|$|\?)/.test(asked) ? asked : '/reports';

const keyInfoSchema = z.object({
  id: z.uuid(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart'),
  name: z.string(),
  kind: z.enum(KEY_KINDS),
  role: z.enum(API_ROLES),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
const keyJson = (k: ApiKeyInfo): z.infer<typeof keyInfoSchema> => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const identityRoutes: Routes = async (app, { ctx }) => {
  const hidden = { hide: true, tags: ['reports'] };

  app.get(
    SIGN_IN,
    {
      config: { auth: 'public', rateLimit: perMinute(ctx.config.RATE_LIMIT_LEARNER_PAGES) },
      schema: { ...hidden, querystring: z.object({ next: z.string().max(2000).optional() }) },
    },
    (req, reply) => reply.type(html).send(signInPage(localNext(req.query.next))),
  );

  app.post(
    SIGN_IN,
    {
      config: { auth: 'public', rateLimit: perMinute(ctx.config.RATE_LIMIT_SIGN_IN) },
      schema: {
        ...hidden,
        body: z.object({ token: z.string().min(1).max(200), next: z.string().max(2000).optional() }),
      },
    },
    async (req, reply) => {
      const next = localNext(req.body.next);
      const principal = await credentialPrincipal(ctx, req.body.token);
      if (!principal || !principalMay(principal, 'committee'))
        return reply.status(401).type(html).send(signInPage(next, 'That key is not valid for the reports.'));
      const ttl = toMs(ctx.config.SESSION_TTL);
      setSessionCookie(reply, ctx.config, await startSession(ctx.db, principal, ttl, ctx.clock.now()));
      return reply.redirect(next, 303);
    },
  );

  const signedIn = { auth: 'committee' as const, signIn: SIGN_IN };
  // Its form gets the CSRF token as every signed-in page's forms do (src/http/security.ts).
  app.get('/sign-out', { config: signedIn, schema: hidden }, async (req, reply) =>
    reply.type(html).header('cache-control', 'no-store').send(signOutPage(req.principal!.name)),
  );

  app.post(
    '/sign-out',
    {
      config: signedIn,
      schema: { ...hidden, body: z.object({ _csrf: z.string().max(200).optional() }).optional() },
    },
    async (req, reply) => {
      const session = readSessionCookie(req);
      if (session) await endSession(ctx.db, session, ctx.clock.now());
      clearSessionCookie(reply, ctx.config);
      return reply.type(html).send(signedOutPage());
    },
  );

  const staff = { auth: 'staff' as const };
  const tags = ['access'];

  app.post(
    '/api-keys',
    {
      config: staff,
      schema: {
        summary: 'Creates a named API key for a system or a person, with a role; the key is shown only here',
        tags,
        body: z.object({
          name: z.string().trim().min(1).max(100).describe('Who or what holds it, e.g. "Dr. Amara Okafor"'),
          kind: z.enum(KEY_KINDS).describe('system (an integration) or person (signs in as themselves)'),
          role: z.enum(API_ROLES),
        }),
        response: {
          201: keyInfoSchema
            .extend({ key: z.string().describe('The key itself: shown once, stored only as a digest') })
            .describe('Created'),
        },
      },
    },
    async (req, reply) => {
      const { key, info } = await createApiKey(ctx.db, req.body, req.principal!.name);
      return reply.status(201).send({ ...keyJson(info), key });
    },
  );

  app.get(
    '/api-keys',
    {
      config: staff,
      schema: {
        summary: 'Every named API key, revoked ones included (never the keys themselves)',
        tags,
        response: { 200: z.object({ keys: z.array(keyInfoSchema) }).describe('The keys') },
      },
    },
    async () => ({ keys: (await listApiKeys(ctx.db)).map(keyJson) }),
  );

  app.post(
    '/api-keys/:keyId/revoke',
    {
      config: staff,
      schema: {
        summary: 'Revokes a named API key at once; browser sessions started with it end too',
        tags,
        params: z.object({ keyId: z.uuid() }),
        response: {
          200: keyInfoSchema.describe('Revoked'),
          404: apiErrorSchema.describe('No such key'),
          409: apiErrorSchema.describe('Already revoked'),
        },
      },
    },
    async (req) =>
      keyJson(await revokeApiKey(ctx.db, req.params.keyId, req.principal!.name, ctx.clock.now())),
  );
};
