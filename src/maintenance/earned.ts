// The one place credential maintenance reads the credit a learner earned here:
// one record per enrollment with a current certificate (revoked and superseded
// ones left out), the hours per credit type certified (a participation
// certificate's hours included), completed on the day attendance completed, and
// the topic areas of the activity's policy (its designations' old single
// topic area too). Credit types and certificates may change shape (#9): only
// this function reads them.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, certificates, enrollments } from '../db/schema/index.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import type { CreditRecord } from '../domain/credential-standing.js';
import { topicFromText, type TopicArea } from '../domain/topics.js';
import { isoDay } from '../platform/format.js';

export async function providerCredit(db: Database, learnerId: string): Promise<CreditRecord[]> {
  const rows = await db
    .select({ certificate: certificates, enrollment: enrollments, activity: activities })
    .from(certificates)
    .innerJoin(enrollments, eq(enrollments.id, certificates.enrollmentId))
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .where(and(eq(enrollments.learnerId, learnerId), eq(certificates.status, 'valid')))
    .orderBy(asc(activities.startsAt), asc(certificates.creditType));
  const records = new Map<string, CreditRecord>();
  for (const { certificate, enrollment, activity } of rows) {
    const id = `enrollment:${enrollment.id}`;
    let record = records.get(id);
    if (!record) {
      const policy = policyOrDefaults(enrollment.policy ?? activity.policy);
      record = {
        id,
        title: certificate.activityTitle,
        provider: activity.providerName,
        completedOn: isoDay(enrollment.attendanceCompletedAt ?? certificate.issuedAt),
        claimed: [],
        topics: topicsOf(policy),
      };
      records.set(id, record);
    }
    record.claimed!.push({ type: certificate.creditType, hours: certificate.credits });
  }
  return [...records.values()];
}

/** The policy's topic areas, and the area a designation names in the old way. */
export function topicsOf(policy: ReturnType<typeof policyOrDefaults>): CreditRecord['topics'] {
  const listed = policy.topicAreas ?? [];
  const named = policy.credits
    .map((d) => topicFromText(d.topicArea))
    .filter((t): t is TopicArea => !!t && !listed.some((l) => l.area === t))
    .map((area) => ({ area }));
  return [...listed, ...[...new Map(named.map((n) => [n.area, n])).values()]];
}
