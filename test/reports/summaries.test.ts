// Reports read per-activity summaries of the closed enrollments plus the open
// ones row by row. On the same seeded data, every figure is the same whichever
// way an enrollment is counted: all row by row (as before the summaries),
// summarized by the migration's backfill, or added one by one as each closes;
// and a follow-up answer amended after the close moves the summary with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
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
import {
  amendSummarized,
  rebuildActivitySummaries,
  summarizeClosed,
} from '../../src/db/activity-summaries.js';
import {
  activitySummaries,
  activitySummaryBuckets,
  activitySummaryItems,
  enrollments,
  followUpResponses,
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
  claims: [
    { type: 'ama_pra_1' as const, credits: i % 2 === 0 ? 2 : 1.25 },
    ...(i % 3 === 0 ? [{ type: 'pace' as const, credits: 1.5 }] : []),
  ],
  certified: true,
  followUp:
    i < 7
      ? {
          implemented: (['fully', 'partly', 'not'] as const)[i % 3],
          barriers: i % 2 === 0 ? ['time', 'cost'] : ['time'],
          remindersBefore: i % 3,
          ...(i % 2 === 1 ? { comments: i === 3 ? LONG : 'Worked 👍' } : {}),
        }
      : undefined,
  followUpSent: true,
  remindersSent: i % 3,
}));

let database: TestDatabase;
const ACTIVITIES = ['sum-a', 'sum-small', 'sum-silent', 'sum-rich'];

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
  const all = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .orderBy(enrollments.learnerId);
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

/** Everything counted row by row again: no summary, nothing summarized. */
async function unsummarizeAll(): Promise<void> {
  const { db } = database;
  await db.delete(activitySummaryBuckets);
  await db.delete(activitySummaryItems);
  await db.delete(activitySummaries);
  await db.update(enrollments).set({ summarized: false });
}

async function summarizedCount(): Promise<number> {
  const rows = await database.db.select().from(enrollments).where(eq(enrollments.summarized, true));
  return rows.length;
}

describe('report summaries', () => {
  it('give the same figures as counting every row, after the backfill', async () => {
    await unsummarizeAll();
    const rowByRow = await reports();
    await rebuildActivitySummaries(database.db);
    const closed = await database.db.select().from(enrollments).where(eq(enrollments.stage, 'closed'));
    const open = await database.db.select().from(enrollments).where(ne(enrollments.stage, 'closed'));
    expect([closed.length, open.length]).toEqual([19, 9]);
    expect(await summarizedCount()).toBe(19);
    expect(await reports()).toEqual(rowByRow);
  });

  it('give the same figures when each enrollment is added as it closes, and once only', async () => {
    const rowByRow = await (async () => (await unsummarizeAll(), reports()))();
    const closed = await database.db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(eq(enrollments.stage, 'closed'));
    for (const { id } of closed) {
      await summarizeClosed(database.db, id);
      await summarizeClosed(database.db, id); // a retried close adds nothing
    }
    expect(await summarizedCount()).toBe(closed.length);
    expect(await reports()).toEqual(rowByRow);
  });

  it('are what the reports read for closed enrollments (their rows are not counted again)', async () => {
    await unsummarizeAll();
    await rebuildActivitySummaries(database.db);
    const before = await reports();
    // A summarized enrollment's rows changed behind the summary's back: the reports do not see it.
    const [closedAnswer] = await database.db
      .select({ id: followUpResponses.enrollmentId })
      .from(followUpResponses)
      .innerJoin(enrollments, eq(enrollments.id, followUpResponses.enrollmentId))
      .where(and(eq(enrollments.summarized, true), eq(followUpResponses.implemented, 'fully')));
    await database.db
      .update(followUpResponses)
      .set({ implemented: 'not' })
      .where(eq(followUpResponses.enrollmentId, closedAnswer.id));
    // Grouped commitments quote each author's own words beside their answer, so they read the rows.
    const counted = ({ activity, program }: Awaited<ReturnType<typeof reports>>) => ({
      activity: activity.map(({ commitmentGroups: _, ...figures }) => figures),
      program,
    });
    expect(counted(await reports())).toEqual(counted(before));
    await database.db
      .update(followUpResponses)
      .set({ implemented: 'fully' })
      .where(eq(followUpResponses.enrollmentId, closedAnswer.id));
  });

  it('move with a follow-up answer amended after the close', async () => {
    await unsummarizeAll();
    await rebuildActivitySummaries(database.db);
    const [answer] = await database.db
      .select({ id: followUpResponses.enrollmentId })
      .from(followUpResponses)
      .innerJoin(enrollments, eq(enrollments.id, followUpResponses.enrollmentId))
      .where(and(eq(enrollments.summarized, true), eq(enrollments.activityId, 'sum-rich')));
    await amendSummarized(database.db, answer.id, (tx) =>
      tx
        .update(followUpResponses)
        .set({ implemented: 'partly', barriers: ['staffing', 'time'], comments: 'Changed my mind ✅' })
        .where(eq(followUpResponses.enrollmentId, answer.id)),
    );
    const amended = await reports();
    await unsummarizeAll();
    expect(amended).toEqual(await reports());
    expect(amended.activity[3].performanceDetail.barriers).toContainEqual({ barrier: 'staffing', count: 1 });
  });
});
