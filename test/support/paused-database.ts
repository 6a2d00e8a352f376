// A second connection to a test database whose queries can be held: it runs
// its first statement, then holds the next one until the test releases it
// (or a time limit passes, so code that waits on a lock it holds still ends).
// This lets a test line up two tries of one step the way load does: one has
// read, the other runs to the end, then the first goes on.
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '../../src/db/client.js';
import { schema } from '../../src/db/client.js';

type Sql = postgres.Sql | postgres.TransactionSql;

export interface PausedDatabase {
  db: Database;
  /** Resolves once the first statement has been answered (the next is held). */
  paused: Promise<void>;
  /** Lets the held statement, and all after it, run. */
  release(): void;
  close(): Promise<void>;
}

export function pausedAfterFirstStatement(url: string, holdAtMostMs: number): PausedDatabase {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  let statements = 0;
  let markPaused!: () => void;
  const paused = new Promise<void>((r) => (markPaused = r));
  let release!: () => void;
  const released = Promise.race([
    new Promise<void>((r) => (release = r)),
    new Promise<void>((r) => setTimeout(r, holdAtMostMs)),
  ]);
  const gate = async (): Promise<void> => {
    const n = statements++;
    if (n === 1) {
      markPaused();
      await released;
    }
  };
  // What drizzle's postgres-js session calls: unsafe (awaited, or .values()), begin and savepoint.
  const wrap = (sql: Sql): unknown => ({
    options: (sql as postgres.Sql).options,
    unsafe(query: string, params: unknown[], opts?: object) {
      const run = (values: boolean) =>
        gate().then(() => {
          const q = sql.unsafe(query, params as never[], opts as never);
          return values ? q.values() : q;
        });
      return { then: (ok: never, ko: never) => run(false).then(ok, ko), values: () => run(true) };
    },
    begin: (fn: (tx: unknown) => unknown) => (sql as postgres.Sql).begin((tx) => fn(wrap(tx)) as never),
    savepoint: (fn: (sp: unknown) => unknown) =>
      (sql as postgres.TransactionSql).savepoint((sp) => fn(wrap(sp)) as never),
  });
  const db = drizzle(wrap(client) as postgres.Sql, { schema }) as unknown as Database;
  return { db, paused, release, close: () => client.end({ timeout: 2 }) };
}
