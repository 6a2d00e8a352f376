// The API process is SIGKILLed in the middle of a learner's competence
// submission (stored, maybe signalled, the request waiting for its result)
// and started again; the caller sends the same request again, as the typed
// client does by itself. However the kill falls: one attempt is graded, one
// result email reaches the SMTP server, and the answer is that attempt's.
//
// The production entries (src/main/api.ts, src/main/worker.ts) run as child
// processes on a fresh PostgreSQL database. The worker delivers the mail here
// (OUTBOX_SENDER=worker), so the API's kill never cuts an SMTP exchange: what
// is checked is the submission. Needs PostgreSQL: two processes share it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { apiClient, patientActivity, startProcess, toCompetence } from '../support/production.js';
import { sampleAnswers } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import { freePort, interrupt, type EntryProcess } from '../foundation/entry-process.js';
import { startMailCapture, type MailCapture } from '../../src/platform/mail/capture.js';
import { competenceAttempts, emailOutbox, submissions } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/config.js';

const postgres = Boolean(process.env.DATABASE_URL);
const tokens = loadConfig({});

let database: TestDatabase;
let capture: MailCapture;
let env: Record<string, string>;
let api: EntryProcess;
let worker: EntryProcess;
let baseUrl: string;

beforeAll(async () => {
  if (!postgres) return;
  database = await freshDatabase();
  capture = await startMailCapture();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    DATABASE_URL: database.url!,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `api-killed-${port}`,
    SMTP_URL: capture.url,
    PUBLIC_URL: baseUrl,
    PORT: String(port),
    OUTBOX_SENDER: 'worker',
  };
  worker = await startProcess('src/main/worker.ts', env);
  api = await startProcess('src/main/api.ts', env);
});

afterAll(async () => {
  if (worker?.child.signalCode === null) worker.child.kill('SIGCONT');
  for (const p of [api, worker]) if (p) await interrupt(p);
  await capture?.close();
  await database?.close();
});

/** Resolves once the submission row is stored (the API has it; the kill is mid-request). */
function stored(enrollmentId: string) {
  return eventually(
    async () =>
      (await database.db.select().from(submissions).where(eq(submissions.enrollmentId, enrollmentId)))
        .length > 0,
    30_000,
    5,
  );
}

async function killApiAndRestart(): Promise<void> {
  api.child.kill('SIGKILL');
  expect(await api.exited).toBe(null);
  api = await startProcess('src/main/api.ts', env);
}

/** One graded attempt in PostgreSQL, one submission row, one result email at the SMTP server. */
async function countedOnce(enrollmentId: string, email: string): Promise<void> {
  const attempts = await database.db
    .select()
    .from(competenceAttempts)
    .where(eq(competenceAttempts.enrollmentId, enrollmentId));
  expect(attempts.map((a) => a.attemptNo)).toEqual([1]);
  const rows = await database.db.select().from(submissions).where(eq(submissions.enrollmentId, enrollmentId));
  expect(rows.map((r) => r.status)).toEqual(['recorded']);
  await eventually(async () => {
    const [mail] = await database.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.enrollmentId, enrollmentId), eq(emailOutbox.kind, 'competence_result')));
    return mail?.status === 'sent';
  }, 30_000);
  const results = capture.messages.filter(
    (m) => m.to.includes(email) && m.subject.startsWith('Competence check result'),
  );
  expect(results).toHaveLength(1);
}

describe.skipIf(!postgres)('the API killed mid-submission', { timeout: 400_000 }, () => {
  const activityId = `api-killed-${process.pid}`;

  it('while the worker is held: the retry after the restart answers the one graded attempt', async () => {
    const client = apiClient(baseUrl);
    await patientActivity(client, activityId);
    const { enrollmentId, learner } = await toCompetence(client, activityId, 1);

    worker.child.kill('SIGSTOP'); // the step cannot run: the request waits for it
    const answer = client.submitCompetence(enrollmentId, { answers: sampleAnswers(0) });
    await stored(enrollmentId);
    await killApiAndRestart();
    worker.child.kill('SIGCONT');

    expect(await answer).toMatchObject({ passed: true, attemptNo: 1 });
    await countedOnce(enrollmentId, learner.email);
  });

  it.each([0, 300])(
    'with the worker running, killed %i ms after the submission is stored: one attempt, one email',
    async (delayMs) => {
      const client = apiClient(baseUrl);
      const { enrollmentId, learner } = await toCompetence(client, activityId, 10 + delayMs);
      const answer = client.submitCompetence(enrollmentId, { answers: sampleAnswers(2) });
      await stored(enrollmentId);
      await new Promise((r) => setTimeout(r, delayMs));
      await killApiAndRestart();

      expect(await answer).toMatchObject({ passed: false, attemptNo: 1, attemptsLeft: 1 });
      await countedOnce(enrollmentId, learner.email);
    },
  );

  it('a request sent again without a key after the kill is the same attempt', async () => {
    const client = apiClient(baseUrl);
    const { enrollmentId, learner } = await toCompetence(client, activityId, 2);
    worker.child.kill('SIGSTOP');
    const post = () =>
      fetch(`${baseUrl}/enrollments/${enrollmentId}/competence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: sampleAnswers(0) }),
      });
    const lost = post().catch((err: unknown) => err);
    await stored(enrollmentId);
    await killApiAndRestart();
    worker.child.kill('SIGCONT');
    expect(await lost).toBeInstanceOf(Error); // the connection died with the process

    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ passed: true, attemptNo: 1 });
    await countedOnce(enrollmentId, learner.email);
  });
});
