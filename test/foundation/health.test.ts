// GET /healthz over the real parts: the shared Temporal dev server, a fresh
// database and a loopback SMTP server; it turns 503 when SMTP goes away.
import { describe, it, expect, afterAll } from 'vitest';
import { z } from 'zod';
import { startStack } from '../support/stack.js';
import { createApi } from '../../src/http/api.js';
import { systemRoutes } from '../../src/http/system-routes.js';

describe('health of the servers the app depends on', async () => {
  const stack = await startStack({ worker: false });
  afterAll(() => stack.close());

  it('reports Temporal, the database and SMTP as ok', async () => {
    const res = await fetch(`${stack.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      temporal: 'ok',
      database: 'ok',
      smtp: 'ok',
      stuckEnrollments: 0,
    });
  });

  it('publishes the OpenAPI document of every route module, health included', async () => {
    const res = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/healthz');
    expect(Object.keys(doc.paths)).not.toContain('/openapi.json');
  });

  it('documents routes registered after the system routes, with their role as security', async () => {
    const app = await createApi(stack.ctx);
    await app.register(systemRoutes, { ctx: stack.ctx });
    app.get(
      '/activities/:activityId',
      {
        config: { auth: 'staff' },
        schema: {
          summary: 'An activity',
          tags: ['activities'],
          params: z.object({ activityId: z.string() }),
          response: { 200: z.object({}).describe('The activity') },
        },
      },
      () => ({}),
    );
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json<{ paths: Record<string, Record<string, { security?: unknown }>> }>();
    expect(doc.paths['/activities/{activityId}'].get.security).toEqual([{ staff: [] }]);
    await app.close();
  });

  it('turns 503 and names SMTP when the mail server stops answering', async () => {
    await stack.capture.close();
    const started = Date.now();
    const res = await fetch(`${stack.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'down',
      temporal: 'ok',
      database: 'ok',
      smtp: 'down',
      stuckEnrollments: 0,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
