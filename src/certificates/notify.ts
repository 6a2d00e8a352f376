// Emails a reissued certificate (the corrected PDF attached) through the outbox:
// why it was corrected (the staff's reason) and until when its link works.
import type { AppContext } from '../context.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { NotFound } from '../domain/errors.js';
import { CREDIT_TYPE_LABELS } from '../domain/policy.js';
import { toMs } from '../domain/duration.js';
import { formatCredits, formatDateTime } from '../platform/format.js';
import { mintLink, verificationUrl } from '../platform/links.js';
import { renderEmail } from '../platform/mail/render.js';
import { sendOnce, type SendOutcome } from '../outbox/outbox.js';
import { contactOf } from '../provider/email-contact.js';
import type { CertificateRow } from './records.js';

export async function emailReissuedCertificate(
  ctx: AppContext,
  previous: CertificateRow,
  cert: CertificateRow,
  reason: string,
): Promise<SendOutcome> {
  const row = await findEnrollmentParties(ctx.db, cert.enrollmentId);
  if (!row) throw new NotFound(`enrollmentId: no enrollment "${cert.enrollmentId}"`);
  const { linkExpiry } = row.activity.policy.windows;
  const email = await renderEmail('certificate_reissue', {
    values: {
      learnerName: cert.learnerName,
      activityTitle: cert.activityTitle,
      providerName: row.activity.providerName,
      credit: `${formatCredits(cert.credits)} ${CREDIT_TYPE_LABELS[cert.creditType]}`,
      number: cert.number,
      certificateName: cert.learnerName,
      reason,
      previousNumber: previous.number,
      certificatesUrl: mintLink(ctx, 'certificate', cert.enrollmentId, linkExpiry),
      verifyUrl: verificationUrl(ctx.config.PUBLIC_URL, cert.verificationCode),
      linkExpires: formatDateTime(new Date(ctx.clock.now().getTime() + toMs(linkExpiry))),
    },
    contact: contactOf(row.providerContact, ctx.config, row.activity.providerName),
  });
  const { outcome } = await sendOnce(ctx, {
    enrollmentId: cert.enrollmentId,
    kind: 'certificate_reissue',
    dedupeKey: `certificate_reissue:${cert.id}`,
    to: row.learner.email,
    ...email,
    attachments: [{ certificateId: cert.id }],
  });
  return outcome;
}
