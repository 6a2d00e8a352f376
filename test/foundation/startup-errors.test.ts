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

  it('refuses a production start on a default or example secret, naming it', async () => {
    const prod = await failedStart({ NODE_ENV: 'production' });
    expect(prod.code).toBe(1);
    expect(prod.stderrLines).toHaveLength(1);
    expect(prod.stderrLines[0]).toMatch(/^config: API_TOKEN is not set .*NODE_ENV=production/);
    const example = await failedStart({
      PUBLIC_URL: 'https://ce.example.org',
      API_TOKEN: 'f'.repeat(8) + '0123456789abcdef'.repeat(4),
      STAFF_TOKEN: '9c1e4b7a2d5f8e3b6a0c9d4e7f1a2b5c8d3e6f9a0b4c7d1e5f8a2b6c9d3e7f0a',
      COMMITTEE_TOKEN: 'change-me-committee-token',
      LINK_SECRET: 'change-me-a-long-random-secret-for-learner-links',
    });
    expect(example.code).toBe(1);
    expect(example.stderrLines).toEqual([
      'config: COMMITTEE_TOKEN is a default or documented example value; with PUBLIC_URL=https://ce.example.org (not loopback) every token and LINK_SECRET needs at least 32 random bytes (openssl rand -hex 32)',
    ]);
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
