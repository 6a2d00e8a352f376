// Every HTML page the app serves carries a Content-Security-Policy with
// frame-ancestors and X-Content-Type-Options: nosniff: this walks every GET
// route the app registers (learner pages, reports, sign-in, staff pages,
// captured mail, the API docs) and checks each HTML answer. The captured mail
// answers only a browser on this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import type { TestStack } from '../support/stack.js';
import { appWithRoutes } from '../support/route-walk.js';
import type { Api } from '../../src/http/api.js';
import { stackWithActivity } from './seeded.js';

let stack: TestStack;
let app: Api;
let routes: RouteOptions[] = [];

beforeAll(async () => {
  stack = await stackWithActivity();
  await stack.mailer.send({
    to: 'someone@example.test',
    subject: 'Hello',
    html: '<p>Hi</p>',
    text: 'Hi',
    messageId: '<hello@ce-outcomes.test>',
  });
  ({ app, routes } = await appWithRoutes(stack.ctx));
});
afterAll(async () => {
  await app?.close();
  await stack?.close();
});

/** A concrete path for a route template: ids that exist where it matters. */
function pathOf(url: string): string {
  const values: Record<string, string> = {
    purpose: 'competence',
    activityId: 'act-a',
    programId: 'cardio',
    id: '1',
  };
  return url.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'x').replace(/\*$/, 'index.html');
}

describe('security headers', () => {
  it('sends CSP with frame-ancestors and nosniff on every HTML page', async () => {
    await new Promise((r) => setTimeout(r, 500)); // the captured mail arrives
    // Swagger UI's pages are registered with the app itself, before this test's hook.
    const gets = [...routes.filter((r) => [r.method].flat().includes('GET')), { url: '/docs/' }];
    const htmlPages: string[] = [];
    const missing: string[] = [];
    for (const route of gets) {
      for (const headers of [{}, stack.auth.staff]) {
        const path = pathOf(route.url);
        const res = await app.inject({
          method: 'GET',
          url: path,
          headers: { accept: 'text/html', ...headers },
        });
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        htmlPages.push(route.url);
        const csp = String(res.headers['content-security-policy'] ?? '');
        if (!/frame-ancestors 'none'/.test(csp) || res.headers['x-content-type-options'] !== 'nosniff')
          missing.push(
            `${path} (${res.statusCode}): csp="${csp}" nosniff=${res.headers['x-content-type-options']}`,
          );
      }
    }
    expect(missing).toEqual([]);
    // The walk reached every kind of page.
    for (const page of [
      '/learn/:purpose',
      '/verify/:code',
      '/reports/login',
      '/sign-out',
      '/reports/activities/:activityId',
      '/reports/programs/:programId',
      '/staff/stuck',
      '/mail',
      '/mail/:id',
      '/docs/',
    ])
      expect(htmlPages, page).toContain(page);
  });

  it('answers the captured mail only to a browser on this machine', async () => {
    const local = await app.inject({ method: 'GET', url: '/mail.json' });
    expect(local.statusCode).toBe(200);
    for (const url of ['/mail', '/mail.json', '/mail/1']) {
      const remote = await app.inject({ method: 'GET', url, remoteAddress: '203.0.113.7' });
      expect(remote.statusCode, url).toBe(404);
      expect(remote.body).not.toContain('someone@example.test');
    }
  });
});
