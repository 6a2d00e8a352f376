// The bare baseline's worker (a child process of the bench): bundles
// ./workflow.ts on its own and runs it with no-op activities, each reporting
// its step to the bench over the IPC channel, as the real steps show in
// PostgreSQL, so the bench drives both the same way.
import { fileURLToPath } from 'node:url';
import { Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';

export interface BareActivities {
  step(name: string): Promise<void>;
}

const activities: BareActivities = {
  async step(name) {
    process.send?.({ workflowId: Context.current().info.workflowExecution?.workflowId, step: name });
  },
};

const env = process.env;
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
  taskQueue: env.TEMPORAL_TASK_QUEUE!,
  workflowsPath: fileURLToPath(new URL('./workflow.ts', import.meta.url)),
  activities,
  // The production worker's sizing (src/main/temporal-worker.ts).
  maxCachedWorkflows: Number(env.WORKER_CACHED_WORKFLOWS),
  maxConcurrentActivityTaskExecutions: Math.max(2, Number(env.DATABASE_POOL_SIZE) - 2),
  stickyQueueScheduleToStartTimeout: '3s',
});
process.once('SIGTERM', () => worker.shutdown());
const running = worker.run();
console.log('bare worker: polling');
await running;
process.exit(0);
