// What the public verification page may show: enough to check a certificate,
// no contact details.
import type { Database } from '../db/client.js';
import type { CertificateKind } from '../domain/policy.js';
import { loadCertificateByCode, successorOf } from './records.js';
import { revokedAt } from './admin.js';

export interface Verification {
  status: 'valid' | 'superseded' | 'revoked';
  number: string;
  learnerName: string;
  activityTitle: string;
  activityStartsAt: Date;
  activityEndsAt: Date;
  issuedAt: Date;
  creditType: CertificateKind;
  credits: number;
  providerName: string;
  /** superseded: the number that replaced it. */
  supersededByNumber?: string;
  /** revoked: when. */
  revokedAt?: Date;
}

export async function verifyCertificate(db: Database, code: string): Promise<Verification | undefined> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(code)) return undefined;
  const record = await loadCertificateByCode(db, code);
  if (!record) return undefined;
  const { certificate: c, activity } = record;
  const result: Verification = {
    status: c.status,
    number: c.number,
    learnerName: c.learnerName,
    activityTitle: c.activityTitle,
    activityStartsAt: activity.startsAt,
    activityEndsAt: activity.endsAt,
    issuedAt: c.issuedAt,
    creditType: c.creditType,
    credits: c.credits,
    providerName: activity.providerName,
  };
  if (c.status === 'superseded') result.supersededByNumber = (await successorOf(db, c))?.number;
  if (c.status === 'revoked') result.revokedAt = await revokedAt(db, c.id);
  return result;
}
