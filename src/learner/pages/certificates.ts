// The learner's certificates for one enrollment (from the 'certificate' link),
// each downloadable with the same token plus its number; the transcript page
// and PDF (from the 'transcript' link); the public verification page.
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { certificates } from '../../db/schema/index.js';
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { renderCertificatePdf } from '../../certificates/pdf/certificate.js';
import { buildTranscript, renderTranscriptPdf } from '../../certificates/transcript.js';
import { verifyCertificate } from '../../certificates/verification.js';
import { formatCredits, formatDate, html, page } from '../../platform/html.js';
import { loadEnrollmentView } from '../enrollment-view.js';
import { messagePage, type LearnerPage } from './link-problem.js';

export async function certificatesPage(
  ctx: AppContext,
  enrollmentId: string,
  token: string,
): Promise<LearnerPage> {
  const view = await loadEnrollmentView(ctx, enrollmentId);
  if (!view)
    return messagePage(404, 'We could not find your enrollment', 'Please contact your course provider.');
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
  const pdf = await renderCertificatePdf(ctx.db, cert.id, ctx.config.PUBLIC_URL);
  return { status: 200, pdf, filename: `${cert.number}.pdf` };
}

export async function transcriptPage(
  ctx: AppContext,
  learnerId: string,
  token: string,
): Promise<LearnerPage> {
  const t = await buildTranscript(ctx.db, learnerId, ctx.config.PUBLIC_URL, ctx.clock.now());
  if (!t) return messagePage(404, 'We could not find your record', 'Please contact your course provider.');
  const body = html`<h1>Your transcript</h1>
    <p>${t.learnerName}</p>
    <h2>Credit by type</h2>
    ${
      t.totals.length === 0
        ? html`<div class="card"><p>No certificates yet.</p></div>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Credit type</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              ${t.totals.map(
                (x) =>
                  html`<tr>
                    <td>${x.creditLabel}</td>
                    <td>${formatCredits(x.credits)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h2>Certificates</h2>
    ${t.entries.map(
      (e) =>
        html`<div class="card">
          <p><strong>${e.activityTitle}</strong></p>
          <dl>
            <dt>Provider</dt>
            <dd>${e.providerName}</dd>
            <dt>Dates</dt>
            <dd>
              ${formatDate(new Date(e.startsAt))}${e.startsAt.slice(0, 10) === e.endsAt.slice(0, 10) ? '' : ` – ${formatDate(new Date(e.endsAt))}`}
            </dd>
            <dt>Credit</dt>
            <dd>${formatCredits(e.credits)} ${e.creditLabel}</dd>
            <dt>Certificate</dt>
            <dd>${e.certificateNumber}, issued ${formatDate(new Date(e.issuedAt))}</dd>
          </dl>
        </div>`,
    )}
    <p><a class="button" href="/learn/transcript/pdf?t=${encodeURIComponent(token)}">Download as PDF</a></p>`;
  return { status: 200, body: page({ title: 'Your transcript' }, body) };
}

export async function transcriptPdf(ctx: AppContext, learnerId: string) {
  const t = await buildTranscript(ctx.db, learnerId, ctx.config.PUBLIC_URL, ctx.clock.now());
  if (!t) return undefined;
  return renderTranscriptPdf(t);
}

export async function verificationPage(ctx: AppContext, code: string): Promise<LearnerPage> {
  const v = await verifyCertificate(ctx.db, code);
  if (!v) {
    return messagePage(
      404,
      'Certificate not found',
      'No certificate matches this verification link. Check that the whole address was copied.',
    );
  }
  const banner =
    v.status === 'valid'
      ? html`<div class="notice">
          <p><strong>Valid certificate.</strong></p>
        </div>`
      : v.status === 'superseded'
        ? html`<div class="warning">
            <p>
              <strong>Superseded.</strong> This certificate was reissued as certificate
              <strong>${v.supersededByNumber ?? 'a newer number'}</strong>; that one is the valid record.
            </p>
          </div>`
        : html`<div class="warning">
            <p>
              <strong>Revoked</strong>${v.revokedAt ? html` on ${formatDate(v.revokedAt)}` : null}. It is not
              valid.
            </p>
          </div>`;
  const body = html`<h1>Certificate verification</h1>
    ${banner}
    <div class="card">
      <dl>
        <dt>Certificate number</dt>
        <dd>${v.number}</dd>
        <dt>Name</dt>
        <dd>${v.learnerName}</dd>
        <dt>Activity</dt>
        <dd>${v.activityTitle}</dd>
        <dt>Activity date</dt>
        <dd>${formatDate(v.activityStartsAt)}</dd>
        <dt>Credit</dt>
        <dd>${formatCredits(v.credits)} ${CREDIT_TYPE_LABELS[v.creditType]}</dd>
        <dt>Issued</dt>
        <dd>${formatDate(v.issuedAt)}</dd>
        <dt>Provider</dt>
        <dd>${v.providerName}</dd>
      </dl>
    </div>`;
  return {
    status: 200,
    body: page(
      { title: `Certificate ${v.number}: ${v.status}`, provider: v.providerName, publicPage: true },
      body,
    ),
  };
}
