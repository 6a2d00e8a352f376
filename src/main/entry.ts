// How every process entry runs: known start-up failures (bad config,
// unreachable database or Temporal, a port in use) become one line on stderr
// and exit code 1; anything else is a bug and keeps its stack trace.
// Light on purpose: entries load config through this before the heavy modules.
import { ConfigError } from '../config.js';

/** A start-up problem the operator can fix; printed as its one-line message, exit 1. */
export class StartupError extends Error {}

async function isOneLineError(err: unknown): Promise<boolean> {
  if (err instanceof ConfigError || err instanceof StartupError) return true;
  const { DatabaseUnavailableError } = await import('../db/client.js');
  return err instanceof DatabaseUnavailableError;
}

export function runEntry(main: () => Promise<void>): void {
  main().catch(async (err: unknown) => {
    if (await isOneLineError(err).catch(() => false)) console.error((err as Error).message.split('\n')[0]);
    else console.error(err);
    process.exit(1);
  });
}
