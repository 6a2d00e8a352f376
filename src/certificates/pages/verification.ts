// The public verification page: valid, superseded or revoked, showing only
// what is needed to check a certificate (no contact details).
import type { AppContext } from '../../context.js';
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { html } from '../../platform/html.js';
import { formatCredits, formatDate } from '../../platform/format.js';
import { page } from '../../learner/pages/layout.js';
import { messagePage, type LearnerPage } from '../../learner/pages/link-problem.js';
import { verifyCertificate } from '../verification.js';

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
