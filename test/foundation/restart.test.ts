// `npm start` on a bare machine: the whole stack comes up healthy, stops
// cleanly on Ctrl-C, and the next start carries on with the same workflows and data.
import { describe, it, expect, afterAll } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { programs } from '../../src/db/schema/index.js';
import { freePort, interrupt, startEntry, waitForHealthy, type EntryProcess } from './entry-process.js';

describe('npm start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ceo-start-'));
  const port = await freePort();
  const temporalAddress = `127.0.0.1:${await freePort()}`;
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_UI_PORT: String(await freePort()),
    MAIL_CAPTURE_PORT: String(await freePort()),
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  let running: EntryProcess | undefined;
  afterAll(async () => {
    if (running) await interrupt(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A workflow nobody polls for stays open: proof that the dev server's state survives.
  const probeId = 'restart-probe';

  // Generous: a cold start bundles the workflows, and CI runs other test files alongside.
  const startTimeout = 240_000;

  it(
    'brings the stack up healthy, prints where everything is, and stops on Ctrl-C',
    { timeout: startTimeout },
    async () => {
      running = startEntry('src/main/all.ts', env);
      expect(await waitForHealthy(running, baseUrl)).toEqual({
        status: 'ok',
        temporal: 'ok',
        database: 'ok',
        smtp: 'ok',
        stuckEnrollments: 0,
      });
      const banner = running.stdout();
      expect(banner).toContain(`API              ${baseUrl}`);
      expect(banner).toContain(`${baseUrl}/openapi.json`);
      expect(banner).toContain(`Temporal UI      http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
      expect(banner).toContain(`${baseUrl}/mail`);
      expect(banner).toContain('dev-enrollment-token');

      const connection = await Connection.connect({ address: temporalAddress });
      await new Client({ connection }).workflow.start('restartProbe', {
        workflowId: probeId,
        taskQueue: 'nobody-polls-this',
      });
      await connection.close();

      expect(await interrupt(running)).toBe(0);
      expect(running.stdout()).toContain('stopped');
      running = undefined;
    },
  );

  it('keeps database rows written between runs', async () => {
    if (running) await interrupt(running);
    const database = await openDatabase(undefined, join(dataDir, 'pglite'));
    await database.db.insert(programs).values({ id: 'micro', name: 'Clinical microbiology' });
    await database.close();
  });

  it('carries on after a restart with the same workflows and data', { timeout: startTimeout }, async () => {
    if (running) await interrupt(running);
    running = startEntry('src/main/all.ts', env);
    await waitForHealthy(running, baseUrl);

    const connection = await Connection.connect({ address: temporalAddress });
    const probe = await new Client({ connection }).workflow.getHandle(probeId).describe();
    await connection.close();
    expect(probe.status.name).toBe('RUNNING');

    expect(await interrupt(running)).toBe(0);
    running = undefined;
    const database = await openDatabase(undefined, join(dataDir, 'pglite'));
    const rows = await database.db.select().from(programs).where(eq(programs.id, 'micro'));
    await database.close();
    expect(rows.map((r) => r.name)).toEqual(['Clinical microbiology']);
  });
});
