// End to end through the real workflow: two learners go through the activity
// (one answers the follow-up, one does not), and the committee report counts
// exactly what the lifecycle wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleLearner } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import * as service from '../../src/enrollment/service.js';
import { driveToFollowUp, policyWith, type Enrolled } from '../lifecycle/story.js';
import { activityReport } from '../../src/reports/activity-report.js';
import type { ActivityReport } from '../../src/reports/schemas.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('report over enrollments the workflow ran', () => {
  it('counts the funnel, the competence check, the evaluations, the claims and the follow-up answers', async () => {
    const activityId = `e2e-report-${process.pid}`;
    await service.saveActivity(
      stack.ctx,
      activityId,
      sampleActivity({
        policy: policyWith({
          followUp: { enabled: true, delay: '1s', reminders: ['30s'], closeAfter: '60s' },
        }),
      }),
    );
    const learners: Enrolled[] = [];
    for (const n of [1, 2]) {
      const learner = sampleLearner(n);
      const { enrollmentId, workflowId } = await service.enroll(stack.ctx, activityId, learner);
      learners.push({ activityId, enrollmentId, workflowId, learner });
    }
    // Side by side: the payment window is seconds long.
    await Promise.all(learners.map((e) => driveToFollowUp(stack, e)));
    await service.submitFollowUp(stack.ctx, learners[0].enrollmentId, {
      implemented: 'partly',
      barriers: ['time'],
    });

    const r = await eventually<ActivityReport>(async () => {
      const report = await activityReport(stack.db, activityId);
      if (report.funnel.followUpAnswered !== 1) throw new Error('the follow-up answer is not recorded yet');
      return report;
    });
    expect(r.funnel).toMatchObject({
      enrolled: 2,
      paid: 2,
      attended: 2,
      competencePassedFirstAttempt: 2,
      competencePassedEventually: 2,
      evaluated: 2,
      claimed: 2,
      certified: 2,
      followUpSent: 2,
      followUpAnswered: 1,
    });
    expect(r.competence).toMatchObject({ attempted: 2, attempts: 2, passRateEventually: 1 });
    expect(r.evaluation).toMatchObject({
      responses: 2,
      objectivesMean: 4.6667,
      relevanceMean: 5,
      perceivedBias: 0,
    });
    expect(r.performance).toMatchObject({
      sent: 2,
      answered: 1,
      responseRate: 0.5,
      partly: 1,
      implementedShare: 1,
    });
    expect(r.performanceDetail.barriers).toEqual([{ barrier: 'time', count: 1 }]);
    expect(r.credits.find((c) => c.creditType === 'ama_pra_1')).toMatchObject({
      claimants: 2,
      totalClaimed: 3,
    });
    // Two learners are fewer than the policy's minimum of five: nothing is judged.
    expect(new Set(r.acceptability.map((v) => v.verdict))).toEqual(new Set(['too_few_responses']));
  });
});
