// Enrolling a learner: the learner's details in PostgreSQL, one workflow per
// (activity, learner) in Temporal.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, enrollments, learners } from '../db/schema/index.js';
import { Invalid, NotFound } from '../domain/errors.js';
import { enrollmentWorkflowId, type EnrollmentPlan } from '../../workflows/messages.js';
import type { enrollmentWorkflow } from '../../workflows/enrollment.js';
import type { LearnerInput } from './schemas.js';
import { queueEnrollmentEmail } from '../disclosures/enrollment-email.js';
import { updateProfile } from './profile.js';
import { cancelScheduled } from '../outbox/scheduled.js';

/**
 * Enrolls a learner: the learner's details are upserted in PostgreSQL (the
 * workflow gets ids only) and one workflow per (activity, learner) is started.
 * A second call returns the existing enrollment.
 */
export async function enroll(
  ctx: AppContext,
  activityId: string,
  learner: LearnerInput,
  options: { feeWaiver?: string } = {},
): Promise<{ enrollmentId: string; workflowId: string; created: boolean }> {
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new NotFound(`activityId: no activity "${activityId}"`);
  // A waiver the activity does not accept would silently leave the learner owing: refuse it up front.
  const accepted = activity.policy.feeWaivers;
  if (options.feeWaiver !== undefined && !accepted.includes(options.feeWaiver))
    throw Invalid.field(
      'body.feeWaiver',
      `"${options.feeWaiver}" is not a waiver this activity accepts (${accepted.join(', ') || 'none'})`,
    );

  // The profile fields sent replace what is stored; those left out are kept.
  const { id, name, email, profession, nabpEProfileId, birthMonthDay, credentials } = learner;
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(learners).where(eq(learners.id, id)).for('update');
    await tx
      .insert(learners)
      .values({ id, name, email })
      .onConflictDoUpdate({ target: learners.id, set: { name, email, updatedAt: new Date() } });
    // A follow-up queued ahead names the learner at the old address: their steps compose it anew.
    if (before && (before.name !== name || before.email !== email))
      await cancelScheduled(tx, eq(enrollments.learnerId, id));
  });
  await updateProfile(ctx.db, id, { profession, nabpEProfileId, birthMonthDay, credentials });

  // The run follows the policy as it is now, whatever later edits do to the activity.
  const { policy } = activity;
  const plan: EnrollmentPlan = {
    format: activity.format,
    endsAt: activity.endsAt.toISOString(),
    paymentDue: activity.priceCents > 0 && options.feeWaiver === undefined,
    competenceItems: policy.competence.items.length,
    maxAttempts: policy.competence.maxAttempts,
    windows: policy.windows,
    followUp: policy.followUp,
  };
  const workflowId = enrollmentWorkflowId(activityId, learner.id);
  const inserted = await ctx.db
    .insert(enrollments)
    .values({
      activityId,
      learnerId: learner.id,
      workflowId,
      feeWaiver: options.feeWaiver ?? null,
      policy,
      workflowVersion: 2,
      stage: plan.paymentDue ? 'awaiting_payment' : 'attending',
    })
    .onConflictDoNothing({ target: [enrollments.activityId, enrollments.learnerId] })
    .returning();
  const created = inserted.length > 0;
  // The enrollment email lists the disclosures (held until they are complete when the policy says so).
  if (created) await queueEnrollmentEmail(ctx, inserted[0].id, activity, { name, email });
  const row =
    inserted[0] ??
    (
      await ctx.db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.activityId, activityId), eq(enrollments.learnerId, learner.id)))
    )[0];

  // Started on every call, so an enroll that crashed between the row and the
  // start is completed by its retry; a running or finished workflow is kept.
  // A row made before v2 has no plan: its workflow (if it ever starts here) runs v1.
  try {
    await ctx.temporal.workflow.start<typeof enrollmentWorkflow>('enrollmentWorkflow', {
      taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [
        {
          enrollmentId: row.id,
          activityId,
          learnerId: learner.id,
          // workflowVersion tells the run it is v2 without a (billed) patch marker.
          ...(row.workflowVersion === 2 ? { plan, workflowVersion: 2 as const } : {}),
        },
      ],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { enrollmentId: row.id, workflowId, created };
}
