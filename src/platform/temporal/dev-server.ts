// Starts the Temporal CLI dev server through @temporalio/testing: the project's
// pinned CLI when there is one, else the SDK's own download (a laptop with internet).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalCli } from './cli.js';

export interface DevServerOptions {
  port?: number;
  uiPort?: number;
  /** SQLite file, so workflows survive a restart; omit for an in-memory server. */
  dbFilename?: string;
  namespace?: string;
  /** The UI decodes encrypted payloads through this codec server (the app's /codec). */
  codecEndpoint?: string;
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const cli = findTemporalCli();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      port: opts.port,
      ui: opts.uiPort !== undefined,
      uiPort: opts.uiPort,
      dbFilename: opts.dbFilename,
      namespace: opts.namespace,
      log: { format: 'pretty', level: 'error' },
      // Flag a workflow whose task has failed twice running (TemporalReportedProblems),
      // as Temporal Cloud does: /healthz and the staff list of stuck enrollments query it.
      extraArgs: [
        '--dynamic-config-value',
        'system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute=2',
        ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
      ],
    },
  });
}
