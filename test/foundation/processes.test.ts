// The production layout: the worker and the API as separate processes against
// a running Temporal, a PostgreSQL server and an SMTP server (CI has all three;
// without DATABASE_URL there is no server for two processes to share).
import { describe, it, expect, afterAll, inject } from 'vitest';
import { freshDatabase } from '../support/db.js';
import { startMailCapture } from '../../src/platform/mail/capture.js';
import { freePort, interrupt, startEntry, waitForHealthy, type EntryProcess } from './entry-process.js';

describe.skipIf(!process.env.DATABASE_URL)(
  'worker and API as separate processes',
  { timeout: 240_000 },
  async () => {
    const database = await freshDatabase();
    const capture = await startMailCapture();
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url!,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `processes-${port}`,
      SMTP_URL: capture.url,
      PORT: String(port),
    };
    const processes: EntryProcess[] = [];
    afterAll(async () => {
      for (const p of processes) await interrupt(p);
      await capture.close();
      await database.close();
    });

    it('start against the shared servers, answer healthy, and drain on SIGTERM', async () => {
      const worker = startEntry('src/main/worker.ts', env);
      const api = startEntry('src/main/api.ts', env);
      processes.push(worker, api);
      expect(await waitForHealthy(api, `http://127.0.0.1:${port}`)).toEqual({
        status: 'ok',
        temporal: 'ok',
        database: 'ok',
        smtp: 'ok',
        stuckEnrollments: 0,
      });
      const deadline = Date.now() + 120_000;
      while (
        !worker.stdout().includes('worker: polling') &&
        worker.child.exitCode === null &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(worker.stdout()).toContain(`worker: polling task queue ${env.TEMPORAL_TASK_QUEUE}`);

      for (const p of [api, worker]) {
        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
      }
    });
  },
);
