// The learner's certificates for one enrollment (from the 'certificate' link),
// each downloadable with the same token plus its number.
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { certificates } from '../../db/schema/index.js';
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { storedPdf } from '../../certificates/pdf-store.js';
import { html } from '../../platform/html.js';
import { formatCredits, formatDate } from '../../platform/format.js';
import { page } from './layout.js';
import type { EnrollmentView } from '../enrollment-view.js';
import { messagePage, type LearnerPage } from './link-problem.js';

export async function certificatesPage(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
): Promise<LearnerPage> {
  const { enrollmentId } = view;
  const rows = await ctx.db
    .select()
    .from(certificates)
    .where(eq(certificates.enrollmentId, enrollmentId))
    .orderBy(asc(certificates.creditType), asc(certificates.revision));
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  const download = (number: string) =>
    `/learn/certificate/download?t=${encodeURIComponent(token)}&n=${encodeURIComponent(number)}`;
  const claimed = view.state.claims.length > 0;
  const body = html`<h1>Your certificates</h1>
    <p class="hint">${view.activity.title}</p>
    ${
      rows.length === 0
        ? html`<div class="card">
            <p>
              ${
                claimed
                  ? 'Your certificates are being prepared; they will also arrive by email. Please reload this page in a minute.'
                  : 'Certificates are issued once you have claimed your credit.'
              }
            </p>
          </div>`
        : html`<ul class="card" style="list-style:none;padding-left:1rem">
            ${rows.map(
              (c) =>
                html`<li style="margin:.5rem 0 1rem">
                  <strong>${formatCredits(c.credits)} ${CREDIT_TYPE_LABELS[c.creditType]}</strong><br />
                  Certificate ${c.number}, issued ${formatDate(c.issuedAt)}<br />
                  ${
                    c.status === 'valid'
                      ? html`<a class="button" href="${download(c.number)}" download="${c.number}.pdf"
                          >Download certificate ${c.number} (PDF)</a
                        >`
                      : c.status === 'superseded'
                        ? html`<span
                            >Replaced by certificate
                            ${numberOf.get(c.supersededBy ?? '') ?? 'a newer one'}.</span
                          >`
                        : html`<span>This certificate has been revoked.</span>`
                  }
                </li>`,
            )}
          </ul>`
    }`;
  return {
    status: 200,
    body: page({ title: 'Your certificates', provider: view.activity.providerName }, body),
  };
}

export async function certificateDownload(
  ctx: AppContext,
  enrollmentId: string,
  number: string,
): Promise<LearnerPage | { status: number; pdf: Uint8Array; filename: string }> {
  const [cert] = await ctx.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.enrollmentId, enrollmentId), eq(certificates.number, number)))
    .limit(1);
  if (!cert)
    return messagePage(404, 'Certificate not found', 'This link does not lead to one of your certificates.');
  if (cert.status !== 'valid') {
    return messagePage(
      410,
      cert.status === 'superseded'
        ? 'This certificate has been replaced'
        : 'This certificate has been revoked',
      cert.status === 'superseded'
        ? 'A corrected certificate replaced it: download the new one from your certificates page.'
        : 'It is no longer valid. Please contact your course provider.',
    );
  }
  const stored = await storedPdf(ctx.db, cert.id, ctx.config);
  if (!stored)
    return messagePage(404, 'Certificate not found', 'This link does not lead to one of your certificates.');
  return { status: 200, pdf: stored.content, filename: stored.filename };
}
