// The email templates as compiled HTML, kept on disk per version of the
// templates and of MJML (like the workflow bundle): a worker starting with
// the file in place never loads MJML, which otherwise stays in its memory
// (about 25 MB resident) for the life of the process.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { contentHash, filesUnder } from '../content-hash.js';

export interface CompiledTemplate {
  html: string;
  text: string;
}

const require = createRequire(import.meta.url);

/** A hash of every file under the templates folder and of the MJML release that compiles them. */
export function templatesVersion(templatesDir: string): string {
  const mjml = require('mjml/package.json') as { version: string };
  return contentHash(templatesDir, filesUnder(templatesDir).sort(), `mjml ${mjml.version}`);
}

const cachePath = (cacheDir: string, version: string) => join(cacheDir, `emails-${version}.json`);

/** The compiled templates of this version, if a process compiled them before (or the image was built with them). */
export function readCompiled(
  cacheDir: string,
  version: string,
): Record<string, CompiledTemplate> | undefined {
  const path = cachePath(cacheDir, version);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, CompiledTemplate>;
  } catch {
    return undefined; // unreadable: compiled again and rewritten
  }
}

export function writeCompiled(
  cacheDir: string,
  version: string,
  templates: Record<string, CompiledTemplate>,
) {
  mkdirSync(cacheDir, { recursive: true });
  const path = cachePath(cacheDir, version);
  // Written aside then renamed: a process that starts meanwhile never reads half a file.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(templates));
  renameSync(partial, path);
}
