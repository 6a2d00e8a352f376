import { describe, it, expect, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from '../support/db.js';
import { openDatabase, DatabaseUnavailableError } from '../../src/db/client.js';
import { programs } from '../../src/db/schema/index.js';

describe('database', async () => {
  const database = await freshDatabase();
  afterAll(() => database.close());

  it('is migrated and stores rows', async () => {
    await database.db
      .insert(programs)
      .values({ id: 'micro', name: 'Clinical microbiology', committeeEmails: ['chair@example.org'] });
    const [row] = await database.db.select().from(programs).where(eq(programs.id, 'micro'));
    expect(row.committeeEmails).toEqual(['chair@example.org']);
    expect(database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('says in one line when PostgreSQL cannot be reached', async () => {
    await expect(openDatabase('postgres://nobody:x@127.0.0.1:1/none')).rejects.toThrow(
      DatabaseUnavailableError,
    );
    await expect(openDatabase('postgres://nobody:x@127.0.0.1:1/none')).rejects.toThrow(
      /^database: cannot reach PostgreSQL at 127\.0\.0\.1:1\/none/,
    );
  });
});
