// Emails a reissued certificate (the corrected PDF attached) through the outbox.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, enrollments, learners } from '../db/schema/index.js';
import { CREDIT_TYPE_LABELS } from '../domain/policy.js';
import { verificationUrl } from '../platform/links.js';
import { sendOnce, type SendOutcome } from '../outbox/outbox.js';
import { escapeHtml as esc } from '../platform/html.js';
import { mintLink } from '../learner/links.js';
import type { CertificateRow } from './records.js';

export async function emailReissuedCertificate(
  ctx: AppContext,
  previous: CertificateRow,
  cert: CertificateRow,
): Promise<SendOutcome> {
  const [row] = await ctx.db
    .select({ learner: learners, activity: activities })
    .from(enrollments)
    .innerJoin(learners, eq(learners.id, enrollments.learnerId))
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .where(eq(enrollments.id, cert.enrollmentId))
    .limit(1);
  const page = mintLink(ctx, 'certificate', cert.enrollmentId, row.activity.policy.windows.linkExpiry);
  const verify = verificationUrl(ctx.config.PUBLIC_URL, cert.verificationCode);
  const what = `${cert.credits} ${CREDIT_TYPE_LABELS[cert.creditType]}`;
  const text =
    `Hello ${cert.learnerName},\n\nYour corrected certificate for "${cert.activityTitle}" (${what}) is attached. ` +
    `It is certificate ${cert.number} and replaces ${previous.number}, which is no longer valid.\n\n` +
    `Your certificates: ${page}\nVerify: ${verify}\n`;
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:16px">
<p>Hello ${esc(cert.learnerName)},</p>
<p>Your corrected certificate for <strong>${esc(cert.activityTitle)}</strong> (${esc(what)}) is attached. It is certificate <strong>${esc(cert.number)}</strong> and replaces ${esc(previous.number)}, which is no longer valid.</p>
<p><a href="${esc(page)}" style="display:inline-block;background:#14365d;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Your certificates</a></p>
<p style="color:#475467;font-size:14px">Anyone can check it at <a href="${esc(verify)}">${esc(verify)}</a>.</p>
</body></html>`;
  const { outcome } = await sendOnce(
    { db: ctx.db, mailer: ctx.mailer, config: ctx.config },
    {
      enrollmentId: cert.enrollmentId,
      kind: 'certificate_reissue',
      dedupeKey: `certificate_reissue:${cert.id}`,
      to: row.learner.email,
      subject: `Your corrected certificate: ${cert.activityTitle}`,
      text,
      html,
      attachments: [{ certificateId: cert.id }],
    },
  );
  return outcome;
}
