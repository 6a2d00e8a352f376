// Who may call a route: every route names a role in its config (`config: { auth }`),
// one onRequest hook checks the bearer token against it, and the OpenAPI
// document gets the route's security and 401 from the same setting.
// Tokens come from config for now and are compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Config } from '../config.js';
import { apiErrorSchema, Unauthorized } from './errors.js';

export const ROLES = ['enrollment', 'staff', 'committee', 'public'] as const;
export type Role = (typeof ROLES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Required on every route of the app. */
    auth?: Role;
    /**
     * Pages opened from a browser link: the token may also come as ?token= or
     * from the sign-in cookie, and a browser asking for HTML without a good
     * token is sent to this sign-in page instead of a JSON 401.
     */
    signIn?: string;
  }
}

/** Set by the reports sign-in form; sent back only under /reports. */
export const SIGN_IN_COOKIE = 'ceo_report_token';

/** Routes other plugins add (Swagger UI's pages and assets) are public documentation. */
const PUBLIC_PREFIXES = ['/docs'];

type TokenName = 'API_TOKEN' | 'STAFF_TOKEN' | 'COMMITTEE_TOKEN';
const ACCEPTED: Record<Exclude<Role, 'public'>, TokenName[]> = {
  enrollment: ['API_TOKEN', 'STAFF_TOKEN'],
  staff: ['STAFF_TOKEN'],
  committee: ['COMMITTEE_TOKEN', 'STAFF_TOKEN'],
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Same-length digests, so the comparison takes as long whatever the token is. */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether the token opens routes of this role. */
export function tokenAllows(config: Config, role: Role, token: string | undefined): boolean {
  if (role === 'public') return true;
  if (!token) return false;
  // Every candidate is compared, so which one matched does not show in the timing.
  return ACCEPTED[role].map((name) => sameToken(token, config[name])).includes(true);
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
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

function browserToken(req: FastifyRequest): string | undefined {
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof fromQuery === 'string' ? fromQuery : cookie(req, SIGN_IN_COOKIE);
}

/** Documents the role of a route; refuses a route that does not name one. */
function declareRole(route: RouteOptions): void {
  const role = route.config?.auth;
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
  schema.response = { ...schema.response, 401: apiErrorSchema.describe('Missing or wrong bearer token') };
}

export function registerAuth(app: FastifyInstance, config: Config): void {
  app.addHook('onRoute', declareRole);
  app.addHook('onRequest', async (req, reply) => {
    const { auth = 'public', signIn } = req.routeOptions.config;
    if (auth === 'public') return;
    const token = bearer(req.headers.authorization) ?? (signIn ? browserToken(req) : undefined);
    if (tokenAllows(config, auth, token)) return;
    if (signIn && req.method === 'GET' && wantsHtml(req))
      return reply.redirect(`${signIn}?next=${encodeURIComponent(withoutToken(req.url))}`, 303);
    throw new Unauthorized(`authorization: a Bearer token for ${auth} access is required`);
  });
}
