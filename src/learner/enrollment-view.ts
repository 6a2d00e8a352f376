// What a learner page needs about one enrollment: the rows (activity, learner,
// saved answers) and the workflow's state, read through the enrollment service.
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import {
  activities,
  competenceAttempts,
  creditClaims,
  evaluations,
  followUpResponses,
  learners,
} from '../db/schema/index.js';
import { getEnrollment } from '../enrollment/service.js';
import { loadCredentials, profileOf } from '../enrollment/profile.js';
import type { LearnerProfile } from '../domain/profile.js';
import { NotFound } from '../domain/errors.js';
import { minutesForClaim as minutesOf } from '../domain/credits.js';
import type { EnrollmentState } from '../../workflows/messages.js';

export type ActivityRow = typeof activities.$inferSelect;
export type LearnerRow = typeof learners.$inferSelect;
export type EnrollmentRow = Awaited<ReturnType<typeof getEnrollment>>['enrollment'];

export interface EnrollmentView {
  enrollmentId: string;
  enrollment: EnrollmentRow;
  state: EnrollmentState;
  activity: ActivityRow;
  learner: LearnerRow;
  /** Profession and credentials, as the credit rules read them. */
  profile: LearnerProfile;
}

/** Undefined when the enrollment is gone (the page says so rather than failing). */
export async function loadEnrollmentView(
  ctx: AppContext,
  enrollmentId: string,
): Promise<EnrollmentView | undefined> {
  let found: Awaited<ReturnType<typeof getEnrollment>>;
  try {
    found = await getEnrollment(ctx, enrollmentId);
  } catch (err) {
    if (err instanceof NotFound) return undefined;
    throw err;
  }
  const [[activity], [learner]] = await Promise.all([
    ctx.db.select().from(activities).where(eq(activities.id, found.activityId)).limit(1),
    ctx.db.select().from(learners).where(eq(learners.id, found.learnerId)).limit(1),
  ]);
  if (!activity || !learner) return undefined;
  const profile = profileOf(learner, await loadCredentials(ctx.db, learner.id));
  return { enrollmentId, enrollment: found.enrollment, state: found.state, activity, learner, profile };
}

export async function savedAttempts(ctx: AppContext, enrollmentId: string) {
  return ctx.db
    .select()
    .from(competenceAttempts)
    .where(eq(competenceAttempts.enrollmentId, enrollmentId))
    .orderBy(desc(competenceAttempts.attemptNo));
}

export async function savedEvaluation(ctx: AppContext, enrollmentId: string) {
  const [row] = await ctx.db
    .select()
    .from(evaluations)
    .where(eq(evaluations.enrollmentId, enrollmentId))
    .limit(1);
  return row;
}

export async function savedClaims(ctx: AppContext, enrollmentId: string) {
  return ctx.db.select().from(creditClaims).where(eq(creditClaims.enrollmentId, enrollmentId));
}

export async function savedFollowUp(ctx: AppContext, enrollmentId: string) {
  const [row] = await ctx.db
    .select()
    .from(followUpResponses)
    .where(eq(followUpResponses.enrollmentId, enrollmentId))
    .limit(1);
  return row;
}

/** Mirrors the workflow: an enduring activity completed on demand counts as its designated time. */
export function minutesForClaim(view: EnrollmentView): number | null {
  return minutesOf(view.activity.format, view.state.minutesAttended, true);
}

/** The same flags the workflow checks claims against. */
export { credentialFlags } from '../domain/credits.js';

/** Waits briefly for the workflow to show a submission another request is still recording. */
export async function waitForState(
  ctx: AppContext,
  enrollmentId: string,
  done: (state: EnrollmentState) => boolean,
  timeoutMs = 5000,
): Promise<EnrollmentView | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await loadEnrollmentView(ctx, enrollmentId);
    if (!view || done(view.state) || Date.now() > deadline) return view;
    await new Promise((r) => setTimeout(r, 150));
  }
}
