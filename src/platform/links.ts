// Learner links: an HMAC-signed token bound to one enrollment and one purpose,
// with an expiry. No name, email or guessable id appears in a URL.
//
// Each token names the key that signed it (`kid`, a short digest of the
// secret), so LINK_SECRET can rotate: new links are signed with the current
// secret, and links already emailed still verify with the one they name from
// LINK_SECRET_PREVIOUS (never used to sign). Tokens from before key ids are
// tried against every secret. An expiry further ahead than the longest a
// policy allows (MAX_LINK_EXPIRY) is refused, whatever the signature.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { toMs } from '../domain/duration.js';
import { MAX_LINK_EXPIRY } from '../domain/policy.js';
import type { Clock } from './clock.js';

export const LINK_PURPOSES = [
  'competence',
  'evaluation',
  'follow_up',
  'certificate',
  'transcript',
  'maintenance',
  'nabp_profile',
  'disclosure',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  /** Enrollment id (uuid); for transcript and maintenance links, the learner id; for disclosure links, the person's id. */
  sub: string;
  purpose: LinkPurpose;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Id of the signing key (absent in tokens minted before key rotation). */
  kid?: string;
}

/** The secrets links verify with: the current one first (the only one that signs), then retired ones. */
export type LinkSecrets = string | readonly string[];

/** A secret's key id: not secret itself (a digest), and stable while the secret is. */
export function linkKeyId(secret: string): string {
  return createHash('sha256').update(`ce-outcomes link key:${secret}`).digest('base64url').slice(0, 8);
}

/** LINK_SECRET, then each of LINK_SECRET_PREVIOUS. */
export function linkSecrets(config: Pick<Config, 'LINK_SECRET' | 'LINK_SECRET_PREVIOUS'>): string[] {
  return [config.LINK_SECRET, ...config.LINK_SECRET_PREVIOUS];
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

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** Signs with `secret` (a list: its first, the current one), naming its key id. */
export function signLinkToken(claims: LinkClaims, secrets: LinkSecrets): string {
  const secret = typeof secrets === 'string' ? secrets : secrets[0];
  const payload = b64(JSON.stringify({ ...claims, kid: linkKeyId(secret) }));
  return `${payload}.${b64(mac(secret, payload))}`;
}

/** The payload as claims, unverified; malformed when it is not claims. */
function readClaims(payload: string): LinkClaims {
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
    c.sub.length > 200 ||
    !Number.isSafeInteger(c.exp) ||
    (c.kid !== undefined && typeof c.kid !== 'string') ||
    !LINK_PURPOSES.includes(c.purpose as LinkPurpose)
  )
    throw new LinkTokenError('malformed');
  return c as LinkClaims;
}

/**
 * The claims of a token whose signature is good, whatever its purpose or
 * expiry: enough to know whom to send a fresh link. Throws malformed/tampered.
 */
export function inspectLinkToken(token: string, secrets: LinkSecrets): LinkClaims {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) throw new LinkTokenError('malformed');
  const claims = readClaims(payload);
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  // The key the token names; a token without a key id predates rotation: any key may have signed it.
  const candidates = claims.kid === undefined ? all : all.filter((s) => linkKeyId(s) === claims.kid);
  const signature = Buffer.from(given, 'base64url');
  const good = candidates.some((secret) => {
    const expected = mac(secret, payload);
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  });
  if (!good) throw new LinkTokenError('tampered');
  return claims;
}

/** Returns the claims, or throws LinkTokenError saying what is wrong. */
export function verifyLinkToken(
  token: string,
  secrets: LinkSecrets,
  purpose: LinkPurpose,
  now = new Date(),
): LinkClaims {
  const claims = inspectLinkToken(token, secrets);
  // No policy issues a link for longer: such a token was not minted here.
  if (claims.exp * 1000 > now.getTime() + toMs(MAX_LINK_EXPIRY)) throw new LinkTokenError('malformed');
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
  const ms = Math.min(toMs(linkExpiry), toMs(MAX_LINK_EXPIRY));
  const exp = Math.floor((clock.now().getTime() + ms) / 1000);
  const token = signLinkToken({ sub, purpose, exp }, config.LINK_SECRET);
  return learnerLink(config.PUBLIC_URL, purpose, token, extra);
}
