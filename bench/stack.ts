// The bench's own stack, shaped like production: a Temporal dev server, a
// throwaway PostgreSQL database, an SMTP server on loopback, the production
// worker entry (src/main/worker.ts) as a child process whose memory and CPU
// the bench reads, and, in this process, what the API process does: the
// enrollment service the learners are driven through, and the outbox sender.
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig, type Config } from '../src/config.js';
import { systemClock, type AppContext } from '../src/context.js';
import { openDatabase, type OpenDatabase } from '../src/db/client.js';
import { startDevServer } from '../src/platform/temporal/dev-server.js';
import { cachedWorkflowBundle } from '../src/platform/temporal/bundle.js';
import { startMailCapture, type MailCapture } from '../src/platform/mail/capture.js';
import { createMailer, type Mailer } from '../src/platform/mail/mailer.js';
import { precompileEmailTemplates } from '../src/platform/mail/render.js';
import { storedCertificatePdf } from '../src/certificates/pdf-store.js';
import { startMailDelivery } from '../src/main/mail-delivery.js';
import type { OutboxSender } from '../src/outbox/sender.js';
import { WORKER_LAUNCH_ENV, WORKER_NODE_FLAGS } from '../src/main/worker-launch.js';
import { ROOT, startBenchProcess, type BenchProcess } from './processes.js';

export interface ThrowawayDatabase extends OpenDatabase {
  url?: string;
  where: string;
}

/** A new database on DATABASE_URL's server (dropped on close), else in-memory PGlite. */
export async function throwawayDatabase(poolSize = 10): Promise<ThrowawayDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { ...(await openDatabase(undefined, 'memory://')), where: 'PGlite (in memory)' };
  const name = `ceo_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase(url.toString(), undefined, poolSize);
  return {
    ...opened,
    url: url.toString(),
    where: `PostgreSQL ${url.host}/${name} (dropped afterwards)`,
    async close() {
      await opened.close();
      if (process.env.BENCH_KEEP) return console.log(`kept ${url.toString()}`);
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Node's flags for a bench worker (the production one and the bare baseline
 * alike, so their ratio compares code, not launches): production's
 * (src/main/worker-launch.ts), then BENCH_WORKER_NODE_ARGS, e.g.
 * "--cpu-prof --cpu-prof-dir=prof" to see where the worker's time goes,
 * "--import ./bench/memory-probe.mjs" to see where its memory is, or
 * "--max-semi-space-size=16" to measure Node's default (a later flag wins).
 */
export function workerNodeArgs(): string[] {
  return [...WORKER_NODE_FLAGS, ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
}

export interface BenchStack {
  config: Config;
  database: ThrowawayDatabase;
  temporal: TestWorkflowEnvironment;
  client: Client;
  capture: MailCapture;
  mailer: Mailer;
  ctx: AppContext;
  sender: OutboxSender;
  /** The worker's environment, for starting (and restarting) it. */
  workerEnv: Record<string, string>;
  startWorker(env?: Record<string, string>): Promise<BenchProcess>;
  close(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  if (!process.env.DATABASE_URL)
    throw new Error('the lifecycle benches need DATABASE_URL (a PostgreSQL server)');
  const [temporal] = await Promise.all([startDevServer(), cachedWorkflowBundle(join(ROOT, '.data/bundles'))]);
  const database = await throwawayDatabase(20);
  const capture = await startMailCapture();
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
  const workerEnv = {
    // Launched as production launches it (src/main/worker-launch.ts); the environment may override.
    ...WORKER_LAUNCH_ENV,
    DATABASE_URL: database.url!,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: capture.url,
    DATA_DIR: join(ROOT, '.data'),
    LOG_LEVEL: 'error',
    // The worker's sizing options, to measure another setting (e.g. WORKER_CACHED_WORKFLOWS=100 npm run bench).
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(WORKER_|DATABASE_POOL_SIZE$|MALLOC_ARENA_MAX$)/.test(k)),
    ),
  } as Record<string, string>;
  const config = loadConfig(workerEnv);
  const mailer = createMailer(capture.url, config.MAIL_FROM);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const ctx: AppContext = {
    config,
    db: database.db,
    temporal: client,
    mailer,
    clock: systemClock,
    certificatePdf: storedCertificatePdf(database.db, config),
  };
  await precompileEmailTemplates();
  const sender = startMailDelivery({ config, database, mailer, certificatePdf: ctx.certificatePdf });
  const workers: BenchProcess[] = [];
  return {
    config,
    database,
    temporal,
    client,
    capture,
    mailer,
    ctx,
    sender,
    workerEnv,
    async startWorker(env = {}) {
      const worker = await startBenchProcess(
        'src/main/worker.ts',
        { ...workerEnv, ...env },
        'worker: polling',
        {
          nodeArgs: workerNodeArgs(),
        },
      );
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const w of workers) await w.stop();
      await sender.stop();
      await connection.close();
      mailer.close();
      await capture.close();
      await temporal.teardown();
      await database.close();
    },
  };
}
