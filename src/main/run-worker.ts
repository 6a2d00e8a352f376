// Starting the worker, shared by `npm start` (src/main/all.ts) and the
// production worker process (src/main/worker.ts).
import type { NativeConnection } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { Config } from '../config.js';
import { join } from 'node:path';
import { runWorker, type RunningWorker } from './temporal-worker.js';
import type { AppContext } from '../context.js';
import type { Logger } from '../platform/logger.js';
import { ensureDigestSchedule } from '../reports/digest/schedule.js';
import { ensureCredentialSweepSchedule } from '../maintenance/schedule.js';
import { precompileEmailTemplates } from '../platform/mail/render.js';
import { payloadDataConverter } from '../platform/temporal/payload-codec.js';

export type { RunningWorker };

export async function startWorker(
  ctx: AppContext,
  connection: NativeConnection,
  logger: Logger,
): Promise<RunningWorker> {
  // Compiled once here, so a broken template stops start-up instead of a send.
  // From DATA_DIR/templates when compiled before (npm run bundle, the image): MJML then never loads here.
  await precompileEmailTemplates(join(ctx.config.DATA_DIR, 'templates'));
  const started = await runWorker({
    connection,
    namespace: ctx.config.TEMPORAL_NAMESPACE,
    taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
    deps: { db: ctx.db, mailer: ctx.mailer, clock: ctx.clock, config: ctx.config },
    dataConverter: payloadDataConverter(ctx.config),
  });
  // A worker that dies on its own takes the process down through the normal shutdown path.
  started.running.catch((err: Error) => {
    logger.error({ err }, 'worker stopped');
    process.kill(process.pid, 'SIGTERM');
  });

  // Things that must exist whenever a worker runs go here (idempotent, so
  // every worker replica may call them at start), e.g. the committee digest schedule.
  try {
    await ensureSchedules(ctx.temporal, ctx.config);
  } catch (err) {
    // Not left polling behind a failed start.
    await started.stop();
    throw err;
  }
  return started;
}

/** How long the start-up calls to Temporal may take, retries included. */
export const START_CALLS_TIMEOUT_MS = 30_000;

/**
 * The schedules every worker needs. A request's calls get a few seconds
 * (src/platform/temporal/client.ts); these get longer, because a server that
 * has just started, or a loaded machine, can take more than that to create a
 * schedule, and failing here stops the whole start.
 */
export function ensureSchedules(client: Client, config: Config): Promise<void> {
  return client.connection.withDeadline(Date.now() + START_CALLS_TIMEOUT_MS, async () => {
    await ensureDigestSchedule(client, config);
    await ensureCredentialSweepSchedule(client, config);
  });
}
