// Activities as the enrollment system defines them: created or replaced whole.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities } from '../db/schema/index.js';
import type { ActivityInput } from '../domain/policy.js';

/** Creates or replaces an activity. Running enrollments keep the policy they started with. */
export async function saveActivity(
  ctx: AppContext,
  activityId: string,
  input: ActivityInput,
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
  const inserted = await ctx.db
    .insert(activities)
    .values({ id: activityId, ...values })
    .onConflictDoNothing({ target: activities.id })
    .returning({ id: activities.id });
  if (inserted.length > 0) return { created: true };
  await ctx.db
    .update(activities)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(activities.id, activityId));
  return { created: false };
}
