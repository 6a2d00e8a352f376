// When the app runs for real (NODE_ENV=production, or PUBLIC_URL not on this
// machine), every shared secret must be a long random value: not a default,
// not a value from .env.example or the README, not a short or patterned one.
// 32 random bytes is `openssl rand -hex 32` (64 characters) or
// `openssl rand -base64 32` (44 characters).

/** The secrets this rule covers. */
export const PRODUCTION_SECRETS = ['API_TOKEN', 'STAFF_TOKEN', 'COMMITTEE_TOKEN', 'LINK_SECRET'] as const;

/** Values shipped in the repository (defaults, .env.example, docs) that must never guard a real deployment. */
const DOCUMENTED = /^dev-|change-?me|example|^(secret|password|token)$/i;

/**
 * Bits of randomness the value could hold at most. Hex and base64 (or
 * base64url) carry 4 and 6 bits a character, whichever characters one draw
 * happened to use: judged by the kinds of characters in it, one random
 * base64url value in about seventy (no letter a-f among its 43) counted short.
 * Anything else, from its length and the kinds of characters in it.
 */
function estimatedBits(value: string): number {
  if (/^(?=.*[a-f])[0-9a-f]+$/.test(value) || /^(?=.*[A-F])[0-9A-F]+$/.test(value)) return value.length * 4;
  if (/^(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9+/_-]+={0,2}$/.test(value))
    return value.replace(/=+$/, '').length * 6;
  const alphabet =
    (/[0-9]/.test(value) ? 10 : 0) +
    (/[a-f]/.test(value) ? 6 : 0) +
    (/[g-z]/.test(value) ? 20 : 0) +
    (/[A-Z]/.test(value) ? 26 : 0) +
    (/[^0-9a-zA-Z]/.test(value) ? 4 : 0);
  return value.length * Math.log2(Math.max(alphabet, 2));
}

/** Why the value is too weak to guard a deployment, or null when it will do. */
export function weakSecretProblem(value: string): string | null {
  if (DOCUMENTED.test(value)) return 'is a default or documented example value';
  if (estimatedBits(value) < 255) return 'is too short: use at least 32 random bytes';
  // Thirty-two random bytes in hex or base64 use well over 12 different characters.
  if (new Set(value).size < 12) return 'repeats too few characters to be random';
  return null;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const isLoopbackUrl = (url: string) => isLoopbackHost(new URL(url).hostname);

/** Why this run counts as production, or null for a run on one machine. */
export function productionReason(env: Record<string, string | undefined>, publicUrl: string): string | null {
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  if (!isLoopbackHost(new URL(publicUrl).hostname)) return `PUBLIC_URL=${publicUrl} (not loopback)`;
  return null;
}
