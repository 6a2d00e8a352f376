// One way to open the database: a PostgreSQL server when DATABASE_URL is set,
// else an embedded PGlite (real Postgres, in-process) so a bare machine starts.
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { migrate as migratePg } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export { schema };

export interface OpenDatabase {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** LISTEN on a channel (NOTIFY reaches every process on the database); resolves to the unlisten. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export class DatabaseUnavailableError extends Error {}

/** How long opening a connection may take before the query waiting for it fails. */
export const CONNECT_TIMEOUT_S = 3;

/**
 * Opens and migrates the database.
 * @param url PostgreSQL URL, or undefined for PGlite
 * @param pgliteDir data directory for PGlite; 'memory://' for a throwaway one
 */
export async function openDatabase(
  url: string | undefined,
  pgliteDir = '.data/pglite',
  poolSize = 10,
): Promise<OpenDatabase> {
  if (url) {
    // A server that does not answer fails a query in seconds (an API request answers 503), not after 30.
    const client = postgres(url, {
      max: Math.max(poolSize, 2),
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_S,
      // Random reads are cheap on SSDs: without this, a prepared statement's generic plan
      // scans small tables whole instead of probing their indexes (0.15-0.25 ms of one
      // activity's report, whose committee tables hold a row or two per activity).
      connection: { random_page_cost: '1.1' },
    });
    try {
      await client`select 1`;
    } catch (err) {
      await client.end({ timeout: 1 }).catch(() => {});
      const where = new URL(url);
      throw new DatabaseUnavailableError(
        `database: cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname} (${(err as Error).message})`,
      );
    }
    const db = drizzlePg(client, { schema });
    // Several processes may start at once: one migrates, the others wait.
    const lock = await client.reserve();
    try {
      await lock`select pg_advisory_lock(727272)`;
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lock`select pg_advisory_unlock(727272)`;
      lock.release();
    }
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      async listen(channel, onNotify) {
        const { unlisten } = await client.listen(channel, () => onNotify());
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // Loaded only here: PGlite (a WebAssembly PostgreSQL) costs a process ~40 MB resident just imported.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  if (!pgliteDir.startsWith('memory://')) mkdirSync(pgliteDir, { recursive: true });
  const client = new PGlite(pgliteDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    async listen(channel, onNotify) {
      const unlisten = await client.listen(channel, () => onNotify());
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

export async function databaseReachable(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
