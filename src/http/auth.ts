// Who may call a route: every route names a role in its config (`config: { auth }`),
// one onRequest hook finds who is calling (a named API key, a shared token
// from the environment, or a browser session) and checks the role, and the
// OpenAPI document gets the route's security and 401 from the same setting.
// Wrong credentials are counted per client address: past RATE_LIMIT_AUTH_FAILURES
// a minute, the address gets 429 before any credential is even looked at.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../context.js';
import type { ApiRole } from '../domain/roles.js';
import { keyPrincipal, looksLikeKey } from '../identity/keys.js';
import { principalMay, sharedTokenPrincipal, type Principal } from '../identity/principal.js';
import { sessionPrincipal } from '../identity/sessions.js';
import { apiErrorSchema, TooManyRequests, Unauthorized } from './errors.js';
import { readSessionCookie } from './session-cookie.js';

export const ROLES = ['enrollment', 'staff', 'committee', 'public'] as const;
export type Role = ApiRole | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route of the app. */
    auth?: Role;
    /**
     * Pages opened from a browser link: the token may also come as ?token=,
     * and a browser asking for HTML without a good credential is sent to this
     * sign-in page instead of a JSON 401.
     */
    signIn?: string;
    /** false: a cookie-authenticated POST needs no CSRF token (JSON only, cross-origin guarded by CORS). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** Who is calling (set by the auth hook on routes that are not public). */
    principal?: Principal;
  }
}

/** Routes other plugins add (Swagger UI's pages and assets) are public documentation. */
const PUBLIC_PREFIXES = ['/docs'];

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export function wantsHtml(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/** The local path and query without ?token= (pages and redirects must not repeat it). */
export function withoutToken(path: string, format?: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.delete('token');
  if (format) url.searchParams.set('format', format);
  const q = url.searchParams.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}

/** Documents the role of a route; refuses a route that does not name one. */
function declareRole(route: RouteOptions): void {
  const role = route.config?.auth;
  // CORS preflights (@fastify/cors's OPTIONS route) carry no credentials, by the Fetch standard.
  if (!role && route.method === 'OPTIONS') {
    route.config = { ...route.config, auth: 'public' };
    return;
  }
  if (!role) {
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, auth: 'public' };
      return;
    }
    throw new Error(`route ${route.method} ${route.url}: config.auth is required (${ROLES.join(', ')})`);
  }
  if (role === 'public' || !route.schema) return;
  const schema = route.schema as { security?: unknown; response?: Record<string, unknown> };
  schema.security ??= [{ [role]: [] }];
  schema.response = {
    ...schema.response,
    401: apiErrorSchema.describe('Missing or wrong credentials (bearer token or API key)'),
    429: apiErrorSchema.describe('Too many wrong credentials from this address: wait Retry-After seconds'),
  };
}

/** Who a bearer value or ?token= is: a named key, else a shared token. */
export async function credentialPrincipal(ctx: AppContext, value: string): Promise<Principal | undefined> {
  if (looksLikeKey(value)) return keyPrincipal(ctx.db, value, ctx.clock.now());
  return sharedTokenPrincipal(ctx.config, value);
}

/** The credential the request carries and who it belongs to (undefined: none or unknown). */
async function callerOf(
  ctx: AppContext,
  req: FastifyRequest,
  signIn: boolean,
): Promise<{ presented: boolean; principal?: Principal }> {
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.token;
  const value =
    bearer(req.headers.authorization) ?? (signIn && typeof fromQuery === 'string' ? fromQuery : undefined);
  if (value) return { presented: true, principal: await credentialPrincipal(ctx, value) };
  const session = readSessionCookie(req);
  if (session === undefined) return { presented: false };
  if (session === null) return { presented: true }; // a cookie whose signature is wrong
  return { presented: true, principal: await sessionPrincipal(ctx.db, session, ctx.clock.now()) };
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRoute', declareRole);
  const failures = app.createRateLimit({ max: ctx.config.RATE_LIMIT_AUTH_FAILURES, timeWindow: 60_000 });
  app.addHook('onRequest', async (req, reply) => {
    const { auth = 'public', signIn } = req.routeOptions.config;
    if (auth === 'public') return;
    const limit = await failures(req, { increment: false });
    // Used up: the next credential is not even looked at until the window passes.
    if (!limit.isAllowed && (limit.isExceeded || limit.remaining <= 0))
      throw new TooManyRequests(limit.ttlInSeconds);
    const { presented, principal } = await callerOf(ctx, req, !!signIn);
    if (presented && !principal) await failures(req);
    if (principal && principalMay(principal, auth)) {
      req.principal = principal;
      return;
    }
    if (signIn && req.method === 'GET' && wantsHtml(req))
      return reply.redirect(`${signIn}?next=${encodeURIComponent(withoutToken(req.url))}`, 303);
    throw new Unauthorized(`authorization: a Bearer token or API key for ${auth} access is required`);
  });
}
