// Runs `ce-outcomes …` (bin/ce-outcomes.js) against a test stack's API with a
// token, as an operator at a terminal would: exit code, stdout and stderr.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestStack } from './stack.js';

const BIN = fileURLToPath(new URL('../../bin/ce-outcomes.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  target: Pick<TestStack, 'baseUrl'> | string,
  token: string,
  ...args: string[]
): Promise<CliRun> {
  const baseUrl = typeof target === 'string' ? target : target.baseUrl;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, CE_OUTCOMES_URL: baseUrl, CE_OUTCOMES_TOKEN: token } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
