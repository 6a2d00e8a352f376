// Tracked actions: each change a review requires becomes an action with an
// owner, a due date and a status, kept on the reviewed activity's series so
// the next activity of the series shows what changed since.
import { z } from 'zod';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { ACTION_STATUSES, activities, committeeReviews, reviewActions } from '../db/schema/index.js';
import { Invalid, NotFound } from '../domain/errors.js';

const isoDate = z.iso.date('expected a date like 2026-11-23');

export const actionInputSchema = z.object({
  description: z.string().trim().min(1).max(2000),
  owner: z.string().trim().min(1).max(200).optional(),
  dueOn: isoDate.optional(),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

export const actionUpdateSchema = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  owner: z.string().trim().max(200).optional(),
  dueOn: isoDate.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ActionUpdate = z.infer<typeof actionUpdateSchema>;

export const actionSchema = z.object({
  id: z.string(),
  reviewId: z.string(),
  reviewedOn: z.string(),
  activityId: z.string(),
  activityTitle: z.string(),
  programId: z.string(),
  seriesId: z.string().nullable(),
  description: z.string(),
  owner: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type Action = z.infer<typeof actionSchema>;

export const OPEN_STATUSES = ['open', 'in_progress'] as const;

/** A due date on or after the review and within ten years of it. */
function checkDue(field: string, dueOn: string | undefined, reviewedOn: string): void {
  if (!dueOn) return;
  if (dueOn < reviewedOn) throw Invalid.field(field, `is before the review (${reviewedOn})`);
  const latest = `${Number(reviewedOn.slice(0, 4)) + 10}${reviewedOn.slice(4)}`;
  if (dueOn > latest)
    throw Invalid.field(field, `is more than ten years after the review (${latest} at the latest)`);
}

export function checkActions(actions: ActionInput[], reviewedOn: string): void {
  actions.forEach((a, i) => checkDue(`body.actions.${i}.dueOn`, a.dueOn, reviewedOn));
}

/** The actions a review requires (in the review's transaction). */
export async function createActions(
  tx: Database,
  review: { id: string; activityId: string; programId: string; decision: string; changes: string },
  actions: ActionInput[],
): Promise<void> {
  if (review.decision === 'acceptable') return;
  // A review with changes but no listed actions tracks the changes as one action, owner to be named.
  const list = actions.length > 0 ? actions : [{ description: review.changes.trim() }];
  const [activity] = await tx
    .select({ seriesId: activities.seriesId })
    .from(activities)
    .where(eq(activities.id, review.activityId));
  await tx.insert(reviewActions).values(
    list.map((a) => ({
      reviewId: review.id,
      activityId: review.activityId,
      programId: review.programId,
      seriesId: activity?.seriesId ?? null,
      description: a.description,
      owner: 'owner' in a ? (a.owner ?? null) : null,
      dueOn: 'dueOn' in a ? (a.dueOn ?? null) : null,
    })),
  );
}

/** Actions matching the filter, newest review first. */
export async function listActions(
  db: Database,
  filter: { programId?: string; seriesId?: string; activityIds?: string[]; status?: 'open' | 'all' },
): Promise<Action[]> {
  const where: SQL[] = [];
  if (filter.programId) where.push(eq(reviewActions.programId, filter.programId));
  if (filter.seriesId) where.push(eq(reviewActions.seriesId, filter.seriesId));
  if (filter.activityIds) {
    if (filter.activityIds.length === 0) return [];
    where.push(inArray(reviewActions.activityId, filter.activityIds));
  }
  if (filter.status === 'open') where.push(inArray(reviewActions.status, [...OPEN_STATUSES]));
  const rows = await db
    .select({ action: reviewActions, reviewedOn: committeeReviews.reviewedOn, title: activities.title })
    .from(reviewActions)
    .innerJoin(committeeReviews, eq(committeeReviews.id, reviewActions.reviewId))
    .innerJoin(activities, eq(activities.id, reviewActions.activityId))
    .where(and(...where))
    .orderBy(desc(committeeReviews.reviewedOn), asc(reviewActions.createdAt));
  return rows.map(({ action: a, reviewedOn, title }) => ({
    id: a.id,
    reviewId: a.reviewId,
    reviewedOn,
    activityId: a.activityId,
    activityTitle: title,
    programId: a.programId,
    seriesId: a.seriesId,
    description: a.description,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    note: a.note,
    updatedAt: a.updatedAt.toISOString(),
  }));
}

/** Changes an action's status, owner, due date or note; a field left out stays as it is. */
export async function updateAction(db: Database, actionId: string, input: ActionUpdate): Promise<Action> {
  const [found] = await db
    .select({ action: reviewActions, reviewedOn: committeeReviews.reviewedOn })
    .from(reviewActions)
    .innerJoin(committeeReviews, eq(committeeReviews.id, reviewActions.reviewId))
    .where(eq(reviewActions.id, actionId));
  if (!found) throw new NotFound(`actionId: no action "${actionId}"`);
  checkDue('body.dueOn', input.dueOn, found.reviewedOn);
  if ((input.status === 'done' || input.status === 'dropped') && !input.note?.trim() && !found.action.note)
    throw Invalid.field(
      'body.note',
      `say what was done (or why it was dropped) when marking it ${input.status}`,
    );
  await db
    .update(reviewActions)
    .set({
      ...(input.status ? { status: input.status } : {}),
      ...(input.owner !== undefined ? { owner: input.owner || null } : {}),
      ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
      ...(input.note !== undefined && input.note !== '' ? { note: input.note } : {}),
      updatedAt: new Date(),
    })
    .where(eq(reviewActions.id, actionId));
  const [action] = (await listActions(db, { activityIds: [found.action.activityId] })).filter(
    (a) => a.id === actionId,
  );
  return action;
}
