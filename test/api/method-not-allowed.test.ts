// A path the API serves, asked with a method it does not serve there, answers
// 405 with Allow, whatever the method: QUERY and PROPFIND carry bodies, and
// Fastify would otherwise refuse them for a missing content type (a 400).
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerMethodNotAllowed } from '../../src/http/method-not-allowed.js';

async function appServingActivities() {
  const app = Fastify();
  registerMethodNotAllowed(app);
  app.get('/activities/:activityId', async () => ({ ok: true }));
  app.put('/activities/:activityId', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('a method the path does not serve', () => {
  it.each(['QUERY', 'PROPFIND', 'DELETE', 'POST'])(
    'answers %s with 405 and the methods it does serve',
    async (method) => {
      const app = await appServingActivities();
      const res = await app.inject({ method: method as 'POST', url: '/activities/a1?x=1' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, PUT');
      expect(res.json().error).toBe(`method: ${method} is not allowed here; use GET or HEAD or PUT`);
      await app.close();
    },
  );

  it('still answers 404 for a path nothing serves, and serves the methods it does', async () => {
    const app = await appServingActivities();
    expect((await app.inject({ method: 'QUERY' as 'POST', url: '/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/activities/a1' })).json()).toEqual({ ok: true });
    await app.close();
  });
});
