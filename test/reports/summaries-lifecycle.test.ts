// The report summaries kept as the workflow's steps write their facts, on a
// run like the demo's: learners who complete and answer the follow-up,
// complete without answering (reminded, then closed; a nurse, who may claim
// no credit type and gets a certificate of participation), fail the competence
// check, lapse unpaid, and one still open mid-way. What the steps added up
// equals what a rebuild from the facts gives (the migrations' backfill), and
// every report section counts the same as straight from the fact rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { countedBothWays } from '../support/report-recount.js';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleAnswers, sampleLearner } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import {
  driveToClaim,
  driveToFollowUp,
  mailArrives,
  outcomeOf,
  payAndAttend,
  reachStage,
  type Enrolled,
} from '../lifecycle/story.js';
import { activityReport } from '../../src/reports/activity-report.js';
import { rebuildActivitySummaries } from '../../src/db/activity-summaries.js';
import {
  activitySummaries,
  activitySummaryBuckets,
  activitySummaryItems,
  enrollments,
} from '../../src/db/schema/index.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const activityId = `sum-run-${process.pid}`;
const NOW = new Date();

async function summaryTables() {
  const { db } = stack;
  const byKey = <T>(rows: T[], key: (r: T) => string) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    summary: await db.select().from(activitySummaries).where(eq(activitySummaries.activityId, activityId)),
    items: byKey(
      await db.select().from(activitySummaryItems).where(eq(activitySummaryItems.activityId, activityId)),
      (r) => r.itemId,
    ),
    buckets: byKey(
      await db.select().from(activitySummaryBuckets).where(eq(activitySummaryBuckets.activityId, activityId)),
      (r) => `${r.kind}\u0000${r.key}\u0000${r.subkey}`,
    ),
  };
}

describe('report summaries kept as the workflow steps write their facts', () => {
  it('equal a rebuild from the facts, and every section equals counting every row', async () => {
    await service.saveActivity(stack.ctx, activityId, sampleActivity());
    const enrolled: Enrolled[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const learner = sampleLearner(n, n === 2 ? 'nurse' : 'physician');
      const { enrollmentId, workflowId } = await service.enroll(stack.ctx, activityId, learner);
      enrolled.push({ activityId, enrollmentId, workflowId, learner });
    }
    const [answers, silent, failing, lapsing, open] = enrolled;
    const failTwice = async (e: Enrolled) => {
      await payAndAttend(stack, e);
      await reachStage(stack, e.enrollmentId, 'competence');
      await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(3) });
      await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(2) });
    };
    const participates = async (e: Enrolled) => {
      await driveToClaim(stack, e);
      await service.submitClaim(stack.ctx, e.enrollmentId, { claims: [] });
      await mailArrives(stack, e.learner.email, 'Did you make the change?');
    };
    // Side by side: the payment window is 3 s (the fourth learner lets it pass).
    await Promise.all([
      driveToFollowUp(stack, answers),
      participates(silent),
      failTwice(failing),
      driveToClaim(stack, open),
    ]);
    await service.submitFollowUp(stack.ctx, answers.enrollmentId, {
      implemented: 'partly',
      barriers: ['time', 'cost'],
      comments: 'Ordered the toxin test first 🧪',
    });
    expect(await outcomeOf(stack, answers)).toBe('completed');
    expect(await outcomeOf(stack, silent)).toBe('completed');
    expect(await outcomeOf(stack, failing)).toBe('failed_competence');
    expect(await outcomeOf(stack, lapsing)).toBe('lapsed');

    const [still] = await stack.db.select().from(enrollments).where(eq(enrollments.id, open.enrollmentId));
    expect(still.stage).toBe('claim');

    const kept = await summaryTables();
    expect(kept.summary[0]).toMatchObject({
      enrolled: 5,
      paid: 4,
      lapsed: 1,
      failedCompetence: 1,
      attempts: 5,
      evaluations: 3,
      followUpAnswered: 1,
    });
    // The silent learner was reminded before the follow-up closed.
    expect(kept.summary[0].remindersSent).toBeGreaterThan(0);
    const report = await activityReport(stack.db, activityId, NOW);
    expect(report.funnel).toMatchObject({ enrolled: 5, paid: 4, claimed: 2, followUpAnswered: 1 });

    // Every section, the free text and the commitments count the same straight from the fact rows.
    const both = await countedBothWays(stack.db, sql`select ${activityId}::text`, [activityId]);
    expect(both.summaries).toEqual(both.recount);
    expect(both.recount.reminders.length).toBe(1);
    expect(both.recount.credits.map((c) => JSON.parse(c).credit_type).sort()).toEqual([
      'ama_pra_1',
      'participation',
    ]);

    // The backfill's rebuild from the facts gives the same summaries and the same report.
    await rebuildActivitySummaries(stack.db);
    expect(await summaryTables()).toEqual(kept);
    expect(await activityReport(stack.db, activityId, NOW)).toEqual(report);
  });
});
