// Learner link tokens name their signing key, so LINK_SECRET can rotate: the
// previous secret still opens links already emailed but never signs; an
// expiry beyond the longest a policy allows is refused.
import { describe, expect, it } from 'vitest';
import {
  inspectLinkToken,
  linkKeyId,
  LinkTokenError,
  signLinkToken,
  verifyLinkToken,
} from '../../src/platform/links.js';
import { createHmac } from 'node:crypto';
import { policySchema } from '../../src/domain/policy-schema.js';

const OLD = 'old-secret-0123456789abcdef0123456789abcdef';
const NEW = 'new-secret-fedcba9876543210fedcba9876543210';
const now = new Date('2026-03-01T00:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 86_400;

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof LinkTokenError) return err.problem;
    throw err;
  }
  return 'none';
}

/** A token as minted before key ids existed: payload.mac, no kid. */
function legacyToken(secret: string): string {
  const payload = Buffer.from(JSON.stringify({ sub: 'e-1', purpose: 'competence', exp })).toString(
    'base64url',
  );
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

describe('link keys', () => {
  it('names the signing key in each token', () => {
    const token = signLinkToken({ sub: 'e-1', purpose: 'competence', exp }, NEW);
    expect(inspectLinkToken(token, NEW).kid).toBe(linkKeyId(NEW));
    expect(linkKeyId(NEW)).not.toBe(linkKeyId(OLD));
    expect(linkKeyId(NEW)).not.toContain(NEW.slice(0, 6));
  });

  it('opens links signed with the previous secret after a rotation, and signs only with the new one', () => {
    const emailed = signLinkToken({ sub: 'e-1', purpose: 'competence', exp }, [OLD]);
    const rotated = [NEW, OLD];
    expect(verifyLinkToken(emailed, rotated, 'competence', now).sub).toBe('e-1');
    expect(verifyLinkToken(legacyToken(OLD), rotated, 'competence', now).sub).toBe('e-1');
    const fresh = signLinkToken({ sub: 'e-2', purpose: 'competence', exp }, rotated);
    expect(inspectLinkToken(fresh, rotated).kid).toBe(linkKeyId(NEW));
    // Once the old secret is dropped, its links are refused.
    expect(problemOf(() => verifyLinkToken(emailed, [NEW], 'competence', now))).toBe('tampered');
    expect(problemOf(() => verifyLinkToken(legacyToken(OLD), [NEW], 'competence', now))).toBe('tampered');
  });

  it('refuses a token naming one key but signed with another', () => {
    const token = signLinkToken({ sub: 'e-1', purpose: 'competence', exp }, OLD);
    const [payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const renamed = Buffer.from(JSON.stringify({ ...claims, kid: linkKeyId(NEW) })).toString('base64url');
    const forged = `${renamed}.${createHmac('sha256', OLD).update(renamed).digest('base64url')}`;
    expect(problemOf(() => verifyLinkToken(forged, [NEW, OLD], 'competence', now))).toBe('tampered');
  });

  it('refuses an expiry beyond the longest link a policy allows (400 days), and non-integer expiries', () => {
    const far = signLinkToken({ sub: 'e-1', purpose: 'competence', exp: exp + 401 * 86_400 }, NEW);
    expect(problemOf(() => verifyLinkToken(far, NEW, 'competence', now))).toBe('malformed');
    const huge = signLinkToken({ sub: 'e-1', purpose: 'competence', exp: 1e308 }, NEW);
    expect(problemOf(() => verifyLinkToken(huge, NEW, 'competence', now))).toBe('malformed');
    const within = signLinkToken({ sub: 'e-1', purpose: 'competence', exp: exp + 398 * 86_400 }, NEW);
    expect(verifyLinkToken(within, NEW, 'competence', now).sub).toBe('e-1');
  });

  it('keeps a policy from asking for links longer than that', () => {
    expect(policySchema.safeParse({ windows: { linkExpiry: '400d' } }).success).toBe(true);
    const longer = policySchema.safeParse({ windows: { linkExpiry: '401d' } });
    expect(longer.success).toBe(false);
    expect(longer.error?.issues[0].path.join('.')).toBe('windows.linkExpiry');
  });
});
