// Operator actions on issued certificates, each audit-logged in
// certificate_events: reissue with a corrected name (the old number is
// superseded, never edited) and the reason it was corrected, and revocation
// with a reason.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { certificateEvents, certificates } from '../db/schema/index.js';
import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { loadCertificateByNumber, type CertificateRow } from './records.js';
import { newCertificateNumber, newVerificationCode } from './numbers.js';

export interface ReissueRequest {
  number: string;
  learnerName: string;
  actor: string;
  /** Why it was corrected: the audit log keeps it and the learner's email says it. */
  reason: string;
}

export interface ReissueResult {
  previous: CertificateRow;
  certificate: CertificateRow;
}

function describeStatus(cert: CertificateRow): string {
  return cert.status === 'superseded' ? 'already superseded by a reissue' : `already ${cert.status}`;
}

export async function reissueCertificate(
  db: Database,
  req: ReissueRequest,
  now: Date,
): Promise<ReissueResult> {
  const found = await loadCertificateByNumber(db, req.number);
  if (!found) throw new NotFound(`number: no certificate ${req.number}`);
  const old = found.certificate;
  if (old.status !== 'valid') throw new Conflict(`certificate ${old.number} is ${describeStatus(old)}`);
  const name = req.learnerName.trim();
  if (!name) throw Invalid.field('body.learnerName', 'must not be empty');
  const reason = req.reason.trim();
  if (!reason) throw Invalid.field('body.reason', 'say why the certificate is corrected');

  return db.transaction(async (tx) => {
    const created: typeof certificates.$inferInsert = {
      number: newCertificateNumber(now),
      verificationCode: newVerificationCode(),
      enrollmentId: old.enrollmentId,
      creditType: old.creditType,
      revision: old.revision + 1,
      credits: old.credits,
      learnerName: name,
      activityTitle: old.activityTitle,
      status: 'valid',
      issuedAt: now,
    };
    const [certificate] = await tx.insert(certificates).values(created).returning();
    // Conditional on still being valid: a concurrent reissue or revoke loses here.
    const superseded = await tx
      .update(certificates)
      .set({ status: 'superseded', supersededBy: certificate.id })
      .where(and(eq(certificates.id, old.id), eq(certificates.status, 'valid')))
      .returning({ id: certificates.id });
    if (superseded.length === 0) throw new Conflict(`certificate ${old.number} changed meanwhile; try again`);
    await tx.insert(certificateEvents).values([
      {
        certificateId: old.id,
        action: 'reissued',
        actor: req.actor,
        reason: `${reason}; name "${old.learnerName}" corrected to "${name}"; superseded by ${certificate.number}`,
      },
      {
        certificateId: certificate.id,
        action: 'issued',
        actor: req.actor,
        reason: `reissue of ${old.number} (revision ${certificate.revision}): ${reason}`,
      },
    ]);
    return { previous: { ...old, status: 'superseded' as const, supersededBy: certificate.id }, certificate };
  });
}

export interface RevokeRequest {
  number: string;
  reason: string;
  actor: string;
}

export interface RevokeResult {
  certificate: CertificateRow;
  revokedAt: Date;
  /** False when it was already revoked (nothing new logged). */
  changed: boolean;
}

export async function revokeCertificate(db: Database, req: RevokeRequest): Promise<RevokeResult> {
  const found = await loadCertificateByNumber(db, req.number);
  if (!found) throw new NotFound(`number: no certificate ${req.number}`);
  const reason = req.reason.trim();
  if (!reason) throw Invalid.field('body.reason', 'say why the certificate is revoked');
  if (found.certificate.status === 'revoked') {
    const at = await revokedAt(db, found.certificate.id);
    return { certificate: found.certificate, revokedAt: at ?? found.certificate.issuedAt, changed: false };
  }
  if (found.certificate.status === 'superseded') {
    throw new Conflict(`certificate ${req.number} is superseded by a reissue: revoke the current number`);
  }
  return db.transaction(async (tx) => {
    const [certificate] = await tx
      .update(certificates)
      .set({ status: 'revoked' })
      .where(and(eq(certificates.id, found.certificate.id), eq(certificates.status, 'valid')))
      .returning();
    if (!certificate) throw new Conflict(`certificate ${req.number} changed meanwhile; try again`);
    const [event] = await tx
      .insert(certificateEvents)
      .values({ certificateId: certificate.id, action: 'revoked', actor: req.actor, reason })
      .returning();
    return { certificate, revokedAt: event.at, changed: true };
  });
}

/** When the certificate was revoked, from its audit log. */
export async function revokedAt(db: Database, certificateId: string): Promise<Date | undefined> {
  const [event] = await db
    .select({ at: certificateEvents.at })
    .from(certificateEvents)
    .where(and(eq(certificateEvents.certificateId, certificateId), eq(certificateEvents.action, 'revoked')))
    .limit(1);
  return event?.at;
}

export async function certificateHistory(db: Database, certificateId: string) {
  return db
    .select()
    .from(certificateEvents)
    .where(eq(certificateEvents.certificateId, certificateId))
    .orderBy(certificateEvents.id);
}
