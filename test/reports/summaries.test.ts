// Reports read the per-activity summaries alone, kept by the database as the
// facts are written, open enrollments and closed ones. On the same seeded
// data, every section of every report counts the same from the summaries as
// straight from the fact rows (test/support/report-recount.ts: the row-by-row
// SQL of the reports before the summaries), after the seed (open enrollments
// mid-way, most closed), after answers amended, claims corrected, an
// enrollment reopened, a learner's rows erased, statements over many
// enrollments at once, and a statement rolled back; a rebuild from the facts
// (the migrations' backfill) gives the same tables; and a summary off by one
// is caught.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { countedBothWays } from '../support/report-recount.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import {
  COHORT_A,
  COHORT_SILENT,
  COHORT_SMALL,
  seedActivity,
  seedProgram,
  type LearnerSpec,
} from './seed.js';
import { activityReport } from '../../src/reports/activity-report.js';
import { programReport } from '../../src/reports/program-report.js';
import { rebuildActivitySummaries } from '../../src/db/activity-summaries.js';
import { programPeriod } from '../../src/reports/queries/aggregates.js';
import type { BucketArrays } from '../../src/reports/queries/activity-summary-json.js';
import {
  activityReportBuckets,
  activitySummaries,
  activitySummaryBuckets,
  activitySummaryItems,
  competenceAttempts,
  creditClaims,
  certificates,
  emailOutbox,
  enrollments,
  evaluations,
  followUpResponses,
  learners,
} from '../../src/db/schema/index.js';

const NOW = new Date('2026-06-30T12:00:00Z');
const LONG = `${'Follow the new pathway for every admission, '.repeat(100)}🩺`;

/** Text of every shape a learner might type: long, emoji, repeated, with bias comments and several credit types. */
const COHORT_RICH: LearnerSpec[] = Array.from({ length: 9 }, (_, i) => ({
  paid: true,
  attended: true,
  attempts:
    i % 3 === 0
      ? [
          [false, true, false],
          [true, true, true],
        ]
      : [[true, i % 2 === 0, true]],
  evaluation: {
    ratings: [1 + (i % 5), 5 - (i % 3)],
    relevance: 1 + ((i * 2) % 5),
    biasFree: i % 4 !== 0,
    commitment: i % 2 === 0 ? 'Talk about risk 🎯' : i === 1 ? LONG : `Commitment ${i}`,
    ...(i % 4 === 0 ? { biasComment: 'Only one brand named' } : {}),
  },
  // The last two could claim no type: a certificate of participation each.
  claims:
    i < 7
      ? [
          { type: 'ama_pra_1' as const, credits: i % 2 === 0 ? 2 : 1.25 },
          ...(i % 3 === 0 ? [{ type: 'pace' as const, credits: 1.5 }] : []),
        ]
      : [],
  certified: true,
  ...(i >= 7 ? { participation: i === 7 ? 2.75 : 3 } : {}),
  followUp:
    i < 7
      ? {
          implemented: (['fully', 'partly', 'not'] as const)[i % 3],
          barriers: i % 2 === 0 ? ['time', 'cost'] : ['time'],
          remindersBefore: i % 3,
          ...(i % 2 === 1 ? { comments: i === 3 ? LONG : 'Worked 👍' } : {}),
          ...(i % 3 === 1 ? { viaEmail: i % 2 } : {}),
        }
      : undefined,
  followUpSent: true,
  remindersSent: i % 3,
}));

let database: TestDatabase;
const ACTIVITIES = ['sum-a', 'sum-small', 'sum-silent', 'sum-rich'];
const SCOPE = programPeriod('sum', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));

beforeAll(async () => {
  database = await freshDatabase();
  const { db } = database;
  await seedProgram(db, 'sum', 'Summaries program');
  const cohorts = [COHORT_A, COHORT_SMALL, COHORT_SILENT, COHORT_RICH];
  for (const [k, id] of ACTIVITIES.entries())
    await seedActivity(
      db,
      {
        id,
        programId: 'sum',
        startsAt: `2026-0${k + 1}-15T14:00:00Z`,
        ...(id === 'sum-rich'
          ? {
              policy: {
                credits: [
                  { type: 'ama_pra_1', maxCredits: 2 },
                  { type: 'pace', maxCredits: 1.5 },
                ],
              },
            }
          : {}),
      },
      cohorts[k],
    );
  // Most enrollments closed (as the workflow leaves them), every third still open.
  const all = await db.select({ id: enrollments.id }).from(enrollments).orderBy(enrollments.learnerId);
  const closing = all.filter((_, i) => i % 3 !== 2).map((e) => e.id);
  await db
    .update(enrollments)
    .set({ stage: 'closed', outcome: sql`coalesce(${enrollments.outcome}, 'completed')`, closedAt: NOW })
    .where(inArray(enrollments.id, closing));
});
afterAll(async () => {
  await database?.close();
});

async function reports() {
  const { db } = database;
  const activity = await Promise.all(ACTIVITIES.map((id) => activityReport(db, id, NOW)));
  const program = await programReport(db, 'sum', { from: '2026-01-01', to: '2026-12-31' }, NOW);
  return { activity, program };
}

/** Every section over the program and each activity, from the summaries and recounted from the rows. */
async function expectSameBothWays(): Promise<void> {
  const both = await countedBothWays(database.db, SCOPE, ACTIVITIES);
  expect(both.summaries).toEqual(both.recount);
}

async function summaryTables() {
  const { db } = database;
  const text = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    summaries: text(await db.select().from(activitySummaries)),
    items: text(await db.select().from(activitySummaryItems)),
    // Buckets at zero may stay behind a change that took them back; they count nothing.
    buckets: text(
      await db
        .select()
        .from(activitySummaryBuckets)
        .where(sql`count <> 0`),
    ),
    // Gathered for each report: the buckets read in no order may come in another.
    reportBuckets: text(
      (await db.select().from(activityReportBuckets)).map(({ buckets, ...kept }) => {
        const [kind, key, subkey, count] = buckets as BucketArrays;
        return { ...kept, buckets: text((kind ?? []).map((k, i) => [k, key![i], subkey![i], count![i]])) };
      }),
    ),
  };
}

async function enrollmentOf(activityId: string, where = sql`true`): Promise<string> {
  const rows = await database.db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.activityId, activityId), where))
    .orderBy(enrollments.learnerId);
  return rows[0].id;
}

describe('report summaries', () => {
  it('count every section as the fact rows do, with enrollments open mid-way and closed', async () => {
    const open = await database.db.select().from(enrollments).where(ne(enrollments.stage, 'closed'));
    const closed = await database.db.select().from(enrollments).where(eq(enrollments.stage, 'closed'));
    expect([closed.length, open.length]).toEqual([19, 9]);
    const both = await countedBothWays(database.db, SCOPE, ACTIVITIES);
    // The seed reaches every section: no comparison of two empty lists.
    for (const [part, rows] of Object.entries(both.recount))
      if (!part.includes(':') || part.startsWith('sum-rich:')) expect(rows.length, part).toBeGreaterThan(0);
    expect(both.summaries).toEqual(both.recount);
  });

  it('are what a rebuild from the facts gives (the migrations backfill existing data so)', async () => {
    const kept = await summaryTables();
    const report = await reports();
    await rebuildActivitySummaries(database.db);
    expect(await summaryTables()).toEqual(kept);
    expect(await reports()).toEqual(report);
  });

  it('catch a summary off by one (the comparison can fail)', async () => {
    const { db } = database;
    await db.execute(sql`update activity_summaries set paid = paid + 1 where activity_id = 'sum-a'`);
    let both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries.funnel).not.toEqual(both.recount.funnel);
    await rebuildActivitySummaries(db);
    await db.execute(sql`update activity_summary_buckets set count = count - 1
      where activity_id = 'sum-rich' and kind = 'barrier' and key = 'cost'`);
    both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries.barriers).not.toEqual(both.recount.barriers);
    await rebuildActivitySummaries(db);
    await db.execute(sql`update activity_summary_items set correct = correct + 1
      where activity_id = 'sum-a' and item_id = 'i1'`);
    both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries.items).not.toEqual(both.recount.items);
    await rebuildActivitySummaries(db);
    // The report buckets gathered for one activity: another's, or none of its samples.
    await db.execute(sql`update activity_report_buckets
      set buckets = ceo_report_buckets('sum-small', 200) where activity_id = 'sum-a'`);
    both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries['sum-a:report:ratings']).not.toEqual(both.recount['sum-a:report:ratings']);
    expect(both.summaries.ratings).toEqual(both.recount.ratings);
    await rebuildActivitySummaries(db);
    await db.execute(sql`update activity_report_buckets set samples = null where activity_id = 'sum-rich'`);
    both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries['sum-rich:report:samples']).not.toEqual(both.recount['sum-rich:report:samples']);
    await rebuildActivitySummaries(db);
    await expectSameBothWays();
  });

  it("catch a learner's mean rating off in the series comparison's samples", async () => {
    const { db } = database;
    const one = sql`(select ctid from activity_summary_buckets
      where activity_id = 'sum-a' and kind = 'rating_sample' and key <> '' limit 1)`;
    await db.execute(sql`update activity_summary_buckets set count = count + 1 where ctid = ${one}`);
    let both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries.samples).not.toEqual(both.recount.samples);
    await rebuildActivitySummaries(db);
    // The same number of learners, one of them with a mean a tenth of what it was.
    await db.execute(sql`update activity_summary_buckets set key = key || '0' where ctid = ${one}`);
    both = await countedBothWays(db, SCOPE, ACTIVITIES);
    expect(both.summaries.samples).not.toEqual(both.recount.samples);
    expect(both.summaries.funnel).toEqual(both.recount.funnel);
    await rebuildActivitySummaries(db);
    await expectSameBothWays();
  });

  it('move with a follow-up answer amended after the close', async () => {
    const id = await enrollmentOf('sum-rich', sql`stage = 'closed' and follow_up_answered_at is not null`);
    await database.db
      .update(followUpResponses)
      .set({
        implemented: 'partly',
        barriers: ['staffing', 'time'],
        comments: 'Changed my mind ✅',
        viaEmail: 2,
      })
      .where(eq(followUpResponses.enrollmentId, id));
    await expectSameBothWays();
    const report = await activityReport(database.db, 'sum-rich', NOW);
    expect(report.performanceDetail.barriers).toContainEqual({ barrier: 'staffing', count: 1 });
  });

  it('move as each step writes its facts: a learner enrolls, pays, attends, answers, evaluates, claims, is reminded', async () => {
    const { db } = database;
    await db.insert(learners).values({ id: 'sum-late', name: 'Late Learner', email: 'late@example.test' });
    const [{ id }] = await db
      .insert(enrollments)
      .values({ activityId: 'sum-small', learnerId: 'sum-late', workflowId: 'wf-sum-late' })
      .returning({ id: enrollments.id });
    await expectSameBothWays();
    await db
      .update(enrollments)
      .set({ paidAt: NOW, attendanceCompletedAt: NOW })
      .where(eq(enrollments.id, id));
    await expectSameBothWays();
    await db.insert(competenceAttempts).values({
      enrollmentId: id,
      attemptNo: 1,
      answers: {},
      itemResults: { i1: true, i2: false, i3: true },
      score: 2 / 3,
      passed: true,
      submittedAt: NOW,
    });
    await expectSameBothWays();
    await db.transaction(async (tx) => {
      await tx.insert(evaluations).values({
        enrollmentId: id,
        objectiveRatings: [5, 4],
        relevance: 5,
        freeOfCommercialBias: false,
        biasComment: 'Named one brand 💊',
        commitment: 'Talk about risk 🎯',
        submittedAt: NOW,
      });
      await tx
        .insert(creditClaims)
        .values([{ enrollmentId: id, creditType: 'ama_pra_1', credits: 1.5, claimedAt: NOW }]);
      await tx
        .update(enrollments)
        .set({ evaluatedAt: NOW, claimedAt: NOW, certifiedAt: NOW, followUpSentAt: NOW })
        .where(eq(enrollments.id, id));
    });
    await expectSameBothWays();
    // A retried step: its inserts skipped on conflict (as the steps write them), nothing moves.
    const before = await summaryTables();
    await db
      .insert(enrollments)
      .values({ activityId: 'sum-small', learnerId: 'sum-late', workflowId: 'wf-sum-late-again' })
      .onConflictDoNothing({ target: [enrollments.activityId, enrollments.learnerId] });
    await db
      .insert(evaluations)
      .values({
        enrollmentId: id,
        objectiveRatings: [1, 1],
        relevance: 1,
        freeOfCommercialBias: true,
        commitment: 'Other',
        submittedAt: NOW,
      })
      .onConflictDoNothing({ target: evaluations.enrollmentId });
    expect(await summaryTables()).toEqual(before);
    await db.insert(emailOutbox).values({
      enrollmentId: id,
      kind: 'follow_up_reminder',
      dedupeKey: `${id}:follow_up_reminder:1`,
      toAddress: 'x@example.test',
      subject: 'Reminder',
      html: '',
      text: '',
      messageId: `<${id}.1@example.test>`,
    });
    // The sender's status changes move nothing.
    await db.update(emailOutbox).set({ status: 'sent' }).where(eq(emailOutbox.enrollmentId, id));
    await expectSameBothWays();
  });

  it('move with a claim corrected, an attempt rescored, an enrollment reopened and a learner erased', async () => {
    const { db } = database;
    const claimant = await enrollmentOf('sum-rich', sql`claimed_at is not null`);
    await db.update(creditClaims).set({ credits: 0.75 }).where(eq(creditClaims.enrollmentId, claimant));
    await db
      .delete(creditClaims)
      .where(and(eq(creditClaims.enrollmentId, claimant), eq(creditClaims.creditType, 'pace')));
    await expectSameBothWays();

    const attempted = await enrollmentOf('sum-a', sql`attendance_completed_at is not null`);
    await db
      .update(competenceAttempts)
      .set({ score: 0.2, passed: false, itemResults: { i1: false, i2: false, i3: true } })
      .where(and(eq(competenceAttempts.enrollmentId, attempted), eq(competenceAttempts.attemptNo, 1)));
    await expectSameBothWays();

    const reopened = await enrollmentOf('sum-a', sql`stage = 'closed' and outcome = 'completed'`);
    await db
      .update(enrollments)
      .set({ stage: 'follow_up', outcome: null, closedAt: null, followUpAnsweredAt: null })
      .where(eq(enrollments.id, reopened));
    await db.delete(followUpResponses).where(eq(followUpResponses.enrollmentId, reopened));
    await expectSameBothWays();

    // A certificate of participation revoked, another's hours corrected.
    const [revoked, corrected] = await db
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.creditType, 'participation'))
      .orderBy(certificates.number);
    await db.update(certificates).set({ status: 'revoked' }).where(eq(certificates.id, revoked.id));
    await db.update(certificates).set({ credits: 1.5 }).where(eq(certificates.id, corrected.id));
    await expectSameBothWays();
    // The reporting and PDF columns of a certificate move nothing.
    const kept = await summaryTables();
    await db.update(certificates).set({ reportedAt: NOW, reportedTo: 'cpe_monitor' });
    expect(await summaryTables()).toEqual(kept);

    // An enrollment moved to another activity (a data fix): both activities' reports move.
    const moved = await enrollmentOf('sum-small', sql`evaluated_at is not null`);
    await db.update(enrollments).set({ activityId: 'sum-silent' }).where(eq(enrollments.id, moved));
    await expectSameBothWays();

    // Erasure: every row of one learner's enrollment gone, in one transaction.
    const erased = await enrollmentOf('sum-rich', sql`evaluated_at is not null`);
    await db.transaction(async (tx) => {
      for (const table of [
        'competence_attempts',
        'evaluations',
        'credit_claims',
        'follow_up_responses',
        'certificates',
        'email_outbox',
      ])
        await tx.execute(sql`delete from ${sql.identifier(table)} where enrollment_id = ${erased}`);
      await tx.execute(sql`delete from submissions where enrollment_id = ${erased}`);
      await tx.delete(enrollments).where(eq(enrollments.id, erased));
    });
    await expectSameBothWays();
  });

  it('stay right with many writers at once, on one activity and across two (none deadlocks)', async () => {
    const { db } = database;
    const learnersAtOnce = Array.from({ length: 24 }, (_, i) => `sum-crowd-${i}`);
    await db
      .insert(learners)
      .values(learnersAtOnce.map((id) => ({ id, name: id, email: `${id}@example.test` })));
    // Each learner's steps in its own transaction, all at once: enroll, pay, evaluate, claim.
    await Promise.all(
      learnersAtOnce.map((learnerId, i) =>
        db.transaction(async (tx) => {
          const [{ id }] = await tx
            .insert(enrollments)
            .values({
              activityId: i % 3 ? 'sum-small' : 'sum-silent',
              learnerId,
              workflowId: `wf-${learnerId}`,
            })
            .returning({ id: enrollments.id });
          await tx
            .update(enrollments)
            .set({ paidAt: NOW, attendanceCompletedAt: NOW })
            .where(eq(enrollments.id, id));
          await tx.insert(evaluations).values({
            enrollmentId: id,
            objectiveRatings: [1 + (i % 5), 3],
            relevance: 1 + (i % 5),
            freeOfCommercialBias: i % 2 === 0,
            commitment: `Crowd commitment ${i % 4}`,
            submittedAt: NOW,
          });
          await tx
            .insert(creditClaims)
            .values({ enrollmentId: id, creditType: 'ama_pra_1', credits: 1, claimedAt: NOW });
          await tx
            .update(enrollments)
            .set({ evaluatedAt: NOW, claimedAt: NOW })
            .where(eq(enrollments.id, id));
        }),
      ),
    );
    await expectSameBothWays();
  });

  it('stay right when two transactions change one enrollment at once (the second waits for the first)', async () => {
    const { db } = database;
    const [{ id }] = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(eq(enrollments.learnerId, 'sum-late'));
    await db.update(enrollments).set({ claimedAt: null, certifiedAt: null }).where(eq(enrollments.id, id));
    const first = db.transaction(async (tx) => {
      await tx.update(enrollments).set({ claimedAt: NOW }).where(eq(enrollments.id, id));
      await tx.execute(sql`select pg_sleep(0.3)`);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = db.transaction(async (tx) => {
      await tx
        .insert(creditClaims)
        .values({ enrollmentId: id, creditType: 'pace', credits: 0.5, claimedAt: NOW });
    });
    await Promise.all([first, second]);
    await expectSameBothWays();
  });

  it('move with statements over many enrollments of several activities at once, and not with one rolled back', async () => {
    const { db } = database;
    await db.execute(sql`update follow_up_responses set reminders_before = reminders_before + 1,
      barriers = barriers || '["cost"]'::jsonb`);
    await db.execute(sql`update evaluations set relevance = 6 - relevance, commitment = upper(commitment)`);
    await db.execute(sql`update enrollments set outcome = 'withdrawn', stage = 'closed'
      where stage <> 'closed' and paid_at is null`);
    await expectSameBothWays();
    const before = await summaryTables();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`delete from credit_claims`);
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(await summaryTables()).toEqual(before);
    await expectSameBothWays();
    // And the rebuild still agrees after all of it.
    await rebuildActivitySummaries(db);
    expect(await summaryTables()).toEqual(before);
  });
});
