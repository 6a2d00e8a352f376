// The committee pages' layout and the parts every report page shows: the
// acceptability table, the committee reviews and the form to record one.
// Built with the html tag: everything interpolated is escaped.
import type { MeasureVerdict } from '../../domain/report-math.js';
import { isoDay } from '../../platform/format.js';
import { html, raw, type Html, type HtmlPart } from '../../platform/html.js';
import type { Review } from '../schemas.js';
import { DECISION_LABELS, MEASURE_LABELS, VERDICT_LABELS, formatMeasure } from './labels.js';

const STYLE = raw(`
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
header{background:#17365d;color:#fff;padding:16px 28px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85}
header nav a{color:#cfe1ff;margin-right:14px}
main{padding:8px 28px 40px;max-width:1100px}
section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:12px 20px;margin:16px 0}
h2{font-size:18px;margin:6px 0 10px;color:#17365d}
h3{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #e3e8ee;padding:4px 10px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.verdict{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600}
.v-acceptable{background:#dff3e4;color:#17663a}
.v-below_threshold{background:#fde2e1;color:#9b1c1c}
.v-too_few_responses{background:#eceff3;color:#4a5563}
.note{color:#56606b;font-size:13px}
.chart{max-width:100%;height:auto;display:block;margin:6px 0}
.chart-label,.chart-value,.chart-axis,.chart-marker-label{font:12px system-ui,sans-serif;fill:#1d2733}
.chart-bar{fill:#3a78c3}
.chart-marker{stroke:#b4232a;stroke-width:2;stroke-dasharray:4 3}
.chart-marker-label{fill:#b4232a}
.chart-grid{stroke:#e3e8ee}
.chart-line{fill:none;stroke-width:2.5}
path.series-a{stroke:#3a78c3} circle.series-a,rect.series-a{fill:#3a78c3}
path.series-b{stroke:#d17a22} circle.series-b,rect.series-b{fill:#d17a22}
path.series-c{stroke:#2f9e63} circle.series-c,rect.series-c{fill:#2f9e63}
path.series-d{stroke:#8a4fbf} circle.series-d,rect.series-d{fill:#8a4fbf}
ul.quotes li{margin:2px 0}
form.review label{display:block;margin:6px 0 2px;font-weight:600}
form.review input,form.review textarea,form.review select{font:inherit;padding:4px;width:100%;max-width:520px}
form.review button{margin-top:10px;font:inherit;padding:6px 16px}
`);

export function page(title: string, subtitle: HtmlPart, nav: HtmlPart, body: HtmlPart): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head>
<body><header><h1>${title}</h1><p>${subtitle}</p><nav>${nav}</nav></header><main>${body}</main></body></html>`
    .value;
}

/** "2026-05-04 14:30" from an ISO timestamp. */
export const reportTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export const verdictBadge = (v: MeasureVerdict['verdict']) =>
  html`<span class="verdict v-${v}">${VERDICT_LABELS[v]}</span>`;

export function acceptabilityTable(verdicts: MeasureVerdict[]): Html {
  const rows = verdicts.map(
    (v) => html`<tr><td>${MEASURE_LABELS[v.measure] ?? v.measure}</td>
<td class="n" data-measure="${v.measure}">${formatMeasure(v.measure, v.value)}</td>
<td class="n">${v.direction === 'max' ? '≤' : '≥'} ${formatMeasure(v.measure, v.threshold)}</td>
<td class="n">${v.n}</td><td>${verdictBadge(v.verdict)}</td></tr>`,
  );
  return html`<table><thead><tr><th>Measure</th><th class="n">Observed</th><th class="n">Threshold</th><th class="n">Responses (n)</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">A measure resting on fewer responses than the policy’s minimum (${verdicts[0]?.minResponses ?? '—'}) is not judged.</p>`;
}

export function reviewsList(reviews: Review[], empty: string): Html {
  if (reviews.length === 0) return html`<p class="note">${empty}</p>`;
  const rows = reviews.map(
    (
      r,
    ) => html`<tr><td>${r.reviewedOn}${r.periodFrom ? html`<br><span class="note">period ${r.periodFrom} to ${r.periodTo}</span>` : null}</td>
<td>${DECISION_LABELS[r.decision]}</td><td>${r.changes || '—'}</td><td>${r.reviewers.join(', ')}${r.recordedBy ? html`<br><span class="note">recorded by ${r.recordedBy}</span>` : null}</td></tr>`,
  );
  return html`<table><thead><tr><th>Date</th><th>Decision</th><th>Changes to make</th><th>Reviewers</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function reviewForm(action: string, period?: { from: string; to: string }, csrf?: string): Html {
  return html`<form class="review" method="post" action="${action}">
<h3>Record a review</h3>${csrf ? html`<input type="hidden" name="_csrf" value="${csrf}">` : null}
${period ? html`<input type="hidden" name="periodFrom" value="${period.from}"><input type="hidden" name="periodTo" value="${period.to}">` : null}
<label for="decision">Decision</label>
<select id="decision" name="decision"><option value="acceptable">Acceptable</option><option value="changes_required">Changes required</option><option value="not_acceptable">Not acceptable</option></select>
<label for="changes">Changes to make</label><textarea id="changes" name="changes" rows="3"></textarea>
<label for="reviewers">Reviewers (comma-separated)</label><input id="reviewers" name="reviewers" required>
<label for="reviewedOn">Date</label><input id="reviewedOn" name="reviewedOn" type="date" value="${isoDay(new Date())}" required>
<button type="submit">Save review</button></form>`;
}

/** Links every report page shows. */
export interface PageLinks {
  json: string;
  csv: string;
  /** Where the review form posts. */
  reviews: string;
  program?: string;
  /** The CSRF token the review form carries. */
  csrf?: string;
}
