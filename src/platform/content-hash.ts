// A short hash of files' names and contents, naming what is built from them
// once per version and kept on disk (the workflow bundle, the compiled email
// templates): another version gets another name, never a stale copy.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** 16 hex digits over each file's path (relative to `root`) and bytes, in the order given, and `extra`. */
export function contentHash(root: string, files: string[], extra = ''): string {
  const hash = createHash('sha256');
  for (const file of files)
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.update(extra).digest('hex').slice(0, 16);
}
