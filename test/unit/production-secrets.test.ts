// Production (NODE_ENV=production, or a PUBLIC_URL that is not this machine)
// refuses to start on a default, documented or weak secret, naming the setting
// in one line; a run on one machine keeps the dev defaults.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { weakSecretProblem } from '../../src/platform/secret-strength.js';

const strong = () => ({
  API_TOKEN: randomBytes(32).toString('hex'),
  STAFF_TOKEN: randomBytes(32).toString('base64'),
  COMMITTEE_TOKEN: randomBytes(32).toString('base64url'),
  LINK_SECRET: randomBytes(32).toString('hex'),
});

/** The values .env.example documents. */
const example = Object.fromEntries(
  readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('loadConfig accepted it');
}

describe('secrets in production', () => {
  it('keeps the dev defaults on one machine', () => {
    expect(loadConfig({}).API_TOKEN).toBe('dev-enrollment-token');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).LINK_SECRET).toContain('dev-');
  });

  it('refuses each default under NODE_ENV=production, naming it', () => {
    const good = strong();
    for (const name of ['API_TOKEN', 'STAFF_TOKEN', 'COMMITTEE_TOKEN', 'LINK_SECRET'] as const) {
      const env = { ...good, NODE_ENV: 'production' } as Record<string, string>;
      delete env[name];
      const line = refusal(env);
      expect(line).toMatch(new RegExp(`^config: ${name} is not set .*NODE_ENV=production`));
      expect(line.split('\n')).toHaveLength(1);
    }
  });

  it('refuses the .env.example values and the dev defaults when PUBLIC_URL is public', () => {
    const publicUrl = 'https://ce.example.org';
    for (const name of ['API_TOKEN', 'STAFF_TOKEN', 'COMMITTEE_TOKEN', 'LINK_SECRET'] as const) {
      expect(example[name]).toBeTruthy();
      const line = refusal({ ...strong(), PUBLIC_URL: publicUrl, [name]: example[name] });
      expect(line).toMatch(new RegExp(`^config: ${name} is a default or documented example value`));
      expect(line).toContain('PUBLIC_URL=https://ce.example.org (not loopback)');
      expect(line).not.toContain(example[name]);
    }
    expect(refusal({ ...strong(), PUBLIC_URL: publicUrl, STAFF_TOKEN: 'dev-staff-token' })).toMatch(
      /^config: STAFF_TOKEN is a default/,
    );
  });

  it('refuses short or patterned values and takes 32 random bytes in hex or base64', () => {
    expect(weakSecretProblem('Tr0ub4dor&3-correct-horse')).toMatch(/too short/);
    expect(weakSecretProblem('a1b2'.repeat(20))).toMatch(/too few characters/);
    expect(weakSecretProblem(randomBytes(16).toString('hex'))).toMatch(/too short/);
    expect(weakSecretProblem(randomBytes(32).toString('hex'))).toBeNull();
    expect(weakSecretProblem(randomBytes(32).toString('base64'))).toBeNull();
    // Whatever characters one draw happens to use: 43 base64url characters without a letter a-f,
    // 64 hex digits in capitals, a thousand draws of each encoding.
    expect(weakSecretProblem('GHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz012')).toBeNull();
    expect(weakSecretProblem(randomBytes(32).toString('hex').toUpperCase())).toBeNull();
    for (let i = 0; i < 1000; i++)
      for (const encoding of ['hex', 'base64', 'base64url'] as const)
        expect(weakSecretProblem(randomBytes(32).toString(encoding))).toBeNull();
    // Still too short: 31 bytes in base64url, 31 in hex; a long value in one case of letters only.
    expect(weakSecretProblem(randomBytes(31).toString('base64url'))).toMatch(/too short/);
    expect(weakSecretProblem(randomBytes(31).toString('hex'))).toMatch(/too short/);
    expect(weakSecretProblem('ghijklmnopqrstuvwxyzghijklmnopqrstuvwxyzghi')).toMatch(/too short/);
    const config = loadConfig({ ...strong(), NODE_ENV: 'production', PUBLIC_URL: 'https://ce.example.org' });
    expect(config.API_TOKEN).toHaveLength(64);
  });
});
