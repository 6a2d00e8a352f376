// Who is calling: a named API key's holder, a signed-in person, or one of the
// shared tokens from the environment (API_TOKEN, STAFF_TOKEN, COMMITTEE_TOKEN),
// which keep working as before and are named after their role in audit logs.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { ROLE_ACCEPTS, type ApiRole } from '../domain/roles.js';

export interface Principal {
  /** Shown in audit logs and on reviews: the key's name, or the shared token's. */
  name: string;
  role: ApiRole;
  /** How the caller proved it: a shared token, a named key, or a browser session. */
  via: 'token' | 'key' | 'session';
  /** The named key, when there is one (sessions started with a named key too). */
  keyId?: string;
  /** The browser session, when the caller has one. */
  sessionId?: string;
}

export function principalMay(principal: Principal, role: ApiRole): boolean {
  return ROLE_ACCEPTS[role].includes(principal.role);
}

const SHARED_TOKENS: {
  setting: 'API_TOKEN' | 'STAFF_TOKEN' | 'COMMITTEE_TOKEN';
  role: ApiRole;
  name: string;
}[] = [
  { setting: 'API_TOKEN', role: 'enrollment', name: 'enrollment system (API_TOKEN)' },
  { setting: 'STAFF_TOKEN', role: 'staff', name: 'CE staff (STAFF_TOKEN)' },
  { setting: 'COMMITTEE_TOKEN', role: 'committee', name: 'committee (COMMITTEE_TOKEN)' },
];

export const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Same-length digests, so the comparison takes as long whatever the token is. */
export function sameSecret(given: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(given), expectedDigest);
}

/** The shared token's principal, if the value is one; every token is compared, so timing tells nothing. */
export function sharedTokenPrincipal(
  config: Pick<Config, 'API_TOKEN' | 'STAFF_TOKEN' | 'COMMITTEE_TOKEN'>,
  token: string,
): Principal | undefined {
  const matches = SHARED_TOKENS.map((t) => (sameSecret(token, sha256(config[t.setting])) ? t : undefined));
  const match = matches.find(Boolean);
  return match ? { name: match.name, role: match.role, via: 'token' } : undefined;
}
