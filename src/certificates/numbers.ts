// Certificate numbers (public, printed, read aloud and typed from paper) and
// verification codes (the secret part of the verification URL). The one
// generator of both: the enrollment workflow's first issue and staff reissues.
import { randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: nothing that reads as another character. */
export const NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** e.g. CEO-2026-7K3QX9: the year of issue and six characters. */
export function newCertificateNumber(issuedAt: Date): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return `CEO-${issuedAt.getUTCFullYear()}-${suffix}`;
}

/** 128 random bits, URL-safe: unguessable. */
export function newVerificationCode(): string {
  return randomBytes(16).toString('base64url');
}
