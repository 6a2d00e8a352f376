// Rate limits (@fastify/rate-limit), per client address: sign-in attempts,
// wrong bearer tokens or keys (once over the limit, even the right token waits:
// a guesser learns nothing more), and learner link pages. Each answers 429
// with Retry-After; limits are set low here (RATE_LIMIT_*).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    env: { RATE_LIMIT_SIGN_IN: '3', RATE_LIMIT_AUTH_FAILURES: '4', RATE_LIMIT_LEARNER_PAGES: '5' },
  });
});
afterAll(async () => {
  await stack?.close();
});

const http = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', ...init });

describe('rate limits', () => {
  it('answers 429 to the fourth sign-in attempt in a minute, right key or not', async () => {
    const attempt = (token: string) =>
      http('/reports/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
    const statuses = [];
    for (const token of ['guess-1', 'guess-2', 'guess-3', stack.config.COMMITTEE_TOKEN])
      statuses.push((await attempt(token)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt(stack.config.COMMITTEE_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 429 after four wrong bearer tokens, before looking at the next one', async () => {
    const call = (token: string) => http('/outbox', { headers: { authorization: `Bearer ${token}` } });
    expect((await call(stack.config.STAFF_TOKEN)).status).toBe(200);
    const wrong = [];
    for (let i = 0; i < 4; i++) wrong.push((await call(`guess-${i}-${'x'.repeat(20)}`)).status);
    expect(wrong).toEqual([401, 401, 401, 401]);
    const blocked = await call(stack.config.STAFF_TOKEN);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/^rate limit: too many requests/);
    // Public routes are not held up by someone's failed guesses.
    expect((await http('/openapi.json')).status).toBe(200);
  });

  it('answers the sixth learner link page in a minute with a 429 page', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await http(`/learn/competence?t=not-a-token-${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const page = await http('/learn/competence?t=again');
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await page.text()).toContain('Please wait a moment');
  });
});
