/* global process, console */
// Run before `npm start` and `npm test`: installs what a fresh clone lacks,
// and nothing (quietly, in well under a second) when it is all there.
// 1. npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
// 2. the Temporal CLI: scripts/install-temporal.mjs.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureTemporalCli } from './install-temporal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(ROOT, 'package-lock.json');
// npm writes this file last on every install, so its age is the install's age.
const installed = join(ROOT, 'node_modules', '.package-lock.json');

/** Whether node_modules holds every package of the lockfile at its version. */
function matchesLockfile() {
  const wanted = JSON.parse(readFileSync(lockfile, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(
    ([path, pkg]) => path === '' || (have[path] ? have[path].version === pkg.version : !!pkg.optional),
  );
}

function packagesStale() {
  if (!existsSync(installed)) return true;
  if (!existsSync(lockfile) || statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs) return false;
  // A newer lockfile (a pull, a checkout, or npm install writing it last) matters only if it differs.
  return !matchesLockfile();
}

const modules = join(ROOT, 'node_modules');
// A symlinked node_modules belongs to another checkout: `npm ci` would empty it.
const borrowed = existsSync(modules) && lstatSync(modules).isSymbolicLink();

if (borrowed) {
  if (packagesStale())
    console.warn('deps: node_modules is a symlink to another checkout; not running npm ci here');
} else if (packagesStale()) {
  console.log('deps: installing npm packages (npm ci; about a minute on a fresh clone)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`deps: npm ci failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

await ensureTemporalCli();
