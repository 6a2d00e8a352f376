// Reading certificates with what is printed beside them (the activity's facts).
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, certificates, enrollments } from '../db/schema/index.js';

export type CertificateRow = typeof certificates.$inferSelect;
export type ActivityRow = typeof activities.$inferSelect;

export interface CertificateRecord {
  certificate: CertificateRow;
  activity: ActivityRow;
  learnerId: string;
}

async function loadWhere(db: Database, where: ReturnType<typeof eq>): Promise<CertificateRecord | undefined> {
  const [row] = await db
    .select({ certificate: certificates, activity: activities, learnerId: enrollments.learnerId })
    .from(certificates)
    .innerJoin(enrollments, eq(enrollments.id, certificates.enrollmentId))
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .where(where)
    .limit(1);
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loadCertificateById(db: Database, id: string) {
  if (!UUID.test(id)) return Promise.resolve(undefined);
  return loadWhere(db, eq(certificates.id, id));
}
export function loadCertificateByNumber(db: Database, number: string) {
  return loadWhere(db, eq(certificates.number, number));
}
export function loadCertificateByCode(db: Database, code: string) {
  return loadWhere(db, eq(certificates.verificationCode, code));
}

/** The certificate that replaced this one, if any. */
export async function successorOf(db: Database, cert: CertificateRow): Promise<CertificateRow | undefined> {
  if (!cert.supersededBy) return undefined;
  const [row] = await db.select().from(certificates).where(eq(certificates.id, cert.supersededBy)).limit(1);
  return row;
}
