// Raw aggregate queries return rows differently on postgres.js (an array) and
// PGlite ({ rows }); every report query goes through here. On a PostgreSQL
// server they run as prepared statements: a report's statement is planned
// once per connection, not on every request (drizzle's execute never prepares).
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';

const dialect = new PgDialect();

type PreparingClient = {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown>;
};

/** The postgres.js client (or transaction) of a database opened on a server; none for PGlite. */
function preparingClient(db: Database): PreparingClient | undefined {
  const opened = db as {
    $client?: Partial<PreparingClient>;
    session?: { client?: Partial<PreparingClient> };
  };
  const client = opened.$client ?? opened.session?.client;
  return typeof client?.unsafe === 'function' ? (client as PreparingClient) : undefined;
}

export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const client = preparingClient(db);
  if (client) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await client.unsafe(text, params, { prepare: true })) as T[];
  }
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A statement of one parameter, rendered to text once: building and
 * rendering a large statement's SQL objects on every call cost more than
 * PostgreSQL took to run it from its generic plan (~0.4 ms for one
 * activity's report). PGlite gets it built each time, as queryRows runs it.
 */
export function oneParameterStatement<T>(build: (param: SQL) => SQL) {
  let rendered: { sql: string; params: unknown[] } | undefined;
  return async (db: Database, value: string): Promise<T[]> => {
    const client = preparingClient(db);
    if (!client) return queryRows<T>(db, build(sql`${value}`));
    rendered ??= dialect.sqlToQuery(build(sql`${sql.placeholder('value')}`));
    const params = fillPlaceholders(rendered.params, { value });
    return (await client.unsafe(rendered.sql, params, { prepare: true })) as T[];
  };
}

/**
 * A constant of the code written into a statement's text instead of passed as
 * a parameter, so a prepared statement's one generic plan is costed as well
 * as a plan for the value (for example a summary kind or a row limit).
 */
export function literal(value: string | number): SQL {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`literal: ${value} is not an integer`);
    return sql.raw(String(value));
  }
  return sql.raw(`'${value.replaceAll("'", "''")}'`);
}

/** A report scope (a subquery of activity ids) listing these ids. */
export function idList(ids: string[]): SQL {
  if (ids.length === 0) return sql`select null::text where false`;
  return sql`select id from activities where id in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
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

/**
 * Runs a report's queries in one read-only snapshot, so the funnel, the
 * competence and the follow-up sections count the same rows even while
 * enrollments move on. The planner is told random reads are cheap (SSD-era
 * cost): one activity's enrollments are scattered through the tables, and the
 * default cost makes it scan whole child tables instead of probing their
 * enrollment_id indexes. On a server both settings go in one round trip (the
 * simple protocol takes several statements at once).
 */
export function inReportSnapshot<T>(db: Database, run: (tx: Database) => Promise<T>): Promise<T> {
  if (preparingClient(db))
    return db.transaction(async (tx) => {
      await preparingClient(tx as unknown as Database)?.unsafe(
        'set transaction isolation level repeatable read, read only; set local random_page_cost = 1.1',
        [],
        { prepare: false },
      );
      return run(tx as unknown as Database);
    });
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local random_page_cost = 1.1`);
      return run(tx as unknown as Database);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
