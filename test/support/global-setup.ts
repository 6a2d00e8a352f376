// One Temporal dev server and one workflow bundle for the whole test run;
// each test file isolates itself with its own task queue and database.
import type { TestProject } from 'vitest/node';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/platform/temporal/dev-server.js';
import { WORKFLOWS_PATH } from '../../src/main/temporal-worker.js';

export default async function setup(project: TestProject) {
  const [env, bundle] = await Promise.all([
    startDevServer(),
    bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never,
    }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'ceo-bundle-'));
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', env.address);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}
