// What every response and every browser form get, whoever serves them:
// security headers (@fastify/helmet: a CSP, frame-ancestors 'none', nosniff),
// signed cookies (@fastify/cookie), rate limits (@fastify/rate-limit; routes
// opt in with `config.rateLimit`), and a CSRF token (@fastify/csrf-protection,
// bound to the session) on every POST authenticated by the sign-in cookie.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { createHmac } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Config } from '../config.js';
import { cookieSecrets, secureCookies } from './session-cookie.js';
import { apiErrorSchema, TooManyRequests } from './errors.js';

/** For pages we write: only our own styles, images and forms; never framed. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  upgradeInsecureRequests: null,
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The CSRF token made for a page's request, for its forms. */
const csrfTokens = new WeakMap<object, string>();

/** Per-minute limits a route opts into with `config: { rateLimit: perMinute(n) }`. */
export const perMinute = (max: number) => ({ max, timeWindow: 60_000 });

/** A rate-limited route documents its 429. */
function documentRateLimit(route: RouteOptions): void {
  const schema = route.schema as { response?: Record<string, unknown> } | undefined;
  if (!route.config?.rateLimit || !schema) return;
  schema.response = {
    ...schema.response,
    429: apiErrorSchema.describe('Too many requests from this address: wait Retry-After seconds'),
  };
}

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  app.addHook('onRoute', documentRateLimit);
  const secure = secureCookies(config);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: CSP },
    // HSTS only where the site really is HTTPS (a loopback dev server is not).
    strictTransportSecurity: secure ? { maxAge: 31_536_000 } : false,
    // Swagger UI's assets and PDFs are fetched by our own pages only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(cookie, { secret: cookieSecrets(config) });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'ceo_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure, signed: true },
    getUserInfo: (req) => req.principal?.sessionId ?? '',
    csrfOpts: {
      hmacKey: createHmac('sha256', config.LINK_SECRET).update('ce-outcomes csrf').digest('base64url'),
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new TooManyRequests(Math.ceil(context.ttl / 1000)),
  });
  // Every form of a page shown to a signed-in browser carries the CSRF token: made before
  // the handler (it sets its cookie), written into each POST form as the page goes out.
  app.addHook('preHandler', async (req, reply) => {
    if (req.principal?.via === 'session' && req.method === 'GET')
      csrfTokens.set(req, reply.generateCsrf({ userInfo: req.principal.sessionId ?? '' }));
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const token = csrfTokens.get(req);
    if (
      !token ||
      typeof payload !== 'string' ||
      !String(reply.getHeader('content-type')).startsWith('text/html')
    )
      return payload;
    return payload.replace(
      /<form\b[^>]*\bmethod="post"[^>]*>/gi,
      (form) => `${form}<input type="hidden" name="_csrf" value="${token}">`,
    );
  });
  // Once the body is parsed (forms send the token as _csrf), before the route's schema strips it.
  app.addHook('preValidation', (req, reply, done) => {
    const cookieSession = req.principal?.via === 'session';
    if (!cookieSession || !UNSAFE.has(req.method) || req.routeOptions.config.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });
}
