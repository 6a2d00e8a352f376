// One Temporal dev server and one workflow bundle for the whole test run;
// each test file isolates itself with its own task queue and database.
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../src/platform/temporal/dev-server.js';
import { cachedWorkflowBundle } from '../../src/platform/temporal/bundle.js';

export default async function setup(project: TestProject) {
  const [env, bundle] = await Promise.all([startDevServer(), cachedWorkflowBundle('.data/bundles')]);
  project.provide('temporalAddress', env.address);
  project.provide('workflowBundlePath', bundle.codePath);
  return () => env.teardown();
}

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}
