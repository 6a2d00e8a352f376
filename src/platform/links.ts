// Learner links: an HMAC-signed token bound to one enrollment and one purpose,
// with an expiry. No name, email or guessable id appears in a URL.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { toMs } from '../domain/duration.js';
import type { Clock } from './clock.js';

export const LINK_PURPOSES = [
  'competence',
  'evaluation',
  'follow_up',
  'certificate',
  'transcript',
  'disclosure',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  /** Enrollment id (uuid); for transcript links, the learner id; for disclosure links, the person's id. */
  sub: string;
  purpose: LinkPurpose;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type LinkTokenProblem = 'malformed' | 'tampered' | 'expired' | 'wrong_purpose';
export class LinkTokenError extends Error {
  constructor(
    readonly problem: LinkTokenProblem,
    readonly claims?: LinkClaims,
  ) {
    super(`link token ${problem.replace('_', ' ')}`);
  }
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

export function signLinkToken(claims: LinkClaims, secret: string): string {
  const payload = b64(JSON.stringify(claims));
  const mac = createHmac('sha256', secret).update(payload).digest();
  return `${payload}.${b64(mac)}`;
}

/**
 * The claims of a token whose signature is good, whatever its purpose or
 * expiry: enough to know whom to send a fresh link. Throws malformed/tampered.
 */
export function inspectLinkToken(token: string, secret: string): LinkClaims {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) throw new LinkTokenError('malformed');
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new LinkTokenError('tampered');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new LinkTokenError('malformed');
  }
  const c = claims as Partial<LinkClaims> | null;
  if (
    !c ||
    typeof c.sub !== 'string' ||
    typeof c.exp !== 'number' ||
    !LINK_PURPOSES.includes(c.purpose as LinkPurpose)
  )
    throw new LinkTokenError('malformed');
  return c as LinkClaims;
}

/** Returns the claims, or throws LinkTokenError saying what is wrong. */
export function verifyLinkToken(
  token: string,
  secret: string,
  purpose: LinkPurpose,
  now = new Date(),
): LinkClaims {
  const claims = inspectLinkToken(token, secret);
  if (claims.purpose !== purpose) throw new LinkTokenError('wrong_purpose', claims);
  if (claims.exp * 1000 < now.getTime()) throw new LinkTokenError('expired', claims);
  return claims;
}

/** The URL a learner follows from an email. */
export function learnerLink(
  publicUrl: string,
  purpose: LinkPurpose,
  token: string,
  extra: Record<string, string> = {},
): string {
  const url = new URL(`/learn/${purpose}`, publicUrl);
  url.searchParams.set('t', token);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url.toString();
}

export function verificationUrl(publicUrl: string, verificationCode: string): string {
  return new URL(`/verify/${verificationCode}`, publicUrl).toString();
}

/** What minting a link needs: where links point, the secret, and the time now. */
export interface LinkMinter {
  config: Pick<Config, 'PUBLIC_URL' | 'LINK_SECRET'>;
  clock: Clock;
}

/** A fresh signed link to a learner page, expiring `linkExpiry` (a policy duration) from now. */
export function mintLink(
  { config, clock }: LinkMinter,
  purpose: LinkPurpose,
  sub: string,
  linkExpiry: string,
  extra: Record<string, string> = {},
): string {
  const exp = Math.floor((clock.now().getTime() + toMs(linkExpiry)) / 1000);
  const token = signLinkToken({ sub, purpose, exp }, config.LINK_SECRET);
  return learnerLink(config.PUBLIC_URL, purpose, token, extra);
}
