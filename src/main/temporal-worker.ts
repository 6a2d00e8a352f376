// Builds and runs the worker that runs every workflow and activity of
// ce-outcomes (and, when asked, an outbox sender for the mail its steps queue).
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { startDispatcher } from '../reporting/dispatcher.js';
import type { DataConverter } from '@temporalio/common';
import { activityDeps, createActivities, type ActivityDeps } from '../../activities/index.js';
import { startOutboxSender } from '../outbox/sender.js';
import { toMs } from '../domain/duration.js';
import { cachedWorkflowBundle } from '../platform/temporal/bundle.js';
import { currentLog } from '../platform/logger.js';
import { join } from 'node:path';
import { warmFonts } from '../certificates/pdf/fonts.js';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: Omit<ActivityDeps, 'certificatePdf'>;
  /** A prebuilt bundle (tests share one); else the cached bundle of the current code (built if missing). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Extra worker options (tests shorten the sticky timeout, for instance). */
  options?: Partial<WorkerOptions>;
  /** Deliver queued mail from this process too (a test's one-process stack; OUTBOX_SENDER=worker). */
  deliverMail?: boolean;
  /** Start the workflow of each new reporting-ledger row (default true; see src/reporting/dispatcher.ts). */
  dispatchReports?: boolean;
  /** Encrypts payloads (TEMPORAL_PAYLOAD_KEYS): the same as the client's. */
  dataConverter?: DataConverter;
}

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker stops; rejects if it fails on its own. */
  running: Promise<void>;
  /** Stops polling, lets running activities finish, stops the sender; resolves when all have stopped. */
  stop(): Promise<void>;
}

export async function runWorker(setup: WorkerSetup): Promise<RunningWorker> {
  const deps = activityDeps(setup.deps);
  const { config } = setup.deps;
  const sender = setup.deliverMail
    ? startOutboxSender(deps, {
        unconfirmedAfterMs: toMs(config.OUTBOX_UNCONFIRMED_AFTER),
        onError: (err) => currentLog().error('outbox sender', { error: (err as Error).message }),
      })
    : undefined;
  if (sender) deps.mailQueued = () => sender.wake();
  // In the background: the first certificate then renders in a fraction of the time.
  void warmFonts().catch((err: unknown) =>
    currentLog().warn('fonts not warmed', { error: (err as Error).message }),
  );
  const worker = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(deps),
    dataConverter: setup.dataConverter,
    workflowBundle: setup.workflowBundle ?? (await cachedWorkflowBundle(join(config.DATA_DIR, 'bundles'))),
    // Bounded memory: past this many, a workflow's next task replays its (short) history.
    maxCachedWorkflows: config.WORKER_CACHED_WORKFLOWS,
    // Each step holds one database connection for its transaction; more slots would only queue on the pool.
    maxConcurrentActivityTaskExecutions: Math.max(2, config.DATABASE_POOL_SIZE - 2),
    // A dead worker's sticky tasks go back to the shared queue after this, not the default 10 s.
    stickyQueueScheduleToStartTimeout: '3s',
    ...setup.options,
  });
  const running = worker.run();
  const dispatcher =
    setup.dispatchReports === false
      ? undefined
      : startDispatcher({
          db: deps.db,
          temporal: new Client({
            connection: setup.connection,
            namespace: setup.namespace,
            dataConverter: setup.dataConverter,
          }),
          taskQueue: setup.taskQueue,
          config,
          onError: (err) => currentLog().error('reporting dispatcher', { error: (err as Error).message }),
        });
  const stop = async () => {
    await dispatcher?.stop();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => {});
    await sender?.stop();
  };
  return { worker, running, stop };
}
