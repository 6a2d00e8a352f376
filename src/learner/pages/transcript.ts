// The learner's transcript (from the 'transcript' link): every current
// certificate with the credit by type, as a page and as a PDF.
import { buildTranscript } from '../../certificates/transcript.js';
import { renderTranscriptPdf } from '../../certificates/pdf/transcript.js';
import type { AppContext } from '../../context.js';
import { html } from '../../platform/html.js';
import { formatCredits, formatDate } from '../../platform/format.js';
import { page } from './layout.js';
import { relativeLink } from '../links.js';
import { dashboardLink } from '../../maintenance/links.js';
import { messagePage, type LearnerPage } from './link-problem.js';

export async function transcriptPage(
  ctx: AppContext,
  learnerId: string,
  token: string,
): Promise<LearnerPage> {
  const t = await buildTranscript(ctx.db, learnerId, ctx.config, ctx.clock.now());
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
    <p><a class="button" href="/learn/transcript/pdf?t=${encodeURIComponent(token)}">Download as PDF</a></p>
    <p><a href="${relativeLink(dashboardLink(ctx, learnerId))}">Your licences and certifications: what you still need</a></p>`;
  return { status: 200, body: page({ title: 'Your transcript' }, body) };
}

export async function transcriptPdf(ctx: AppContext, learnerId: string) {
  const t = await buildTranscript(ctx.db, learnerId, ctx.config, ctx.clock.now());
  if (!t) return undefined;
  return renderTranscriptPdf(t);
}
