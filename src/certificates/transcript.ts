// A learner's transcript: every current certificate and the credit by type,
// with dates. The same data feeds the signed-link page, the API JSON and the PDF
// (./pdf/transcript.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, certificates, creditClaims, enrollments, learners } from '../db/schema/index.js';
import { CREDIT_TYPE_LABELS, type CertificateKind } from '../domain/policy.js';
import { verificationUrl } from '../platform/links.js';
import { contactLine } from '../domain/provider.js';
import { addressOf, loadProvider } from '../provider/profile.js';
import type { RenderConfig } from './render.js';

export interface TranscriptEntry {
  certificateNumber: string;
  activityId: string;
  activityTitle: string;
  providerName: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
  creditType: CertificateKind;
  creditLabel: string;
  credits: number;
  claimedAt: string | null;
  issuedAt: string;
  verificationUrl: string;
}

export interface Transcript {
  /** Who issues the certificates: the provider's name and contact line. */
  provider: { name: string; contact: string };
  learnerId: string;
  learnerName: string;
  generatedAt: string;
  entries: TranscriptEntry[];
  totals: { creditType: CertificateKind; creditLabel: string; credits: number }[];
}

/** Undefined when there is no such learner. Superseded and revoked certificates are left out. */
export async function buildTranscript(
  db: Database,
  learnerId: string,
  config: RenderConfig,
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
    verificationUrl: verificationUrl(config.PUBLIC_URL, c.verificationCode),
  }));
  const totals = new Map<CertificateKind, number>();
  for (const e of entries) totals.set(e.creditType, (totals.get(e.creditType) ?? 0) + e.credits);
  const provider = await loadProvider(db, {
    name: rows[0]?.activity.providerName ?? addressOf(config.MAIL_FROM),
    mailFrom: config.MAIL_FROM,
  });
  return {
    provider: { name: provider.name, contact: contactLine(provider) },
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
