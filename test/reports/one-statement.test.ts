// One activity's report is one statement (src/reports/queries/activity-statement.ts):
// counted on the wire (postgres.js's debug hook on a server, Drizzle's logger
// on PGlite), so a second query added to the report fails here; and the
// workspace parts it folds in are what the separate reads of the CE office's
// pages give (people, held emails, actions, reviews, commitments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { schema, type Database } from '../../src/db/client.js';
import { contentControllers, disclosedRelationships, disclosures } from '../../src/db/schema/index.js';
import { activityReport } from '../../src/reports/activity-report.js';
import { listActions } from '../../src/reports/actions.js';
import { activityReviews, recordActivityReview } from '../../src/reports/reviews.js';
import { commitmentOutcomeRows } from '../../src/reports/queries/commitments.js';
import { commitmentGroups } from '../../src/reports/commitment-groups.js';
import { heldEmailCount, peopleOf, personStatus, statusOf } from '../../src/disclosures/status.js';
import { NotFound } from '../../src/domain/errors.js';
import { COHORT_A, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';
import { sql } from 'drizzle-orm';
import { readActivityStatement, TEXT_LIMIT } from '../../src/reports/queries/activity-statement.js';
import { summarySections, type BucketArrays } from '../../src/reports/queries/activity-summary-json.js';
import { sectionRows, type SectionRows } from '../../src/reports/queries/one-statement.js';
import { freeText } from '../../src/reports/queries/aggregates.js';
import { answersByEmailSql, followUpEmailsSentSql } from '../../src/reports/queries/follow-up-emails.js';
import { commitmentOutcomeSql } from '../../src/reports/queries/commitments.js';
import { idList, queryRows } from '../../src/reports/queries/sql.js';
import type { RatingSampleRow } from '../../src/reports/queries/samples.js';
import { ratingSampleSql } from '../support/report-recount.js';

let database: TestDatabase;
/** The same database, every statement sent counted. */
let counted: { db: Database; close(): Promise<void> };
let statements = 0;

function countingDatabase(opened: TestDatabase): typeof counted {
  if (opened.url) {
    const client = postgres(opened.url, { max: 1, onnotice: () => {}, debug: () => void statements++ });
    return { db: drizzlePg(client, { schema }) as unknown as Database, close: () => client.end() };
  }
  const client = (opened.db as unknown as { $client: PGlite }).$client;
  const logger = { logQuery: () => void statements++ };
  return { db: drizzlePglite(client, { schema, logger }) as unknown as Database, close: async () => {} };
}

beforeAll(async () => {
  database = await freshDatabase();
  const { db } = database;
  await seedProgram(db, 'cardio', 'Cardiology CME');
  await seedActivity(
    db,
    { id: 'before', programId: 'cardio', seriesId: 'lipids', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_SMALL,
  );
  await seedActivity(
    db,
    { id: 'after', programId: 'cardio', seriesId: 'lipids', startsAt: '2026-03-15T14:00:00Z' },
    COHORT_A,
  );
  const change = {
    decision: 'changes_required' as const,
    changes: 'Shorter case discussions',
    reviewers: ['Dr. Ada Lovelace'],
    actions: [{ description: 'Shorten the cases', owner: 'Planning', dueOn: '2026-06-01' }],
  };
  await recordActivityReview(db, 'before', { ...change, reviewedOn: '2026-02-01' }, 'test');
  await recordActivityReview(db, 'after', { ...change, reviewedOn: '2026-04-01' }, 'test');
  const [faculty, planner] = await db
    .insert(contentControllers)
    .values([
      { activityId: 'after', name: 'Zoë Faculty', email: 'zoe@example.org', roles: ['faculty'] },
      { activityId: 'after', name: 'Al Planner', email: 'al@example.org', roles: ['planner'] },
    ])
    .returning();
  await db.insert(disclosures).values({
    personId: faculty.id,
    nothingToDisclose: false,
    signedName: 'Zoë Faculty',
    attestedAt: new Date('2026-02-02T09:30:00.123Z'),
  });
  await db.insert(disclosedRelationships).values([
    { personId: faculty.id, company: 'Pharma B', nature: 'Speaker', relevant: true, mitigation: '  ' },
    {
      personId: faculty.id,
      company: 'Pharma A',
      nature: 'Consulting',
      relevant: true,
      mitigation: 'Peer review',
    },
    { personId: faculty.id, company: 'Pharma C', nature: 'Grant' },
  ]);
  void planner;
  counted = countingDatabase(database);
});
afterAll(async () => {
  await counted?.close();
  await database?.close();
});

describe("one activity's report", () => {
  it('is one statement sent to the database, workspace and series comparison included', async () => {
    await activityReport(counted.db, 'after'); // a first call may set the connection up
    statements = 0;
    const report = await activityReport(counted.db, 'after');
    expect(statements).toBe(1);
    expect(report.series?.basis).toBe('last_review');
    expect(report.actions).toHaveLength(1);
    expect(report.disclosurePeople).toHaveLength(2);
  });

  it('folds in what the separate reads of the workspace give', async () => {
    const { db } = database;
    const report = await activityReport(db, 'after');
    const people = await peopleOf(db, 'after');
    expect(report.disclosures).toEqual(statusOf(people, await heldEmailCount(db, 'after')));
    expect(report.disclosures).toMatchObject({ people: 2, disclosed: 1, relevant: 2, unmitigated: 1 });
    expect(report.disclosurePeople).toEqual(people.map(personStatus));
    expect(report.actions).toEqual(await listActions(db, { activityIds: ['after'] }));
    expect(report.reviews).toEqual(await activityReviews(db, 'after'));
    expect(report.commitmentGroups).toEqual(commitmentGroups(await commitmentOutcomeRows(db, 'after')));
    expect(report.programName).toBe('Cardiology CME');
    expect(report.series?.actions).toEqual(
      await listActions(db, { seriesId: 'lipids', activityIds: ['before'] }),
    );
    expect(report.series?.before).toEqual({
      id: 'before',
      title: expect.any(String),
      startsAt: '2026-01-15T14:00:00.000Z',
    });
    expect(report.series?.review).toMatchObject({ reviewedOn: '2026-02-01', decision: 'changes_required' });
  });

  it("splits the summary into the rows each section's own query gives", async () => {
    const { db } = database;
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    const names: (keyof SectionRows)[] = [
      'funnel',
      'competence',
      'bins',
      'evaluation',
      'ratings',
      'followUps',
    ];
    for (const id of ['before', 'after']) {
      const found = (await readActivityStatement(db, id))!;
      const scope = idList([id]);
      const own = await sectionRows(db, scope, [...names, 'barriers', 'reminders', 'credits']);
      for (const name of names) expect(sorted(found[name]), `${id} ${name}`).toEqual(sorted(own[name]));
      // In the section's order too: the credit types as the database collates them.
      expect(found.credits, `${id} credits`).toEqual(own.credits);
      expect(found.credits.length).toBeGreaterThan(0);
      // Gathered by the triggers as ceo_report_buckets gathers them now, with the report's limit.
      const [kept] = await queryRows<{ buckets: unknown; fresh: unknown }>(
        db,
        sql`select buckets, ceo_report_buckets(${id}, ${TEXT_LIMIT}) as fresh
          from activity_report_buckets where activity_id = ${id}`,
      );
      expect(kept.buckets).toEqual(kept.fresh);
      expect(found.funnel).toHaveLength(1);
      expect(found.ratings.length).toBeGreaterThan(3);
      // Ranked: most named first, then by name.
      expect(found.barriers).toEqual(own.barriers);
      expect(found.reminders).toEqual(own.reminders);
      expect(found.text).toEqual(await freeText(db, id));
      expect(sorted(found.emailsSent)).toEqual(sorted(await queryRows(db, followUpEmailsSentSql(scope))));
      expect(sorted(found.answersByEmail)).toEqual(sorted(await queryRows(db, answersByEmailSql(scope))));
      expect(sorted(found.commitmentOutcomes)).toEqual(sorted(await queryRows(db, commitmentOutcomeSql(id))));
    }
  });

  it("reads the series comparison's figures of both activities as each section's own query gives them", async () => {
    const { db } = database;
    const found = (await readActivityStatement(db, 'after'))!;
    const scope = idList(['before', 'after']);
    const own = await sectionRows(db, scope, ['funnel', 'competence', 'evaluation', 'followUps']);
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    for (const name of ['funnel', 'competence', 'evaluation', 'followUps'] as const) {
      expect(sorted(found.series![name]), name).toEqual(sorted(own[name]));
      expect(found.series![name].length, name).toBeGreaterThan(0);
    }
    // Summed in JS from the buckets: the same figures as the SQL's, to the last bits of another order.
    const figures = (rows: RatingSampleRow[]) =>
      sorted(
        rows.map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(12)) : v]),
          ),
        ),
      );
    const samples = await queryRows<RatingSampleRow>(db, ratingSampleSql(scope));
    expect(samples).toHaveLength(2);
    expect(figures(found.series!.samples)).toEqual(figures(samples));
  });

  it('keeps the first wordings of each kind of free text only, as the free text query does', async () => {
    const { db } = database;
    const limit = 2;
    const [row] = await queryRows<{ buckets: BucketArrays }>(
      db,
      sql`select ceo_report_buckets('after', ${limit}) as buckets`,
    );
    const { text } = summarySections('after', null, row.buckets, limit, []);
    const full = await freeText(db, 'after');
    expect(full.commitments.length).toBeGreaterThan(limit);
    expect(text).toEqual(await freeText(db, 'after', limit));
    // The triggers gather with the report's own limit.
    const [refresh] = await queryRows<{ def: string }>(
      db,
      sql`select pg_get_functiondef('ceo_report_buckets_refresh'::regproc) as def`,
    );
    expect(refresh.def).toContain(`ceo_report_buckets(id, ${TEXT_LIMIT})`);
  });

  it('answers 404 for an unknown activity, after one statement too', async () => {
    statements = 0;
    await expect(activityReport(counted.db, 'nope')).rejects.toBeInstanceOf(NotFound);
    expect(statements).toBe(1);
  });
});
