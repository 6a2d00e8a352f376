/* global process, console */
// Makes sure a Temporal CLI is available for the dev server, once:
// TEMPORAL_CLI_PATH, the project's .tools/bin/temporal, or a `temporal` on PATH;
// else builds the pinned version with `go install` into .tools/bin (later tags
// no longer `go install`); else says that the SDK's own download will be used.
// Quiet when the CLI is already there. Never fails the caller: without a CLI
// the dev server falls back to @temporalio/testing's cached download.
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS_BIN = join(ROOT, '.tools', 'bin');

function onPath(name, extraDirs = []) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** @returns {{ cli?: string, how: 'env' | 'tools' | 'path' | 'go' | 'download' }} */
export function ensureTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { cli: fromEnv, how: 'env' };
    console.warn(`temporal: TEMPORAL_CLI_PATH=${fromEnv} does not exist`);
    return { how: 'download' };
  }
  const projectCli = join(TOOLS_BIN, 'temporal');
  if (existsSync(projectCli)) return { cli: projectCli, how: 'tools' };
  const pathCli = onPath('temporal');
  if (pathCli) return { cli: pathCli, how: 'path' };

  // Debian's golang package and the go.dev tarball both end up in one of these.
  const go = onPath('go', ['/usr/local/go/bin', '/usr/lib/go/bin']);
  if (go) {
    console.log(
      `temporal: installing the Temporal CLI ${TEMPORAL_CLI_VERSION} into .tools/bin with go install (once; a few minutes)`,
    );
    mkdirSync(TOOLS_BIN, { recursive: true });
    const result = spawnSync(
      go,
      ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`],
      {
        cwd: ROOT,
        env: { ...process.env, GOBIN: TOOLS_BIN, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (result.status === 0 && existsSync(projectCli)) {
      console.log(`temporal: installed ${projectCli}`);
      return { cli: projectCli, how: 'go' };
    }
    console.warn('temporal: go install failed; the dev server will use the SDK download instead');
    return { how: 'download' };
  }
  console.log(
    'temporal: no Temporal CLI and no Go toolchain; the dev server will use the Temporal SDK download (needs internet once)',
  );
  return { how: 'download' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureTemporalCli();
