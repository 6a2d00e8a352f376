// The production-shaped worker (test/support/child-worker.ts) as a child
// process of a test stack, so a test can SIGKILL it and start another.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { TestStack } from './stack.js';

const CHILD_WORKER = fileURLToPath(new URL('./child-worker.ts', import.meta.url));

/** Starts a worker on the stack's Temporal, database and SMTP; resolves once it polls. */
export function startWorkerProcess(
  stack: TestStack,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_WORKER], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      DATABASE_URL: stack.database.url!,
      SMTP_URL: stack.capture.url,
      PUBLIC_URL: stack.baseUrl,
      LINK_SECRET: stack.config.LINK_SECRET,
      WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) resolve(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) =>
      reject(new Error(`child worker exited (${code ?? signal}): ${output}`)),
    );
  });
}

/** Resolves once the process has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
