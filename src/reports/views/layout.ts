// The committee pages' layout and the parts every report page shows: the
// acceptability table, the committee reviews and the form to record one.
// Built with the html tag: everything interpolated is escaped.
import type { MeasureVerdict } from '../../domain/report-math.js';
import { isoDay } from '../../platform/format.js';
import { html, raw, type Html, type HtmlPart } from '../../platform/html.js';
import type { Review } from '../schemas.js';
import { DECISION_LABELS, MEASURE_LABELS, VERDICT_LABELS, formatMeasure } from './labels.js';
import { dataTable, num } from './table.js';

const STYLE = raw(`
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f5f7fa;overflow-wrap:break-word}
header{background:#17365d;color:#fff;padding:14px 28px}
header h1{margin:0;font-size:22px;line-height:1.25}
header p{margin:4px 0 0;opacity:.85}
header nav{margin-top:8px;display:flex;flex-wrap:wrap;gap:4px 14px}
header nav a{color:#cfe1ff}
main{padding:8px 28px 40px;max-width:1240px}
section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:12px 20px;margin:16px 0}
h2{font-size:18px;margin:6px 0 10px;color:#17365d}
h3{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums;max-width:100%}
th,td{border-bottom:1px solid #e3e8ee;padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
/* A long activity title wraps in lines, not a word a line. */
table.stack td:first-child{min-width:12em}
.verdict{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600;white-space:nowrap}
.v-acceptable,.v-better,.v-done{background:#dff3e4;color:#17663a}
.v-below_threshold,.v-worse,.v-open{background:#fde2e1;color:#9b1c1c}
.v-too_few_responses,.v-no_clear_change,.v-not_enough_data,.v-dropped{background:#eceff3;color:#4a5563}
.v-in_progress,.v-pending{background:#fff1d6;color:#7a4b00}
.note{color:#56606b;font-size:13px}
.chart{width:100%;max-width:480px;height:auto;display:block;margin:6px 0}
figure.chart-figure{margin:10px 0}
figure.chart-figure figcaption{font-weight:600;font-size:14px;margin:0 0 4px}
.chart-label,.chart-value,.chart-axis,.chart-marker-label{font:14px system-ui,sans-serif;fill:#1d2733}
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
form.review,form.filter{display:grid;gap:10px;max-width:640px}
form.review fieldset{border:1px solid #dde3ea;border-radius:6px;padding:8px 12px 12px;margin:0;min-width:0}
form.review legend{font-weight:600;padding:0 4px}
form label{display:block;font-weight:600;margin:0 0 3px}
form .hint{font-weight:400;color:#56606b;font-size:13px}
form fieldset p.hint{margin:0 0 8px}
form input,form textarea,form select{font:inherit;padding:7px 9px;width:100%;border:1px solid #8a97a6;border-radius:5px;background:#fff;color:inherit}
form textarea{min-height:4.5em}
form input:focus,form textarea:focus,form select:focus{outline:3px solid #f0b34a;outline-offset:1px}
form .row{display:grid;grid-template-columns:2fr 1fr 1fr;gap:8px;margin-bottom:8px}
form button{justify-self:start;font:inherit;font-weight:600;padding:8px 18px;border-radius:5px;border:2px solid #17365d;background:#17365d;color:#fff;cursor:pointer}
form button.secondary{background:#fff;color:#17365d}
form.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:4px 0}
form.inline label{font-size:13px}
form.inline input,form.inline select{width:auto;max-width:100%}
form.filter .row{grid-template-columns:2fr 1fr 1fr auto;align-items:end}
.badges{display:flex;flex-wrap:wrap;gap:4px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px;padding:0;list-style:none}
.cards li{border:1px solid #dde3ea;border-radius:6px;padding:8px 12px}
@media (max-width:700px){
header{padding:12px 14px}
header h1{font-size:19px}
main{padding:4px 10px 30px}
section{padding:10px 12px;margin:12px 0}
table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;width:100%}
table.stack thead{display:none}
table.stack tr{border:1px solid #e3e8ee;border-radius:6px;margin:0 0 8px;padding:4px 0}
table.stack td,table.stack th{border:0;padding:3px 10px;text-align:left}
table.stack td.n{text-align:left;white-space:normal}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#4a5563}
table.stack td:empty{display:none}
form .row,form.filter .row{grid-template-columns:1fr}
}
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
  const rows = verdicts.map((v) => [
    MEASURE_LABELS[v.measure] ?? v.measure,
    { value: formatMeasure(v.measure, v.value), data: { measure: v.measure } },
    `${v.direction === 'max' ? '≤' : '≥'} ${formatMeasure(v.measure, v.threshold)}`,
    v.n,
    verdictBadge(v.verdict),
  ]);
  return html`${dataTable(['Measure', num('Observed'), num('Threshold'), num('Responses (n)'), 'Verdict'], rows)}
<p class="note">A measure resting on fewer responses than the policy’s minimum (${verdicts[0]?.minResponses ?? '—'}) is not judged.</p>`;
}

export function reviewsList(reviews: Review[], empty: string): Html {
  if (reviews.length === 0) return html`<p class="note">${empty}</p>`;
  const rows = reviews.map((r) => [
    html`${r.reviewedOn}${r.periodFrom ? html`<br><span class="note">period ${r.periodFrom} to ${r.periodTo}</span>` : null}`,
    DECISION_LABELS[r.decision],
    r.changes || '—',
    r.reviewers.join(', '),
  ]);
  return dataTable(['Date', 'Decision', 'Changes to make', 'Reviewers'], rows);
}

const actionRow = (i: number) => html`<div class="row">
<div><label for="actionDescription${i}">Action ${i + 1}</label><input id="actionDescription${i}" name="actionDescription${i}" maxlength="2000"></div>
<div><label for="actionOwner${i}">Owner</label><input id="actionOwner${i}" name="actionOwner${i}" maxlength="200"></div>
<div><label for="actionDue${i}">Due</label><input id="actionDue${i}" name="actionDue${i}" type="date"></div></div>`;

/** The form that records a review; activity reviews also list the changes as tracked actions. */
export function reviewForm(
  action: string,
  opts: { period?: { from: string; to: string }; committee?: string[]; actions?: boolean } = {},
): Html {
  const { period, committee = [] } = opts;
  return html`<form class="review" method="post" action="${action}">
<h3>Record a review</h3>
${period ? html`<input type="hidden" name="periodFrom" value="${period.from}"><input type="hidden" name="periodTo" value="${period.to}">` : null}
<div><label for="decision">Decision</label>
<select id="decision" name="decision"><option value="acceptable">Acceptable</option><option value="changes_required">Changes required</option><option value="not_acceptable">Not acceptable</option></select></div>
<div><label for="changes">Changes to make <span class="hint">(required unless acceptable)</span></label><textarea id="changes" name="changes" rows="3" maxlength="10000"></textarea></div>
${opts.actions ? html`<fieldset><legend>Tracked actions</legend><p class="hint">Optional: without them the changes become one action, its owner to be named.</p>${[0, 1, 2].map(actionRow)}</fieldset>` : null}
<div><label for="reviewers">Reviewers <span class="hint">(comma-separated${committee.length ? html`; committee: ${committee.join(', ')}` : null})</span></label><input id="reviewers" name="reviewers" required maxlength="2000"></div>
<div><label for="reviewedOn">Date of the meeting</label><input id="reviewedOn" name="reviewedOn" type="date" value="${isoDay(new Date())}" required></div>
<button type="submit">Save review</button></form>`;
}

/** Links every report page shows. */
export interface PageLinks {
  json: string;
  csv: string;
  /** Where the review form posts. */
  reviews: string;
  program?: string;
}

/** The sign-in form for browsers (the committee or staff token). */
export function loginPage(next: string, failed: boolean): string {
  return page(
    'Committee reports: sign in',
    'Enter the committee (or staff) token.',
    '',
    html`<section><form class="review" method="post" action="/reports/login">
${failed ? html`<p class="verdict v-below_threshold">That token is not valid.</p>` : null}
<input type="hidden" name="next" value="${next}">
<label for="token">Token</label><input id="token" name="token" type="password" required autofocus>
<button type="submit">Sign in</button></form></section>`,
  );
}
