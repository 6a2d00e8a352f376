// One Temporal dev server for the whole test run; each test file isolates
// itself with its own task queue and database.
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../src/temporal/dev-server.js';

export default async function setup(project: TestProject) {
  const env = await startDevServer();
  project.provide('temporalAddress', env.address);
  return async () => {
    await env.teardown();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}
