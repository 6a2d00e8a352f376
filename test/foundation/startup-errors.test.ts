// A malformed config value, an unreachable database and a missing Temporal CLI
// each stop `npm start` with one clear line on stderr and exit code 1.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEntry } from './entry-process.js';

async function failedStart(env: Record<string, string>) {
  const p = startEntry('src/main/all.ts', env);
  const code = await p.exited;
  return { code, stderrLines: p.stderr().trimEnd().split('\n').filter(Boolean) };
}

// Each case starts a real process; CI runs other test files alongside.
describe('npm start refuses a broken set-up in one line', { timeout: 180_000 }, () => {
  it('names a malformed config value', async () => {
    const { code, stderrLines } = await failedStart({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/^config: PORT="eighty" is invalid/);
  });

  it('names an unreachable database', async () => {
    const { code, stderrLines } = await failedStart({
      DATABASE_URL: `postgres://nobody:secret@127.0.0.1:${await freePort()}/ce`,
    });
    expect(code).toBe(1);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/^database: cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/ce/);
    expect(stderrLines[0]).not.toContain('secret');
  });

  it('says when no Temporal answers and the configured CLI does not exist', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ceo-nocli-'));
    try {
      const address = `127.0.0.1:${await freePort()}`;
      const { code, stderrLines } = await failedStart({
        DATA_DIR: dataDir,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_CLI_PATH: '/nonexistent/temporal',
        PORT: String(await freePort()),
        MAIL_CAPTURE_PORT: String(await freePort()),
      });
      expect(code).toBe(1);
      expect(stderrLines).toEqual([
        `temporal: nothing answers at ${address} and TEMPORAL_CLI_PATH=/nonexistent/temporal does not exist (unset it or run: node scripts/install-temporal.mjs)`,
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tells the separate worker and API processes that they need real servers', async () => {
    for (const entry of ['src/main/worker.ts', 'src/main/api.ts']) {
      const p = startEntry(entry, { SMTP_URL: 'smtp://127.0.0.1:2525' });
      expect(await p.exited).toBe(1);
      expect(p.stderr().trim()).toMatch(/^config: DATABASE_URL is required for the (worker|api) process/);
    }
  });
});
