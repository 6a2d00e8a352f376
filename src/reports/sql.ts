// Raw aggregate queries return rows differently on postgres.js (an array) and
// PGlite ({ rows }); every report query goes through here.
import type { SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Group rows into a map by a key, keeping each group's rows. */
export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
