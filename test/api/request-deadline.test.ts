// The net under every route: a handler still waiting at the deadline (a query
// on a connection whose server vanished without closing it) answers 503 with
// Retry-After instead of hanging; a handler in time is untouched; and every
// documented route lists the 503.
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerErrorHandler } from '../../src/http/errors.js';
import { registerRequestDeadline, REQUEST_DEADLINE_MS } from '../../src/http/deadline.js';
import { SUBMISSION_WAIT_MS } from '../../src/enrollment/submissions.js';

async function appWithDeadline(ms: number) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerRequestDeadline(app, ms);
  const documented = { response: { 200: z.object({ ok: z.boolean() }) } };
  app.get('/hangs', { schema: documented }, () => new Promise(() => {}));
  app.get('/quick', { schema: documented }, async () => ({ ok: true }));
  app.get('/sends', async (_req, reply) => reply.status(201).send({ ok: true }));
  await app.ready();
  return { app, documented };
}

describe('request deadline', () => {
  it('answers a handler that never finishes with 503 and Retry-After at the deadline', async () => {
    const { app } = await appWithDeadline(300);
    const t0 = Date.now();
    const res = await app.inject({ method: 'GET', url: '/hangs' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.json()).toEqual({
      error: 'no answer within 0.3 s: a server this needs is slow or down; try again shortly',
    });
    await app.close();
  });

  it('leaves handlers that answer in time alone, whether they return or send', async () => {
    const { app } = await appWithDeadline(300);
    expect((await app.inject({ method: 'GET', url: '/quick' })).json()).toEqual({ ok: true });
    const sent = await app.inject({ method: 'GET', url: '/sends' });
    expect(sent.statusCode).toBe(201);
    await app.close();
  });

  it('documents 503 on every route that documents its answers', async () => {
    const { app, documented } = await appWithDeadline(300);
    expect(Object.keys(documented.response)).toEqual(['200', '503']);
    await app.close();
  });

  it('sits above the longest wait on purpose: a submission waiting for its step', () => {
    expect(REQUEST_DEADLINE_MS).toBeGreaterThan(SUBMISSION_WAIT_MS);
  });
});
