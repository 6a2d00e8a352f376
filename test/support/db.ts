// A fresh, migrated database per test file: a new database on the real
// PostgreSQL server when DATABASE_URL is set (CI), else an in-memory PGlite.
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openDatabase, type OpenDatabase } from '../../src/db/client.js';

export interface TestDatabase extends OpenDatabase {
  /** URL of this database, when on a server (for child processes). */
  url?: string;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase(undefined, 'memory://');
  const name = `ceo_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase(url.toString());
  return {
    ...opened,
    url: url.toString(),
    async close() {
      await opened.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
