// Learners stored before credentials were rows: migration 0004 copies their
// state licences and ASCP id into learner_credentials, maps free-text
// professions to the rules' professions, and 0005 drops the old columns only
// after; nothing is lost. Migration 0010 takes the retired licence credit
// types out of stored policies and keeps each in retired_designations.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER, schema } from '../../src/db/client.js';
import { learnerCredentials, learners } from '../../src/db/schema/index.js';

/** The migrations folder as it was before a migration: its journal cut at `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ceo-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag.startsWith(tag)),
  );
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('learner credentials migration', async () => {
  const client = new PGlite();
  const db = drizzle(client, { schema });
  afterAll(() => client.close());

  it('copies every licence and ASCP id into rows and maps professions, losing nothing', async () => {
    await migrate(db, { migrationsFolder: migrationsBefore('0003_') });
    await db.execute(sql`
      insert into learners (id, name, email, profession, nabp_eprofile_id, birth_month_day, state_licences, ascp_id) values
        ('l1', 'José Núñez', 'j@example.org', 'medical laboratory scientist', null, null, '{"CA": "CLS-1", "fl": " FL-1 "}', 'ASCP-1'),
        ('l2', 'Nguyễn Thị Minh', 'n@example.org', 'pharmacist', '123456', '0412', '{}', null),
        ('l3', '王小明', 'w@example.org', 'Pharmacy Technician', null, null, '{"NY": ""}', '  '),
        ('l4', 'Dr Ann Lee', 'a@example.org', 'physician', null, null, '{}', null),
        ('l5', 'Sam Roe', 's@example.org', 'RN', null, null, '{}', null),
        ('l6', 'Kim Poe', 'k@example.org', 'student', null, null, '{}', null),
        ('l7', 'No Profession', 'np@example.org', null, null, null, '{}', null)`);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    const rows = await db
      .select({
        learnerId: learnerCredentials.learnerId,
        kind: learnerCredentials.kind,
        state: learnerCredentials.state,
        identifier: learnerCredentials.identifier,
      })
      .from(learnerCredentials)
      .orderBy(
        asc(learnerCredentials.learnerId),
        asc(learnerCredentials.kind),
        asc(learnerCredentials.state),
      );
    expect(rows).toEqual([
      { learnerId: 'l1', kind: 'ascp_certification', state: null, identifier: 'ASCP-1' },
      { learnerId: 'l1', kind: 'state_licence', state: 'CA', identifier: 'CLS-1' },
      { learnerId: 'l1', kind: 'state_licence', state: 'FL', identifier: 'FL-1' },
    ]);
    const people = await db
      .select({ id: learners.id, profession: learners.profession, nabp: learners.nabpEProfileId })
      .from(learners)
      .orderBy(asc(learners.id));
    expect(people).toEqual([
      { id: 'l1', profession: 'laboratory_professional', nabp: null },
      { id: 'l2', profession: 'pharmacist', nabp: '123456' },
      { id: 'l3', profession: 'pharmacy_technician', nabp: null },
      { id: 'l4', profession: 'physician', nabp: null },
      { id: 'l5', profession: 'nurse', nabp: null },
      { id: 'l6', profession: 'other', nabp: null },
      { id: 'l7', profession: null, nabp: null },
    ]);
    const columns = await db.execute<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'learners'`,
    );
    const names = (columns as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name);
    expect(names).not.toContain('state_licences');
    expect(names).not.toContain('ascp_id');
  });
});

describe('retiring the licence credit types', async () => {
  const client = new PGlite();
  const db = drizzle(client, { schema });
  afterAll(() => client.close());

  it('takes ca_cls, fl_cls and ascp_cmp out of stored policies and keeps each whole', async () => {
    await migrate(db, { migrationsFolder: migrationsBefore('0010_') });
    const credits = [
      { type: 'ama_pra_1', maxCredits: 2 },
      { type: 'ca_cls', maxCredits: 0.75 },
      { type: 'pace', maxCredits: 2 },
      { type: 'ascp_cmp', maxCredits: 2, topicArea: 'microbiology' },
      { type: 'fl_cls', maxCredits: 2 },
    ];
    await db.execute(
      sql`insert into programs (id, name) values ('default', 'Default') on conflict do nothing`,
    );
    await db.execute(sql`
      insert into activities (id, title, provider_name, format, starts_at, ends_at, learning_objectives, price_cents, policy)
      values ('a1', 'Old activity', 'SCM', 'live', now(), now(), '[]', 0,
        ${JSON.stringify({ credits, competence: { items: [] } })}::jsonb),
        ('a2', 'Untouched', 'SCM', 'live', now(), now(), '[]', 0, '{"credits": [{"type": "ama_pra_1", "maxCredits": 1}]}'::jsonb)`);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    const policies = await db.execute<{ id: string; policy: { credits: unknown[]; competence: unknown } }>(
      sql`select id, policy from activities order by id`,
    );
    expect(policies.rows.map((r) => [r.id, r.policy.credits])).toEqual([
      ['a1', [credits[0], credits[2]]],
      ['a2', [{ type: 'ama_pra_1', maxCredits: 1 }]],
    ]);
    expect(policies.rows[0].policy.competence).toEqual({ items: [] });
    const retired = await db.execute<{ activity_id: string; credit_type: string; designation: unknown }>(
      sql`select activity_id, credit_type, designation from retired_designations order by credit_type`,
    );
    expect(retired.rows.map((r) => [r.activity_id, r.credit_type, r.designation])).toEqual([
      ['a1', 'ascp_cmp', credits[3]],
      ['a1', 'ca_cls', credits[1]],
      ['a1', 'fl_cls', credits[4]],
    ]);
  });
});
