// The typed client sends again, by itself, what the server takes once however
// often it comes (an enrollment, a payment, attendance), when the answer was
// "down, try later" (503) or never came; what would be refused the second time
// (a withdrawal) it sends once and reports the 503. A loopback server answers
// 503 twice, then the real answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CeOutcomesApiError, createCeOutcomesClient } from '../../src/client/index.js';

let server: Server;
let baseUrl: string;
const seen: { method: string; url: string; body: string }[] = [];
let outageAnswers = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body });
      if (outageAnswers > 0) {
        outageAnswers--;
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        return res.end(JSON.stringify({ error: 'the workflow service (Temporal) is not answering' }));
      }
      res.writeHead(req.url!.endsWith('/enrollments') ? 201 : 202, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url!.endsWith('/enrollments')
            ? { enrollmentId: 'e-1', workflowId: 'w', created: true }
            : { accepted: true },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () => createCeOutcomesClient({ baseUrl, token: 't', pendingRetryMs: 10_000 });

describe('the typed client during a short outage', () => {
  it('enrolls, records a payment and attendance once the server answers again, sending the same request', async () => {
    const calls = [
      () => client().enroll('act-1', { learner: { id: 'l-1', name: 'Ana Ruiz', email: 'ana@example.org' } }),
      () => client().recordPayment('e-1', { amountCents: 4900, currency: 'USD', reference: 'order-991' }),
      () => client().recordAttendance('e-1', { eventKey: 'session-1', minutes: 60, completed: true }),
    ];
    for (const send of calls) {
      seen.length = 0;
      outageAnswers = 2;
      await send();
      expect(seen).toHaveLength(3);
      expect(new Set(seen.map((s) => JSON.stringify(s))).size).toBe(1);
    }
  });

  it('sends a withdrawal once and reports the 503 with its Retry-After', async () => {
    seen.length = 0;
    outageAnswers = 1;
    const err = await client()
      .withdraw('e-1', { reason: 'changed jobs' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CeOutcomesApiError);
    expect(err).toMatchObject({ status: 503, retryAfterSeconds: 0 });
    expect(seen).toHaveLength(1);
  });

  it('gives up after its time and reports the last answer', async () => {
    outageAnswers = 1000;
    const quick = createCeOutcomesClient({ baseUrl, token: 't', pendingRetryMs: 600 });
    await expect(
      quick.recordPayment('e-1', { amountCents: 1, currency: 'USD', reference: 'r' }),
    ).rejects.toMatchObject({
      status: 503,
    });
    outageAnswers = 0;
  });
});
