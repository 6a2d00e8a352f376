// The compiled email templates kept on disk (src/platform/mail/compiled-cache.ts):
// a process started with the file in place renders the same emails without
// ever loading MJML (which would stay in its memory), and a template edited
// since is compiled again, not served stale.
import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templatesVersion } from '../../src/platform/mail/compiled-cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = join(ROOT, 'templates/emails');
const cacheDir = mkdtempSync(join(tmpdir(), 'ceo-templates-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** In a fresh process: precompile from cacheDir, render one email, and say whether MJML was loaded. */
function freshProcess(): { mjmlLoaded: boolean; html: string } {
  const script = `
    import { createRequire } from 'node:module';
    const { precompileEmailTemplates, renderEmail } = await import(${JSON.stringify(join(ROOT, 'src/platform/mail/render.ts'))});
    await precompileEmailTemplates(${JSON.stringify(cacheDir)});
    const email = await renderEmail('new_link', {
      values: { learnerName: 'Dr Ada', what: 'evaluation', activityTitle: 'Sepsis', providerName: 'Provider', link: 'https://x.test/l', linkExpires: 'tomorrow' },
      contact: { name: 'Provider', email: 'ce@x.test', postalAddress: '' },
    });
    const cache = createRequire(import.meta.url).cache;
    const mjmlLoaded = Object.keys(cache).some((k) => k.includes('/node_modules/mjml') && k.endsWith('.js'));
    console.log(JSON.stringify({ mjmlLoaded, html: email.html }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { mjmlLoaded: boolean; html: string };
}

describe('compiled email templates on disk', { timeout: 120_000 }, () => {
  it('the first process compiles with MJML and writes them; the next renders the same without loading MJML', () => {
    const first = freshProcess();
    expect(first.mjmlLoaded).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([`emails-${templatesVersion(TEMPLATES)}.json`]);
    const second = freshProcess();
    expect(second.mjmlLoaded).toBe(false);
    expect(second.html).toBe(first.html);
    expect(second.html).toContain('Dr Ada');
  });

  it('names the file by the templates and the MJML release, so an edited template is compiled again', () => {
    const version = templatesVersion(TEMPLATES);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const copy = mkdtempSync(join(tmpdir(), 'ceo-templates-src-'));
    try {
      execFileSync('cp', ['-r', `${TEMPLATES}/.`, copy]);
      expect(templatesVersion(copy)).toBe(version);
      const footer = join(copy, 'partials/footer.txt');
      execFileSync('sh', ['-c', `printf 'edited' >> '${footer}'`]);
      expect(readFileSync(footer, 'utf8')).toMatch(/edited$/);
      expect(templatesVersion(copy)).not.toBe(version);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
