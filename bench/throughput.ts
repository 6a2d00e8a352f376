// Lifecycles per second through the real enrollment workflow against a bare
// workflow with the same signals, timers and no-op activities (./bare/), the
// same number of lifecycles at the same concurrency on the same dev server,
// one after the other, each with its own worker process.
import { performance } from 'node:perf_hooks';
import { billableActions, describeActions, type ActionCount } from './actions.js';
import { benchLearner, driveLifecycle, pool, saveBenchActivity } from './drive.js';
import { startBenchProcess } from './processes.js';
import { startBenchStack, workerNodeArgs } from './stack.js';
import type { Client } from '@temporalio/client';

export interface Rate {
  perSecond: number;
  /** Worker CPU (user + system) per lifecycle, ms. */
  cpuMs: number;
  actions: ActionCount;
}

export interface ThroughputFigures {
  lifecycles: number;
  concurrency: number;
  real: Rate;
  bare: Rate;
}

/** Times `n` lifecycles (after one untimed, whose history is counted) and the worker's CPU for them. */
async function measure(
  n: number,
  concurrency: number,
  worker: { cpuMs(): number },
  lifecycle: (i: number) => Promise<string>,
  client: Client,
): Promise<Rate> {
  const first = await lifecycle(-1);
  const actions = billableActions(await client.workflow.getHandle(first).fetchHistory());
  const cpu = worker.cpuMs();
  const started = performance.now();
  await pool(n, concurrency, async (i) => void (await lifecycle(i)));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: n / seconds, cpuMs: (worker.cpuMs() - cpu) / n, actions };
}

const POLL_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bare steps as the bare worker reports them: `${workflowId} ${step}`. */
function stepListener() {
  const seen = new Set<string>();
  const waiting = new Map<string, () => void>();
  return {
    arrived({ workflowId, step }: { workflowId: string; step: string }) {
      const key = `${workflowId} ${step}`;
      seen.add(key);
      waiting.get(key)?.();
    },
    reached(workflowId: string, step: string): Promise<void> {
      const key = `${workflowId} ${step}`;
      if (seen.has(key)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(key, resolve));
    },
  };
}

export async function throughputBench(opts: {
  lifecycles: number;
  concurrency: number;
}): Promise<ThroughputFigures> {
  const stack = await startBenchStack();
  try {
    const worker = await stack.startWorker();
    await saveBenchActivity(stack.ctx, 'rate');
    const real = await measure(
      opts.lifecycles,
      opts.concurrency,
      worker,
      async (i) => (await driveLifecycle(stack.ctx, 'rate', benchLearner('rate', i))).workflowId,
      stack.client,
    );
    await worker.stop();

    const taskQueue = `${stack.workerEnv.TEMPORAL_TASK_QUEUE}-bare`;
    const bareWorker = await startBenchProcess(
      'bench/bare/worker.ts',
      {
        TEMPORAL_ADDRESS: stack.workerEnv.TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: taskQueue,
        WORKER_CACHED_WORKFLOWS: String(stack.config.WORKER_CACHED_WORKFLOWS),
        DATABASE_POOL_SIZE: String(stack.config.DATABASE_POOL_SIZE),
        // Launched as the production worker is (bench/stack.ts).
        MALLOC_ARENA_MAX: stack.workerEnv.MALLOC_ARENA_MAX,
      },
      'bare worker: polling',
      { ipc: true, nodeArgs: workerNodeArgs() },
    );
    const steps = stepListener();
    bareWorker.child.on('message', steps.arrived);
    // Driven as drive.ts drives the real one: each message once the previous step has run.
    const followUpDelayMs = 1000; // bench/drive.ts benchPolicy's follow-up delay
    const bare = await measure(
      opts.lifecycles,
      opts.concurrency,
      bareWorker,
      async (i) => {
        const workflowId = `bare-${i}`;
        const handle = await stack.client.workflow.start('bareLifecycle', {
          taskQueue,
          workflowId,
          args: [{ followUpDelayMs }],
        });
        // drive.ts sees each step in PostgreSQL on its next poll, 50 ms apart: by then the worker has
        // taken the step's completion and set the next deadline, so the bare one waits as long.
        const polled = async (step: string) => {
          await steps.reached(workflowId, step);
          await sleep(POLL_MS);
        };
        await sleep(POLL_MS); // the enrollment's rows are written before the payment arrives
        for (const [message, step] of [
          ['payment', 'acceptPayment'],
          ['attendance', 'recordAttendance'],
          ['competence', 'gradeCompetenceAttempt'],
          ['evaluation', 'acceptEvaluation'],
          ['claim', 'acceptClaim'],
        ]) {
          await handle.signal<[string]>('step', message);
          await polled(step);
        }
        await polled('openFollowUp');
        await handle.signal<[string]>('step', 'follow_up');
        await handle.result();
        return workflowId;
      },
      stack.client,
    );
    await bareWorker.stop();
    return { lifecycles: opts.lifecycles, concurrency: opts.concurrency, real, bare };
  } finally {
    await stack.close();
  }
}

export function printThroughput(f: ThroughputFigures): void {
  const { real, bare } = f;
  console.log(`\nLifecycles per second, ${f.lifecycles} at concurrency ${f.concurrency}, on one dev server:`);
  for (const [name, rate] of [
    ['real', real],
    ['bare', bare],
  ] as const)
    console.log(
      `  ${name} workflow: ${rate.perSecond.toFixed(2)}/s, worker CPU ${rate.cpuMs.toFixed(0)} ms per lifecycle; ` +
        `${describeActions(rate.actions)}; ${rate.actions.workflowTasks} workflow tasks`,
    );
  console.log(
    `  real = ${(real.perSecond / bare.perSecond).toFixed(2)}x the bare rate, at ${(real.cpuMs / bare.cpuMs).toFixed(2)}x its worker CPU per lifecycle`,
  );
}
