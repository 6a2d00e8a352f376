// Builds and runs the worker that runs every workflow and activity of
// ce-outcomes, with the outbox sender that delivers the mail its steps queue.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { activityDeps, createActivities, type ActivityDeps } from '../../activities/index.js';
import { startOutboxSender } from '../mail/outbox-sender.js';
import { toMs } from '../domain/duration.js';
import { cachedWorkflowBundle } from './bundle.js';
import { join } from 'node:path';


export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: Omit<ActivityDeps, 'certificatePdf'>;
  /** A prebuilt bundle (tests share one); else the cached bundle of the current code (built if missing). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Extra worker options (tests shorten the sticky timeout, for instance). */
  options?: Partial<WorkerOptions>;
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
  const sender = startOutboxSender(deps, {
    unconfirmedAfterMs: toMs(setup.deps.config.OUTBOX_UNCONFIRMED_AFTER),
    onError: (err) => console.error(`outbox: ${(err as Error).message}`),
  });
  deps.mailQueued = () => sender.wake();
  const worker = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(deps),
    workflowBundle: setup.workflowBundle ?? (await cachedWorkflowBundle(join(setup.deps.config.DATA_DIR, 'bundles'))),
    ...setup.options,
  });
  const running = worker.run();
  const stop = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => {});
    await sender.stop();
  };
  return { worker, running, stop };
}
