// Temporal's logs go to the app's pino logger, as the Temporal samples'
// custom-logger does: the runtime logger (the SDK's own lines, workflow `log`
// calls through the sink, and activities' context loggers) and the native
// core's lines. Each line keeps the workflow id, run id and activity type.
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger.js';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Temporal's metadata, named as every other line names it; the task token is left out. */
function fields(meta: LogEntry['meta']): Record<string, unknown> {
  const { workflowRunId, runId, taskToken: _taskToken, ...rest } = (meta ?? {}) as Record<string, unknown>;
  const run = runId ?? workflowRunId;
  return { ...rest, ...(run !== undefined ? { runId: run } : {}) };
}

/** The lowest Temporal level the pino logger would print. */
function levelOf(logger: Logger): LogLevel {
  const level = logger.level as string;
  if (level === 'trace') return 'TRACE';
  if (level === 'debug') return 'DEBUG';
  if (level === 'info') return 'INFO';
  if (level === 'warn') return 'WARN';
  return 'ERROR';
}

/**
 * Routes every Temporal log line into `logger`. `quietInfo` (npm start) keeps
 * the SDK's info chatter (bundling, worker states) out of the start-up banner.
 * Must run before anything Temporal starts.
 */
export function installTemporalLogging(logger: Logger, quietInfo = false): void {
  const temporal = logger.child({ component: 'temporal' });
  const level = quietInfo && levelOf(logger) === 'INFO' ? 'WARN' : levelOf(logger);
  Runtime.install({
    logger: new DefaultLogger(level, (entry) =>
      temporal[LEVELS[entry.level]](fields(entry.meta), entry.message),
    ),
    telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
  });
}
