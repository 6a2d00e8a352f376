// Activities as the enrollment system defines them: created or replaced whole.
// A designation is fixed before the activity starts: a maximum raised after
// startsAt is refused, and every change of a maximum is audited.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, designationChanges, enrollments } from '../db/schema/index.js';
import { cancelScheduled } from '../outbox/scheduled.js';
import { designationChanges as compareDesignations } from '../domain/designation-rules.js';
import { Invalid } from '../domain/errors.js';
import type { ActivityInput } from '../domain/policy.js';

/** Creates or replaces an activity. Running enrollments keep the policy they started with. */
export async function saveActivity(
  ctx: AppContext,
  activityId: string,
  input: ActivityInput,
  actor = 'enrollment API',
): Promise<{ created: boolean }> {
  const values = {
    title: input.title,
    programId: input.programId,
    seriesId: input.seriesId ?? null,
    providerName: input.providerName,
    format: input.format,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    location: input.location ?? null,
    learningObjectives: input.learningObjectives,
    priceCents: input.priceCents,
    currency: input.currency,
    policy: input.policy,
  };
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(activities)
      .values({ id: activityId, ...values })
      .onConflictDoNothing({ target: activities.id })
      .returning({ id: activities.id });
    if (inserted.length > 0) return { created: true };
    const [before] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('update');
    // Started by the schedule it had or the one it gets: moving startsAt later does not reopen it.
    const startsAt = Math.min(before.startsAt.getTime(), values.startsAt.getTime());
    const started = ctx.clock.now().getTime() >= startsAt;
    const { problems, changes } = compareDesignations(before.policy.credits, input.policy.credits, started);
    if (problems.length > 0) {
      const fields = problems.map((p) => ({ field: `body.${p.path.join('.')}`, message: p.message }));
      throw new Invalid(fields.map((f) => `${f.field}: ${f.message}`).join('; '), undefined, fields);
    }
    await tx
      .update(activities)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(activities.id, activityId));
    // Follow-ups queued ahead counted from the old end: the workflows' own steps send them at their moment.
    if (before.endsAt.getTime() !== values.endsAt.getTime() || before.format !== values.format)
      await cancelScheduled(tx, eq(enrollments.activityId, activityId));
    if (changes.length > 0)
      await tx.insert(designationChanges).values(
        changes.map((c) => ({
          activityId,
          creditType: c.creditType,
          fromMax: c.from,
          toMax: c.to,
          afterStart: started,
          actor,
        })),
      );
    return { created: false };
  });
}
