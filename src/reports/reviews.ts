// Committee reviews: the decision on an activity's (or a program period's)
// outcomes and the changes to make; shown on every later report.
import { z } from 'zod';
import { and, desc, eq, isNull, lte, gte } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, committeeReviews } from '../db/schema/index.js';
import { Invalid, NotFound } from '../domain/errors.js';
import type { Review } from './schemas.js';
import { isoDay } from '../platform/format.js';
import { actionInputSchema, checkActions, createActions } from './actions.js';

export const REVIEW_DECISIONS = ['acceptable', 'changes_required', 'not_acceptable'] as const;

const isoDate = z.iso.date('expected a date like 2026-11-23');

const reviewBaseSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  /** What to change; required unless the decision is acceptable. */
  changes: z.string().max(10_000).default(''),
  reviewers: z.array(z.string().trim().min(1).max(200)).min(1, 'at least one reviewer').max(50),
  /** The date of the committee meeting. */
  reviewedOn: isoDate,
});

export const reviewInputSchema = reviewBaseSchema.extend({
  /** The changes as tracked actions (owner, due date); without them, the changes are one action. */
  actions: z.array(actionInputSchema).max(20).default([]),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const periodReviewInputSchema = reviewBaseSchema.extend({
  periodFrom: isoDate,
  periodTo: isoDate,
});
export type PeriodReviewInput = z.infer<typeof periodReviewInputSchema>;

function checkChanges(input: z.infer<typeof reviewBaseSchema>): void {
  if (input.decision !== 'acceptable' && input.changes.trim() === '')
    throw Invalid.field('body.changes', `say what to change when the decision is ${input.decision}`);
  // A meeting that has not happened yet cannot have decided anything (a day's grace for time zones).
  if (input.reviewedOn > isoDay(new Date(Date.now() + 86_400_000)))
    throw Invalid.field('body.reviewedOn', 'is in the future: give the date of the meeting');
}

export function toReview(row: typeof committeeReviews.$inferSelect): Review {
  return {
    id: row.id,
    activityId: row.activityId,
    programId: row.programId,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    decision: row.decision,
    changes: row.changes,
    reviewers: row.reviewers,
    reviewedOn: row.reviewedOn,
  };
}

export async function recordActivityReview(
  db: Database,
  activityId: string,
  input: ReviewInput,
): Promise<Review> {
  checkChanges(input);
  checkActions(input.actions, input.reviewedOn);
  const [activity] = await db
    .select({ programId: activities.programId })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!activity) throw new NotFound(`activityId: no activity "${activityId}"`);
  const { actions, ...review } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(committeeReviews)
      .values({ activityId, programId: activity.programId, ...review })
      .returning();
    await createActions(
      tx as unknown as Database,
      { ...row, activityId, programId: activity.programId },
      actions,
    );
    return toReview(row);
  });
}

export async function recordPeriodReview(
  db: Database,
  programId: string,
  input: PeriodReviewInput,
): Promise<Review> {
  checkChanges(input);
  if (input.periodTo < input.periodFrom) throw Invalid.field('body.periodTo', 'is before periodFrom');
  const [row] = await db
    .insert(committeeReviews)
    .values({ activityId: null, programId, ...input })
    .returning();
  return toReview(row);
}

export async function activityReviews(db: Database, activityId: string): Promise<Review[]> {
  const rows = await db
    .select()
    .from(committeeReviews)
    .where(eq(committeeReviews.activityId, activityId))
    .orderBy(desc(committeeReviews.reviewedOn), desc(committeeReviews.createdAt));
  return rows.map(toReview);
}

/** Period reviews of a program whose period overlaps [from, to]. */
export async function periodReviews(
  db: Database,
  programId: string,
  from: string,
  to: string,
): Promise<Review[]> {
  const rows = await db
    .select()
    .from(committeeReviews)
    .where(
      and(
        eq(committeeReviews.programId, programId),
        isNull(committeeReviews.activityId),
        lte(committeeReviews.periodFrom, to),
        gte(committeeReviews.periodTo, from),
      ),
    )
    .orderBy(desc(committeeReviews.reviewedOn), desc(committeeReviews.createdAt));
  return rows.map(toReview);
}

/** The latest review of each of the program's activities (one query). */
export async function latestActivityReviews(db: Database, programId: string): Promise<Map<string, Review>> {
  const rows = await db
    .select()
    .from(committeeReviews)
    .where(eq(committeeReviews.programId, programId))
    .orderBy(desc(committeeReviews.reviewedOn), desc(committeeReviews.createdAt));
  const out = new Map<string, Review>();
  for (const row of rows)
    if (row.activityId && !out.has(row.activityId)) out.set(row.activityId, toReview(row));
  return out;
}
