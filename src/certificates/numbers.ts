// Certificate numbers (public, printed) and verification codes (secret part of
// the verification URL, unguessable).
import { randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I: numbers are read aloud and typed from paper. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newCertificateNumber(issuedAt: Date): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `CEO-${issuedAt.getUTCFullYear()}-${suffix}`;
}

export function newVerificationCode(): string {
  return randomBytes(16).toString('base64url');
}
