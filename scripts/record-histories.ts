// Records histories of finished enrollment workflows into test/histories/, for
// the replay test (test/lifecycle/replay.test.ts): a change to the workflow
// that does not keep these replaying (patched()) fails CI.
//
//   npx tsx scripts/record-histories.ts
//
// Runs the real workflow on a throwaway dev server, in-memory database and
// loopback SMTP, with second-scale policies. Record again only for a new
// kind of history; never re-record to make a failing replay pass.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { startMailCapture } from '../src/platform/mail/capture.js';
import { createMailer } from '../src/platform/mail/mailer.js';
import { systemClock, type AppContext } from '../src/context.js';
import { startDevServer } from '../src/platform/temporal/dev-server.js';
import { createWorker } from '../src/main/temporal-worker.js';
import { createActivities } from '../activities/index.js';
import * as service from '../src/enrollment/service.js';
import { samplePolicy, sampleActivity, sampleAnswers, sampleLearner } from '../test/support/fixtures.js';
import { stateQuery } from '../workflows/messages.js';

const OUT = fileURLToPath(new URL('../test/histories/', import.meta.url));

const env = await startDevServer();
const database = await openDatabase(undefined, 'memory://');
const capture = await startMailCapture();
const mailer = createMailer(capture.url, 'CE Outcomes <ce@record.local>');
const config = loadConfig({
  TEMPORAL_ADDRESS: env.address,
  TEMPORAL_TASK_QUEUE: 'record-histories',
  SMTP_URL: capture.url,
  LOG_LEVEL: 'silent',
});
const ctx: AppContext = {
  config,
  db: database.db,
  temporal: env.client,
  mailer,
  clock: systemClock,
  capture,
};
const worker = await createWorker({
  connection: env.nativeConnection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  activities: createActivities({ db: database.db, mailer, clock: systemClock, config }),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(enrollmentId: string, stage: string): Promise<void> {
  const { workflowId } = (await service.getEnrollment(ctx, enrollmentId)).enrollment;
  for (let i = 0; i < 300; i++) {
    if ((await env.client.workflow.getHandle(workflowId).query(stateQuery)).stage === stage) return;
    await sleep(100);
  }
  throw new Error(`${enrollmentId} never reached ${stage}`);
}
const now = () => new Date().toISOString();

/** The whole story, with a failed first attempt and an answer after the first reminder. */
async function completed(): Promise<string> {
  await service.saveActivity(
    ctx,
    'record-completed',
    sampleActivity({
      policy: {
        ...samplePolicy,
        followUp: { enabled: true, delay: '1s', reminders: ['1s', '6s'], closeAfter: '8s' },
      },
    }),
  );
  const { enrollmentId, workflowId } = await service.enroll(ctx, 'record-completed', sampleLearner(1));
  await service.recordPayment(ctx, enrollmentId, {
    amountCents: 2500,
    currency: 'USD',
    reference: 'rec-1',
    receivedAt: now(),
  });
  await until(enrollmentId, 'attending');
  await service.recordAttendance(ctx, enrollmentId, {
    eventKey: 'm1',
    minutes: 60,
    completed: false,
    recordedAt: now(),
  });
  await service.recordAttendance(ctx, enrollmentId, {
    eventKey: 'm2',
    minutes: 30,
    completed: true,
    recordedAt: now(),
  });
  await until(enrollmentId, 'competence');
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(3) });
  await service.submitCompetence(ctx, enrollmentId, { answers: sampleAnswers(0) });
  await until(enrollmentId, 'evaluation');
  await service.submitEvaluation(ctx, enrollmentId, {
    objectiveRatings: [5, 4, 4],
    relevance: 5,
    freeOfCommercialBias: true,
    commitment: 'Order a toxin test before any stool culture.',
  });
  await until(enrollmentId, 'claim');
  await service.submitClaim(ctx, enrollmentId, {
    claims: [
      { creditType: 'ama_pra_1', credits: 1.5 },
      { creditType: 'acpe', credits: 1.5 },
    ],
  });
  await until(enrollmentId, 'follow_up');
  await capture.waitFor((m) => m.subject.startsWith('Reminder:'), 20_000);
  await service.submitFollowUp(ctx, enrollmentId, {
    implemented: 'partly',
    barriers: ['time'],
    confidence: 4,
  });
  return workflowId;
}

/** Enrolled, never paid. */
async function lapsed(): Promise<string> {
  await service.saveActivity(ctx, 'record-lapsed', sampleActivity());
  const { workflowId } = await service.enroll(ctx, 'record-lapsed', sampleLearner(2));
  return workflowId;
}

/** Paid, attended a little, withdrew with a refund. */
async function withdrawn(): Promise<string> {
  await service.saveActivity(ctx, 'record-withdrawn', sampleActivity());
  const { enrollmentId, workflowId } = await service.enroll(ctx, 'record-withdrawn', sampleLearner(3));
  await service.recordPayment(ctx, enrollmentId, {
    amountCents: 2500,
    currency: 'USD',
    reference: 'rec-3',
    receivedAt: now(),
  });
  await until(enrollmentId, 'attending');
  await service.recordAttendance(ctx, enrollmentId, {
    eventKey: 'm1',
    minutes: 20,
    completed: false,
    recordedAt: now(),
  });
  await service.withdraw(ctx, enrollmentId, { reason: 'changed jobs', refundReference: 'ref-3', at: now() });
  return workflowId;
}

const stories = { completed, lapsed, withdrawn };
try {
  await worker.runUntil(async () => {
    const started = await Promise.all(
      Object.entries(stories).map(async ([name, run]) => ({ name, workflowId: await run() })),
    );
    mkdirSync(OUT, { recursive: true });
    for (const { name, workflowId } of started) {
      const handle = env.client.workflow.getHandle(workflowId);
      const outcome = await handle.result();
      const file = `${OUT}enrollment-${name}.json`;
      // The history message serialises itself as proto3 JSON, the format historyFromJSON reads.
      writeFileSync(file, `${JSON.stringify(await handle.fetchHistory(), null, 1)}\n`);
      console.log(`${name}: outcome ${outcome} → ${file}`);
    }
  });
} finally {
  mailer.close();
  await capture.close();
  await database.close();
  await env.teardown();
}
