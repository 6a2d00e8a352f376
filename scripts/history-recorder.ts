// What the history-recording scripts share: a throwaway dev server, in-memory
// database, loopback SMTP and a worker on them; which stories to record (never
// overwriting one); and writing a finished workflow's history where the replay
// test (test/lifecycle/replay.test.ts) reads it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { startMailCapture } from '../src/platform/mail/capture.js';
import { createMailer } from '../src/platform/mail/mailer.js';
import { systemClock, type AppContext } from '../src/context.js';
import { startDevServer } from '../src/platform/temporal/dev-server.js';
import { runWorker } from '../src/main/temporal-worker.js';
import { storedCertificatePdf } from '../src/certificates/pdf-store.js';

const OUT = fileURLToPath(new URL('../test/histories/', import.meta.url));

export async function startRecorder(taskQueue: string, env: Record<string, string> = {}) {
  const server = await startDevServer();
  const database = await openDatabase(undefined, 'memory://');
  const capture = await startMailCapture();
  const mailer = createMailer(capture.url, 'CE Outcomes <ce@record.local>');
  const config = loadConfig({
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: capture.url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const ctx: AppContext = {
    config,
    db: database.db,
    temporal: server.client,
    mailer,
    clock: systemClock,
    capture,
    certificatePdf: storedCertificatePdf(database.db, config),
  };
  const worker = await runWorker({
    connection: server.nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: { db: database.db, mailer, clock: systemClock, config },
    deliverMail: true,
  });
  return {
    ctx,
    /** The stories named on the command line, or those without a history yet; never one that has one. */
    chosen(prefix: string, names: string[]): string[] {
      const wanted = process.argv.slice(2);
      const chosen = names.filter((name) =>
        wanted.length ? wanted.includes(name) : !existsSync(file(prefix, name)),
      );
      for (const name of chosen)
        if (existsSync(file(prefix, name)))
          throw new Error(`${file(prefix, name)} exists: never re-record a history`);
      return chosen;
    },
    /** Waits for the workflow to finish and writes its history (proto3 JSON, which the replay test reads back). */
    async save(prefix: string, name: string, workflowId: string): Promise<void> {
      const handle = server.client.workflow.getHandle(workflowId);
      const result: unknown = await handle.result();
      mkdirSync(OUT, { recursive: true });
      writeFileSync(file(prefix, name), `${JSON.stringify(await handle.fetchHistory(), null, 1)}\n`);
      console.log(`${name}: ${String(result)} → ${file(prefix, name)}`);
    },
    async close(): Promise<void> {
      await worker.stop();
      mailer.close();
      await capture.close();
      await database.close();
      await server.teardown();
    },
  };
}

const file = (prefix: string, name: string) => `${OUT}${prefix}${name}.json`;
