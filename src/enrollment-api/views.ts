// Read-only views the enrollment API answers with, straight from PostgreSQL:
// an activity, an enrollment as the service reports it, and what a learner may claim.
import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import { activities, enrollments } from '../db/schema/index.js';
import { claimableFor } from '../enrollment/claimable.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { NotFound } from '../domain/errors.js';
import type { getEnrollment } from '../enrollment/service.js';
import type { activityViewSchema, claimableSchema, enrollmentViewSchema } from './contract.js';

export async function readActivity(
  db: Database,
  activityId: string,
): Promise<z.infer<typeof activityViewSchema>> {
  const [row] = await db.select().from(activities).where(eq(activities.id, activityId));
  if (!row) throw new NotFound(`activityId: no activity "${activityId}"`);
  const [{ n }] = await db
    .select({ n: count() })
    .from(enrollments)
    .where(eq(enrollments.activityId, activityId));
  return {
    id: row.id,
    title: row.title,
    programId: row.programId,
    ...(row.seriesId ? { seriesId: row.seriesId } : {}),
    providerName: row.providerName,
    format: row.format,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    ...(row.location ? { location: row.location } : {}),
    learningObjectives: row.learningObjectives,
    priceCents: row.priceCents,
    currency: row.currency,
    policy: row.policy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    enrollments: Number(n),
  };
}

type ServiceEnrollment = Awaited<ReturnType<typeof getEnrollment>>;

export function toEnrollmentView(e: ServiceEnrollment): z.infer<typeof enrollmentViewSchema> {
  const iso = (at: Date | string) => (at instanceof Date ? at.toISOString() : at);
  return {
    enrollmentId: e.enrollment.id,
    activityId: e.activityId,
    learnerId: e.learnerId,
    workflowId: e.enrollment.workflowId,
    feeWaiver: e.enrollment.feeWaiver ?? null,
    state: e.state,
    stages: e.stages.map((s) => ({ stage: s.stage, at: iso(s.at) })),
  };
}

export async function readClaimable(
  db: Database,
  enrollmentId: string,
): Promise<z.infer<typeof claimableSchema>> {
  const row = await findEnrollmentParties(db, enrollmentId);
  if (!row) throw new NotFound(`enrollmentId: no enrollment "${enrollmentId}"`);
  return { enrollmentId, ...claimableFor(row) };
}
