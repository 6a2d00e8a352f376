// The browser's sign-in cookie: the session's random id, signed (@fastify/cookie
// with a key derived from LINK_SECRET, old secrets still verifying), HttpOnly,
// SameSite=Strict, Secure when the site is served over HTTPS, and expiring
// with the session. It never holds a key or token.
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { toMs } from '../domain/duration.js';
import { linkSecrets } from '../platform/links.js';

export const SESSION_COOKIE = 'ceo_session';

/** Cookie-signing keys: one per link secret, so rotating LINK_SECRET keeps sessions open. */
export function cookieSecrets(config: Pick<Config, 'LINK_SECRET' | 'LINK_SECRET_PREVIOUS'>): string[] {
  return linkSecrets(config).map((s) =>
    createHmac('sha256', s).update('ce-outcomes session cookie').digest('base64url'),
  );
}

export const secureCookies = (config: Pick<Config, 'PUBLIC_URL'>) => config.PUBLIC_URL.startsWith('https:');

export function setSessionCookie(reply: FastifyReply, config: Config, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    signed: true,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies(config),
    maxAge: Math.floor(toMs(config.SESSION_TTL) / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies(config),
  });
}

/** The session id: undefined without a cookie, null when its signature is wrong. */
export function readSessionCookie(req: FastifyRequest): string | null | undefined {
  const raw = req.cookies?.[SESSION_COOKIE];
  if (!raw) return undefined;
  const { valid, value } = req.unsignCookie(raw);
  return valid && value ? value : null;
}
