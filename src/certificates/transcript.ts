// A learner's transcript: every current certificate and the credit by type,
// with dates. The same data feeds the signed-link page, the API JSON and the PDF
// (./pdf/transcript.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, certificates, creditClaims, enrollments, learners } from '../db/schema/index.js';
import { CREDIT_TYPE_LABELS, type CreditType } from '../domain/policy.js';
import { verificationUrl } from '../platform/links.js';

export interface TranscriptEntry {
  certificateNumber: string;
  activityId: string;
  activityTitle: string;
  providerName: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  creditType: CreditType;
  creditLabel: string;
  credits: number;
  claimedAt: string | null;
  issuedAt: string;
  verificationUrl: string;
}

export interface Transcript {
  learnerId: string;
  learnerName: string;
  generatedAt: string;
  entries: TranscriptEntry[];
  totals: { creditType: CreditType; creditLabel: string; credits: number }[];
}

/** Undefined when there is no such learner. Superseded and revoked certificates are left out. */
export async function buildTranscript(
  db: Database,
  learnerId: string,
  publicUrl: string,
  now: Date,
): Promise<Transcript | undefined> {
  const [learner] = await db.select().from(learners).where(eq(learners.id, learnerId)).limit(1);
  if (!learner) return undefined;
  const rows = await db
    .select({ certificate: certificates, activity: activities })
    .from(certificates)
    .innerJoin(enrollments, eq(enrollments.id, certificates.enrollmentId))
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .where(and(eq(enrollments.learnerId, learnerId), eq(certificates.status, 'valid')))
    .orderBy(asc(activities.startsAt), asc(certificates.creditType));
  const enrollmentIds = [...new Set(rows.map((r) => r.certificate.enrollmentId))];
  const claims = enrollmentIds.length
    ? await db.select().from(creditClaims).where(inArray(creditClaims.enrollmentId, enrollmentIds))
    : [];
  const claimedAt = new Map(claims.map((c) => [`${c.enrollmentId}:${c.creditType}`, c.claimedAt]));

  const entries: TranscriptEntry[] = rows.map(({ certificate: c, activity: a }) => ({
    certificateNumber: c.number,
    activityId: a.id,
    activityTitle: c.activityTitle,
    providerName: a.providerName,
    format: a.format,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    creditType: c.creditType,
    creditLabel: CREDIT_TYPE_LABELS[c.creditType],
    credits: c.credits,
    claimedAt: claimedAt.get(`${c.enrollmentId}:${c.creditType}`)?.toISOString() ?? null,
    issuedAt: c.issuedAt.toISOString(),
    verificationUrl: verificationUrl(publicUrl, c.verificationCode),
  }));
  const totals = new Map<CreditType, number>();
  for (const e of entries) totals.set(e.creditType, (totals.get(e.creditType) ?? 0) + e.credits);
  return {
    learnerId,
    learnerName: learner.name,
    generatedAt: now.toISOString(),
    entries,
    totals: [...totals].map(([creditType, credits]) => ({
      creditType,
      creditLabel: CREDIT_TYPE_LABELS[creditType],
      credits: Math.round(credits * 100) / 100,
    })),
  };
}
