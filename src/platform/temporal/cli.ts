// Where the Temporal CLI is: TEMPORAL_CLI_PATH, the project's .tools/bin
// (built by scripts/install-temporal.mjs), or a `temporal` on PATH.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PROJECT_TEMPORAL = join(PROJECT_ROOT, '.tools', 'bin', 'temporal');

export function findTemporalCli(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) return existsSync(env.TEMPORAL_CLI_PATH) ? env.TEMPORAL_CLI_PATH : undefined;
  if (existsSync(PROJECT_TEMPORAL)) return PROJECT_TEMPORAL;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  return undefined;
}
