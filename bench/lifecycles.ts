// The lifecycle half of the bench, on a stack shaped like production
// (./stack.ts): billable actions of one completed lifecycle, counted from its
// real history, and the worker's resident memory with 0, then more and more
// enrollments open: each a real row and a real workflow asleep in a real
// wait (the payment's signal or its window's timer, see
// saveAwaitingPaymentActivity), enrolled through the service the API uses.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { billableActions, describeActions, type ActionCount } from './actions.js';
import {
  benchLearner,
  driveLifecycle,
  enrollAwaitingPayment,
  pool,
  saveAwaitingPaymentActivity,
  saveBenchActivity,
} from './drive.js';
import { describeProbe, readRss, untilQuiet } from './memory.js';
import { startBenchStack } from './stack.js';

export interface RssByOpen {
  open: number;
  medianMb: number;
  maxMb: number;
  /** One-minute load average when read (a shared machine). */
  load: number;
  /** Seconds the drive to this many took (enrolling, then the worker's last tasks). */
  driveSeconds: number;
  /** Where the memory is, when the worker runs with bench/memory-probe.mjs. */
  probe: string;
}

export interface LifecycleFigures {
  actions: ActionCount;
  /** Worker RSS (MB) by enrollments open, the first at 0. */
  rss: RssByOpen[];
  /** Enrollments opened per second (enroll calls, the learners' side). */
  openedPerSecond: number;
  sizing: string;
}

/** Until the worker has run the first task of each workflow: the last ones started wait in their timer. */
async function untilAsleep(client: Client, workflowIds: string[]): Promise<void> {
  for (const id of workflowIds) {
    for (const deadline = Date.now() + 300_000; ; await new Promise((r) => setTimeout(r, 500))) {
      const history = await client.workflow.getHandle(id).fetchHistory();
      if (history.events?.some((e) => e.timerStartedEventAttributes)) break;
      if (Date.now() > deadline) throw new Error(`${id} never went to sleep`);
    }
  }
}

export async function lifecycleBench(opts: {
  open: number[];
  /** Enroll calls at once: each mostly waits (PostgreSQL, the workflow start), so more than the learners' 32. */
  concurrency: number;
}): Promise<LifecycleFigures> {
  const stack = await startBenchStack();
  try {
    const worker = await stack.startWorker();
    await saveBenchActivity(stack.ctx, 'life');
    // One whole lifecycle first: the worker has issued a certificate and sent every kind of step.
    const one = await driveLifecycle(stack.ctx, 'life', benchLearner('life', 0));
    const actions = billableActions(await stack.client.workflow.getHandle(one.workflowId).fetchHistory());

    await saveAwaitingPaymentActivity(stack.ctx, 'open');
    await untilQuiet(worker);
    const reading = async (open: number, driveSeconds: number): Promise<RssByOpen> => {
      const rss = await readRss(worker);
      const probe = describeProbe(worker.output(), rss.medianMb);
      return { open, ...rss, load: loadavg()[0], driveSeconds, probe };
    };
    const rss: RssByOpen[] = [await reading(0, 0)];
    let opened = 0;
    let enrollingMs = 0;
    for (const target of opts.open) {
      const started = performance.now();
      const last: string[] = [];
      await pool(target - opened, opts.concurrency, async (i) => {
        const { workflowId } = await enrollAwaitingPayment(stack.ctx, 'open', opened + i);
        if (opened + i >= target - 10) last.push(workflowId);
      });
      enrollingMs += performance.now() - started;
      await untilAsleep(stack.client, last);
      await untilQuiet(worker);
      const driveSeconds = (performance.now() - started) / 1000;
      opened = target;
      rss.push(await reading(opened, driveSeconds));
    }
    const running = await stack.client.workflow.count(
      `TaskQueue="${stack.workerEnv.TEMPORAL_TASK_QUEUE}" AND ExecutionStatus="Running"`,
    );
    if (running.count < opened) throw new Error(`${opened} enrolled but ${running.count} workflows running`);
    const env = stack.workerEnv;
    return {
      actions,
      rss,
      openedPerSecond: opened / (enrollingMs / 1000 || 1),
      sizing: [
        `WORKER_CACHED_WORKFLOWS=${stack.config.WORKER_CACHED_WORKFLOWS}`,
        env.MALLOC_ARENA_MAX ? `MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX}` : '',
        process.env.BENCH_WORKER_NODE_ARGS ? `node ${process.env.BENCH_WORKER_NODE_ARGS}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    };
  } finally {
    await stack.close();
  }
}

export function printLifecycles(f: LifecycleFigures): void {
  const zero = f.rss[0].medianMb;
  console.log(
    `\nBillable actions per completed lifecycle (from its history): ${f.actions.total} (target ≤ 20)`,
  );
  console.log(`  ${describeActions(f.actions)}; ${f.actions.workflowTasks} workflow tasks`);
  console.log(
    `\nWorker RSS by enrollments open, each asleep awaiting its payment (${f.sizing}; median of 5 readings once the worker is idle; target about 300 MB whatever the number):`,
  );
  f.rss.forEach(({ open, medianMb, maxMb, load, driveSeconds, probe }, i) => {
    const before = f.rss[i - 1];
    // Past the workflow cache, memory should stop growing: the slope since the previous reading.
    const slope = before
      ? `; ${(((medianMb - before.medianMb) / (open - before.open)) * 1000).toFixed(1)} MB per 1,000 more open since ${before.open}, driven in ${driveSeconds.toFixed(0)} s`
      : '';
    console.log(
      `  ${String(open).padStart(6)} open: ${medianMb.toFixed(0).padStart(5)} MB (max ${maxMb.toFixed(0)}) = ${(medianMb / zero).toFixed(2)}x the RSS with none open${slope}; load ${load.toFixed(1)}`,
    );
    if (probe) console.log(`         ${probe}`);
  });
  console.log(`  (enrollments opened at ${f.openedPerSecond.toFixed(0)}/s through the enrollment service)`);
}
