// PostgreSQL or Temporal goes down under the production API process: every
// request that needs the missing server answers 503 with Retry-After within a
// few seconds (never a 500, never a hang), requests that do not need it are
// answered, and once the server is back the same requests succeed, with
// nothing counted twice.
//
// The API reaches PostgreSQL through a proxy the test closes (as a stopped
// server closes its connections and refuses new ones), and runs against a
// Temporal dev server of this test's own, stopped and started again on its
// same port and state. Needs PostgreSQL: two processes share the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { apiClient, patientActivity, startProcess, toCompetence } from '../support/production.js';
import { sampleAnswers, sampleLearner } from '../support/fixtures.js';
import { freePort, interrupt, type EntryProcess } from './entry-process.js';
import { startDevServer } from '../../src/platform/temporal/dev-server.js';
import { startMailCapture, type MailCapture } from '../../src/platform/mail/capture.js';
import { competenceAttempts } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/config.js';
import { TEMPORAL_CALL_TIMEOUT_MS } from '../../src/platform/temporal/client.js';
import { CONNECT_TIMEOUT_S } from '../../src/db/client.js';
import { REQUEST_DEADLINE_MS } from '../../src/http/deadline.js';
import { linkIn } from '../lifecycle/story.js';

const postgres = Boolean(process.env.DATABASE_URL);
const tokens = loadConfig({});
/**
 * "A few seconds": the longer of the Temporal client's call deadline and the
 * database's connect timeout (3 s each), with room for a loaded CI machine
 * (5.8 s was seen at load ~8), and well under the request deadline's net
 * (15 s), which only catches what those two miss.
 */
const BOUND_MS = Math.max(TEMPORAL_CALL_TIMEOUT_MS, CONNECT_TIMEOUT_S * 1000) + 5000;

let database: TestDatabase;
let proxy: TcpProxy;
let capture: MailCapture;
let temporal: TestWorkflowEnvironment | undefined;
let temporalPort: number;
let temporalState: string;
const processes: EntryProcess[] = [];
let baseUrl: string;

const startTemporal = async () => {
  temporal = await startDevServer({ port: temporalPort, dbFilename: join(temporalState, 'temporal.db') });
};

beforeAll(async () => {
  if (!postgres) return;
  database = await freshDatabase();
  const dbUrl = new URL(database.url!);
  proxy = await startTcpProxy({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) });
  const viaProxy = new URL(dbUrl);
  viaProxy.port = String(proxy.port);
  capture = await startMailCapture();
  temporalPort = await freePort();
  temporalState = mkdtempSync(join(tmpdir(), 'ceo-outages-'));
  await startTemporal();
  const apiPort = await freePort();
  baseUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: `outages-${apiPort}`,
    SMTP_URL: capture.url,
    PUBLIC_URL: baseUrl,
    PORT: String(apiPort),
  };
  // The worker reaches the database directly: only the API loses it.
  processes.push(await startProcess('src/main/worker.ts', { ...env, DATABASE_URL: database.url! }));
  processes.push(await startProcess('src/main/api.ts', { ...env, DATABASE_URL: viaProxy.toString() }));
});

afterAll(async () => {
  for (const p of processes) await interrupt(p);
  await temporal?.teardown();
  await proxy?.close();
  await capture?.close();
  await database?.close();
  if (temporalState) rmSync(temporalState, { recursive: true, force: true });
});

interface Answer {
  status: number;
  retryAfter: string | null;
  ms: number;
  body: string;
}

async function request(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Answer> {
  const t0 = Date.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0, body: text };
}

/** 503, Retry-After, within the bound. */
function expectOutage(what: string, answer: Answer): void {
  expect({ what, status: answer.status, retryAfter: answer.retryAfter }).toEqual({
    what,
    status: 503,
    retryAfter: expect.stringMatching(/^\d+$/),
  });
  expect(answer.ms, `${what} answered in ${answer.ms} ms`).toBeLessThan(BOUND_MS);
  // Answered by the outage's own error, not by the request deadline's net.
  expect(answer.ms).toBeLessThan(REQUEST_DEADLINE_MS);
  expect(answer.body, what).not.toContain('no answer within');
}

describe.skipIf(!postgres)('while PostgreSQL or Temporal is down', { timeout: 300_000 }, () => {
  const activityId = `outages-${process.pid}`;
  let enrollmentId: string;
  let competenceLink: URL;

  it('a learner reaches the competence check (everything up)', async () => {
    const client = apiClient(baseUrl);
    await patientActivity(client, activityId);
    const reached = await toCompetence(client, activityId, 1);
    enrollmentId = reached.enrollmentId;
    const invite = await capture.waitFor(
      (m) => m.to.includes(reached.learner.email) && m.subject.startsWith('Your competence check'),
      60_000,
    );
    competenceLink = linkIn(invite, 'competence');
  });

  it('PostgreSQL down: every request answers 503 with Retry-After within seconds', async () => {
    await proxy.down();
    try {
      const answers: [string, Answer][] = [
        ['GET enrollment', await request('GET', `/enrollments/${enrollmentId}`, tokens.API_TOKEN)],
        [
          'POST enrollment',
          await request('POST', `/activities/${activityId}/enrollments`, tokens.API_TOKEN, {
            learner: sampleLearner(2),
          }),
        ],
        [
          'POST competence',
          await request('POST', `/enrollments/${enrollmentId}/competence`, tokens.API_TOKEN, {
            answers: sampleAnswers(0),
          }),
        ],
        ['GET report', await request('GET', `/reports/activities/${activityId}`, tokens.COMMITTEE_TOKEN)],
        ['GET outbox', await request('GET', '/outbox', tokens.STAFF_TOKEN)],
        [
          'learner page',
          await request('GET', `${competenceLink.pathname}${competenceLink.search}`, undefined),
        ],
        ['healthz', await request('GET', '/healthz', undefined)],
      ];
      for (const [what, answer] of answers) expectOutage(what, answer);
      // The learner sees a page, not JSON; health says which part is down.
      expect(answers[5][1].body).toContain('Please try again in a minute');
      expect(JSON.parse(answers[6][1].body)).toMatchObject({ status: 'down', database: 'down' });
    } finally {
      await proxy.up();
    }
    const back = await request('GET', `/enrollments/${enrollmentId}`, tokens.API_TOKEN);
    expect(back.status).toBe(200);
  });

  it('Temporal down: requests that need it answer 503 within seconds; reads from PostgreSQL still answer', async () => {
    await temporal!.teardown();
    temporal = undefined;
    try {
      const enrollB = await request('POST', `/activities/${activityId}/enrollments`, tokens.API_TOKEN, {
        learner: sampleLearner(2),
      });
      expectOutage('POST enrollment', enrollB);
      const competence = await request('POST', `/enrollments/${enrollmentId}/competence`, tokens.API_TOKEN, {
        answers: sampleAnswers(0),
      });
      expectOutage('POST competence', competence);
      const health = await request('GET', '/healthz', undefined);
      expectOutage('healthz', health);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'down', temporal: 'down', database: 'ok' });
      const state = await request('GET', `/enrollments/${enrollmentId}`, tokens.API_TOKEN);
      expect(state.status).toBe(200);
      expect(state.ms).toBeLessThan(BOUND_MS);
    } finally {
      await startTemporal();
    }
  });

  it('Temporal back: the same requests succeed, and the submission counts once', async () => {
    const client = apiClient(baseUrl);
    // Sent again as it was: the stored submission is signalled now, and graded once.
    const result = await client.submitCompetence(enrollmentId, { answers: sampleAnswers(0) });
    expect(result).toMatchObject({ passed: true, attemptNo: 1 });
    const again = await client.enroll(activityId, { learner: sampleLearner(2) });
    expect(again.enrollmentId).toEqual(expect.any(String));
    const attempts = await database.db
      .select()
      .from(competenceAttempts)
      .where(eq(competenceAttempts.enrollmentId, enrollmentId));
    expect(attempts).toHaveLength(1);
  });
});
