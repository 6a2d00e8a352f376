// The shape of the code: imports only run downward through the layers
// (domain <- platform <- db <- services <- surfaces <- main), files stay small,
// and the workflow bundle carries no zod (workflows import domain types and
// constants only).
import { describe, expect, it, inject } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './entry-process.js';

const LAYERS = ['domain', 'platform', 'db', 'services', 'surfaces', 'main'] as const;
type Layer = (typeof LAYERS)[number];

/** Surface files: routes, pages, views and the API contract of each surface folder. */
const SURFACE_FILE =
  /^src\/[\w-]+\/(routes\.ts|[\w-]+-routes\.ts|views\.ts|contract\.ts|(routes|pages|views)\/)/;

function layerOf(file: string): Layer {
  if (file.startsWith('src/domain/')) return 'domain';
  if (file.startsWith('src/platform/') || file === 'src/config.ts') return 'platform';
  if (file.startsWith('src/db/')) return 'db';
  if (file.startsWith('src/main/') || file.startsWith('src/demo/')) return 'main';
  if (/^src\/(http|cli|client)\//.test(file) || SURFACE_FILE.test(file)) return 'surfaces';
  return 'services';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const FILES = ['src', 'workflows', 'activities'].flatMap(sourceFiles);
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const target = resolve(dirname(join(ROOT, file)), m[1] ?? m[2]).replace(/\.js$/, '.ts');
    return relative(ROOT, existsSync(target) ? target : `${target}/index.ts`);
  });
}

describe('architecture', () => {
  it('imports only from the same layer or a lower one', () => {
    const upward = FILES.flatMap((file) =>
      importsOf(file)
        .filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file)))
        .map((target) => `${file} (${layerOf(file)}) imports ${target} (${layerOf(target)})`),
    );
    expect(upward).toEqual([]);
  });

  it('classifies every folder it checks', () => {
    // A new top-level folder in src/ lands in services unless it is named here.
    const counts = Object.fromEntries(LAYERS.map((l) => [l, FILES.filter((f) => layerOf(f) === l).length]));
    for (const layer of LAYERS) expect(counts[layer], layer).toBeGreaterThan(0);
  });

  it('keeps files under 300 lines', () => {
    // Frozen: the v1 workflow runs the enrollments started before v2, unchanged, until they close.
    const exceptions = ['workflows/legacy/enrollment-v1.ts'];
    const long = FILES.filter((f) => !exceptions.includes(f))
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('bundles no zod into the workflows', () => {
    const bundle = readFileSync(inject('workflowBundlePath'), 'utf8');
    expect(bundle).toContain('enrollmentWorkflow');
    expect(bundle).not.toMatch(/node_modules\/zod\//);
  });
});
