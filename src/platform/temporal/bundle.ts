// The workflow bundle, built once per version of the workflow code and reused:
// a worker (re)start, the CLI's reset and a test run load it in milliseconds
// instead of bundling for 10-30 s. The version is a hash of everything the
// bundle can contain: workflows/, src/domain/ (eslint keeps workflows from
// importing anything else at run time) and the locked package versions.
import { bundleWorkflowCode } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WORKFLOWS_PATH = join(ROOT, 'workflows/index.ts');
const SOURCES = ['workflows', 'src/domain'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A hash of the workflow code and the packages it is bundled with. */
export function workflowCodeVersion(): string {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((dir) => filesUnder(join(ROOT, dir))).sort();
  for (const file of [...files, join(ROOT, 'package-lock.json')]) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never;

/** The path of the bundle for the current workflow code, building it into `cacheDir` if missing. */
export async function cachedWorkflowBundle(cacheDir: string): Promise<{ codePath: string }> {
  const codePath = join(cacheDir, `workflows-${workflowCodeVersion()}.js`);
  if (existsSync(codePath)) return { codePath };
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
  mkdirSync(cacheDir, { recursive: true });
  // Written aside then renamed: a process that starts meanwhile never reads half a bundle.
  const partial = `${codePath}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, codePath);
  return { codePath };
}
