// One logger: the request log never holds a learner's link token, a report
// token or a bearer token, and the lines Temporal and activities write reach
// the same pino logger with the workflow id, run id and activity type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { createLogger, useProcessLogger } from '../../src/platform/logger.js';
import { installTemporalLogging } from '../../src/platform/temporal/logging.js';
import { buildServer } from '../../src/http/server.js';
import { signLinkToken } from '../../src/platform/links.js';
import { enrollInNewActivity, payment, reachStage } from '../lifecycle/story.js';
import * as service from '../../src/enrollment/service.js';

/** Every line the logger writes, parsed. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n'), destination };
}

const log = memoryLog();
const logger = createLogger({ LOG_LEVEL: 'debug' }, { destination: log.destination });
let stack: TestStack;

beforeAll(async () => {
  // As a worker process does at start, before anything Temporal exists in this process.
  useProcessLogger(logger);
  installTemporalLogging(logger);
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('the logger', () => {
  it('logs a learner page and a ?token= report URL without the token or the secrets', async () => {
    const app = await buildServer(stack.ctx, logger);
    const linkToken = signLinkToken(
      {
        sub: '00000000-0000-4000-8000-000000000000',
        purpose: 'competence',
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      stack.config.LINK_SECRET,
    );
    const learner = await app.inject({ url: `/learn/competence?t=${encodeURIComponent(linkToken)}` });
    const report = await app.inject({
      url: `/reports/activities/nope?format=json&token=${stack.config.COMMITTEE_TOKEN}`,
    });
    const withHeader = await app.inject({
      url: '/outbox',
      headers: {
        authorization: `Bearer ${stack.config.STAFF_TOKEN}`,
        cookie: 'ceo_session=secret-cookie',
      },
    });
    await app.close();
    expect([learner.statusCode, report.statusCode, withHeader.statusCode]).toEqual([404, 404, 200]);

    const requests = log.lines.filter((l) => l.msg === 'incoming request');
    const urls = requests.map((l) => (l.req as { url: string }).url);
    expect(urls).toContain('/learn/competence?t=[redacted]');
    expect(urls).toContain('/reports/activities/nope?format=json&token=[redacted]');
    const text = log.text();
    for (const secret of [
      linkToken,
      encodeURIComponent(linkToken),
      stack.config.LINK_SECRET,
      stack.config.COMMITTEE_TOKEN,
      stack.config.STAFF_TOKEN,
      'secret-cookie',
    ])
      expect(text).not.toContain(secret);
  });

  it('gets the lines of Temporal and of activities, with workflow id, run id and activity type', async () => {
    const e = await enrollInNewActivity(stack, 1);
    await service.recordPayment(stack.ctx, e.enrollmentId, payment('pay-logged'));
    await reachStage(stack, e.enrollmentId, 'attending');
    // The payment step logs through the activity's context logger.
    const sent = await eventually(async () => {
      const line = log.lines.find((l) => l.msg === 'payment recorded' && l.enrollmentId === e.enrollmentId);
      if (!line) throw new Error('no "payment recorded" line yet');
      return line;
    });
    const { runId } = await stack.client.workflow.getHandle(e.workflowId).describe();
    expect(sent).toMatchObject({
      component: 'temporal',
      workflowId: e.workflowId,
      runId,
      activityType: 'acceptPayment',
    });
    expect(sent).not.toHaveProperty('taskToken');
    // The SDK's own lines about the worker come through the same logger.
    expect(log.lines.some((l) => l.component === 'temporal' && l.sdkComponent === 'worker')).toBe(true);
  });
});
