// K follow-up emails falling due at once, against raw pooled nodemailer. K
// learners of one live activity (whose follow-up falls due at the same moment
// for all: its end plus the delay) are driven to certified and left asleep;
// the worker is restarted, so its cache is empty as after a real 90-day sleep;
// then the time from the due moment until all K follow-ups reach the loopback
// SMTP server, sent the way production sends them (the claim step queued each
// ahead, due at its moment; the outbox sender of the API process delivers). The baseline: a
// pooled nodemailer transport sending K copies of one of those emails to the
// same server.
import { and, count, eq, inArray, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { performance } from 'node:perf_hooks';
import { emailOutbox, enrollments } from '../src/db/schema/index.js';
import type { CapturedMail } from '../src/platform/mail/capture.js';
import { FOLLOW_UP_WAKE_SPREAD_MS } from '../src/domain/follow-up-wake.js';
import { driveToSleep, pool, saveAsleepActivity } from './drive.js';
import { startBenchStack, type BenchStack } from './stack.js';

export interface BurstFigures {
  k: number;
  burstMs: number;
  rawMs: number;
  /** The restarted worker was still starting when the follow-ups fell due (then its start is counted). */
  lateStartMs: number;
  /** Workflows that had woken and opened the follow-up stage when the last email arrived (the rest wake in their spread). */
  workflowsWoken: number;
  /** CPU of the worker process and of this one (the outbox sender's and the SMTP server's) while the burst went, and while the baseline went. */
  cpuMs: { worker: number; sender: number; workerDuringRaw: number; senderDuringRaw: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
};
const FOLLOW_UP_DELAY_MS = 1000;

/** Opens a live activity (no payment, no check, no credit) and drives `n` learners to certified. */
async function certify(stack: BenchStack, activityId: string, n: number, concurrency: number, endsAt: Date) {
  await saveAsleepActivity(stack.ctx, activityId, endsAt, '1s');
  const started = performance.now();
  await pool(n, concurrency, async (i) => {
    await driveToSleep(stack.ctx, activityId, i);
  });
  return performance.now() - started;
}

async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 600_000) {
  for (const deadline = Date.now() + timeoutMs; !(await done()); await sleep(25))
    if (Date.now() > deadline) throw new Error(`burst bench: ${what} timed out`);
}

export async function burstBench(opts: { k: number; concurrency: number }): Promise<BurstFigures> {
  const stack = await startBenchStack();
  const { db } = stack.ctx;
  const toBurst = (m: CapturedMail) => m.to.some((to) => to.startsWith('burst-'));
  try {
    let worker = await stack.startWorker();
    // The follow-ups must fall due after the last learner is asleep: a first
    // batch tells how long driving takes here and now.
    const paceMs = await certify(
      stack,
      'pace',
      Math.min(opts.k, opts.concurrency),
      opts.concurrency,
      new Date(Date.now() + 3_600_000),
    );
    const dueAt = Date.now() + 2 * paceMs * Math.ceil(opts.k / opts.concurrency) + 20_000;
    await certify(stack, 'burst', opts.k, opts.concurrency, new Date(dueAt - FOLLOW_UP_DELAY_MS));
    // Mail due so far is out (the follow-ups themselves wait in the outbox, queued ahead for their moment).
    await until('the certificate emails', async () => {
      const [row] = await db
        .select({ n: count() })
        .from(emailOutbox)
        .where(
          and(
            inArray(emailOutbox.status, ['held', 'pending', 'sending']),
            lte(emailOutbox.nextAttemptAt, new Date()),
          ),
        );
      return row.n === 0;
    });
    const [early] = await db
      .select({ n: count() })
      .from(enrollments)
      .where(and(eq(enrollments.activityId, 'burst'), inArray(enrollments.stage, ['follow_up', 'closed'])));
    if (early.n > 0)
      throw new Error(`burst bench: ${early.n} follow-ups fell due before all ${opts.k} were asleep`);

    await worker.stop();
    worker = await stack.startWorker();
    const lateStartMs = Math.max(0, Date.now() - dueAt);
    await sleep(dueAt - Date.now());
    const workerCpu = worker.cpuMs();
    const ownCpu = process.cpuUsage();
    // Counted as they arrive, not by scanning every message so far on each look: the
    // scan ran in this process, the sender's and the SMTP server's, while it was busy
    // (0.55 s of its CPU during a 6.6 s burst, in a profile), and the baseline has none.
    const burst: CapturedMail[] = [];
    stack.capture.onMessage = (m) => void (toBurst(m) && burst.push(m));
    await until('the follow-up emails', () => burst.length >= opts.k);
    stack.capture.onMessage = undefined;
    const burstMs = Math.max(...burst.map((m) => m.receivedAt.getTime())) - dueAt;
    const burstCpu = { worker: worker.cpuMs() - workerCpu, sender: cpuMsSince(ownCpu) };
    // Off the emails' path: the workflows open the stage each at its own point in the spread after.
    const [woken] = await db
      .select({ n: count() })
      .from(enrollments)
      .where(and(eq(enrollments.activityId, 'burst'), eq(enrollments.stage, 'follow_up')));
    const workflowsWoken = woken.n;

    // The baseline: the same server, K copies of one follow-up email through a raw pooled transport.
    const sample = burst[0];
    const transport = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: stack.capture.port,
      ignoreTLS: true,
    });
    const rawWorkerCpu = worker.cpuMs();
    const rawOwnCpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.k }, (_, i) =>
        transport.sendMail({
          from: stack.config.MAIL_FROM,
          to: `raw-${i}@bench.test`,
          subject: sample.subject,
          html: sample.html,
          text: sample.text,
        }),
      ),
    );
    const rawMs = performance.now() - started;
    const cpuMs = {
      ...burstCpu,
      workerDuringRaw: worker.cpuMs() - rawWorkerCpu,
      senderDuringRaw: cpuMsSince(rawOwnCpu),
    };
    transport.close();
    return { k: opts.k, burstMs, rawMs, lateStartMs, workflowsWoken, cpuMs };
  } finally {
    await stack.close();
  }
}

export function printBurst(f: BurstFigures): void {
  console.log(
    `\n${f.k} follow-up emails falling due at once (worker cache empty), until all reach the SMTP server:`,
  );
  console.log(`  through the workflows and the outbox: ${(f.burstMs / 1000).toFixed(1)} s`);
  console.log(`  raw pooled nodemailer, ${f.k} copies:  ${(f.rawMs / 1000).toFixed(1)} s`);
  console.log(`  = ${(f.burstMs / f.rawMs).toFixed(1)}x raw nodemailer (target ≤ 2x)`);
  console.log(
    `  (queued ahead at certification; ${f.workflowsWoken} of the ${f.k} workflows had woken to open the stage by then, the rest wake over the next ${FOLLOW_UP_WAKE_SPREAD_MS / 60_000} minutes)`,
  );
  const { worker, sender, workerDuringRaw, senderDuringRaw } = f.cpuMs;
  console.log(
    `  CPU meanwhile: the worker ${(worker / 1000).toFixed(1)} s, the sender's process (with the SMTP server) ${(sender / 1000).toFixed(1)} s; during the raw sends ${(workerDuringRaw / 1000).toFixed(1)} s and ${(senderDuringRaw / 1000).toFixed(1)} s`,
  );
  if (f.lateStartMs > 0)
    console.log(
      `  (the restarted worker was ready ${(f.lateStartMs / 1000).toFixed(1)} s after they fell due; counted)`,
    );
}
