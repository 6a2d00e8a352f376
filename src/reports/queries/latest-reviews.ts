// The latest committee review of each of a list of activities (one query).
import { desc, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { committeeReviews } from '../../db/schema/index.js';
import type { Review } from '../schemas.js';
import { toReview } from '../reviews.js';

export async function latestReviews(db: Database, activityIds: string[]): Promise<Map<string, Review>> {
  const out = new Map<string, Review>();
  if (activityIds.length === 0) return out;
  const rows = await db
    .selectDistinctOn([committeeReviews.activityId])
    .from(committeeReviews)
    .where(inArray(committeeReviews.activityId, activityIds))
    .orderBy(
      committeeReviews.activityId,
      desc(committeeReviews.reviewedOn),
      desc(committeeReviews.createdAt),
    );
  for (const r of rows) if (r.activityId) out.set(r.activityId, toReview(r));
  return out;
}
