// The lifecycle half of the bench, on a stack shaped like production
// (./stack.ts): billable actions of one completed lifecycle, counted from its
// real history, and the worker's resident memory with 0, then more and more
// enrollments open, each asleep in its follow-up timer (the long wait of every
// enrollment: 90 days in production, 2 hours here).
import { performance } from 'node:perf_hooks';
import { billableActions, describeActions, type ActionCount } from './actions.js';
import {
  benchLearner,
  driveLifecycle,
  driveToSleep,
  pool,
  saveAsleepActivity,
  saveBenchActivity,
} from './drive.js';
import { startBenchStack } from './stack.js';

export interface LifecycleFigures {
  actions: ActionCount;
  /** Worker RSS (MB) by enrollments open, the first at 0. */
  rss: { open: number; rssMb: number }[];
  /** Enrollments driven to their follow-up sleep per second (the learners' side, through the service). */
  openedPerSecond: number;
  cachedWorkflows: string;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function lifecycleBench(opts: {
  open: number[];
  concurrency: number;
}): Promise<LifecycleFigures> {
  const stack = await startBenchStack();
  try {
    const worker = await stack.startWorker();
    await saveBenchActivity(stack.ctx, 'life');
    const one = await driveLifecycle(stack.ctx, 'life', benchLearner('life', 0));
    const actions = billableActions(await stack.client.workflow.getHandle(one.workflowId).fetchHistory());

    // The quickest way to the follow-up sleep (see saveAsleepActivity); due in 2 hours.
    await saveAsleepActivity(stack.ctx, 'open', new Date(Date.now() + 3_600_000), '1h');
    await settle(3_000);
    const rss = [{ open: 0, rssMb: worker.rssMb() }];
    let opened = 0;
    let drivingMs = 0;
    for (const target of opts.open) {
      const started = performance.now();
      await pool(target - opened, opts.concurrency, async (i) => {
        await driveToSleep(stack.ctx, 'open', opened + i);
      });
      drivingMs += performance.now() - started;
      opened = target;
      await settle(3_000); // the last workflow tasks finish, the cache settles
      rss.push({ open: opened, rssMb: worker.rssMb() });
    }
    return {
      actions,
      rss,
      openedPerSecond: opened / (drivingMs / 1000 || 1),
      cachedWorkflows: String(stack.config.WORKER_CACHED_WORKFLOWS),
    };
  } finally {
    await stack.close();
  }
}

export function printLifecycles(f: LifecycleFigures): void {
  const zero = f.rss[0].rssMb;
  console.log(
    `\nBillable actions per completed lifecycle (from its history): ${f.actions.total} (target ≤ 20)`,
  );
  console.log(`  ${describeActions(f.actions)}; ${f.actions.workflowTasks} workflow tasks`);
  console.log(
    `\nWorker RSS by enrollments open, asleep in the follow-up timer (WORKER_CACHED_WORKFLOWS=${f.cachedWorkflows}):`,
  );
  f.rss.forEach(({ open, rssMb }, i) => {
    const before = f.rss[i - 1];
    // Past the workflow cache, memory should stop growing: the slope since the previous reading.
    const slope = before
      ? `; ${(((rssMb - before.rssMb) / (open - before.open)) * 1000).toFixed(1)} MB per 1,000 more open since ${before.open}`
      : '';
    console.log(
      `  ${String(open).padStart(6)} open: ${rssMb.toFixed(0).padStart(5)} MB = ${(rssMb / zero).toFixed(2)}x the RSS with none open${slope}`,
    );
  });
  console.log(`  (learners driven to the follow-up sleep at ${f.openedPerSecond.toFixed(1)}/s)`);
}
