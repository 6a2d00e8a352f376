// The workflow bundle, built once per version of the workflow code and reused:
// a worker (re)start, the CLI's reset and a test run load it in milliseconds
// instead of bundling for 10-30 s. The version is a hash of everything the
// bundle can contain: workflows/, src/domain/ (eslint keeps workflows from
// importing anything else at run time) and the locked package versions.
import { bundleWorkflowCode } from '@temporalio/worker';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, filesUnder } from '../content-hash.js';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WORKFLOWS_PATH = join(ROOT, 'workflows/index.ts');
const SOURCES = ['workflows', 'src/domain'];

/** A hash of the workflow code and the packages it is bundled with. */
export function workflowCodeVersion(): string {
  const files = SOURCES.flatMap((dir) => filesUnder(join(ROOT, dir))).sort();
  return contentHash(ROOT, [...files, join(ROOT, 'package-lock.json')]);
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
