// The committee's HTML pages, rendered from the report objects. Charts are
// inline SVG; every number in a chart is also in a table beside it.
import { MEASURE_LABELS } from '../../domain/report-measures.js';
import { escapeHtml as h } from '../../platform/html.js';
import { barChart, lineChart } from './svg.js';
import { DECISION_LABELS, VERDICT_LABELS, formatMeasure } from './labels.js';
import { num, pct } from '../../platform/format.js';
import type { ActivityReport, ProgramReport, Review } from '../schemas.js';
import type { MeasureVerdict } from '../../domain/report-math.js';

const STYLE = `
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
`;

function page(title: string, subtitle: string, nav: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${h(title)}</h1><p>${subtitle}</p><nav>${nav}</nav></header><main>${body}</main></body></html>`;
}

const verdictBadge = (v: MeasureVerdict['verdict']) =>
  `<span class="verdict v-${v}">${h(VERDICT_LABELS[v])}</span>`;

function acceptabilityTable(verdicts: MeasureVerdict[]): string {
  const rows = verdicts
    .map(
      (v) => `<tr><td>${h(MEASURE_LABELS[v.measure] ?? v.measure)}</td>
<td class="n" data-measure="${h(v.measure)}">${formatMeasure(v.measure, v.value)}</td>
<td class="n">${v.direction === 'max' ? '≤' : '≥'} ${formatMeasure(v.measure, v.threshold)}</td>
<td class="n">${v.n}</td><td>${verdictBadge(v.verdict)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Measure</th><th class="n">Observed</th><th class="n">Threshold</th><th class="n">Responses (n)</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">A measure resting on fewer responses than the policy’s minimum (${verdicts[0]?.minResponses ?? '—'}) is not judged.</p>`;
}

function reviewsList(reviews: Review[], empty: string): string {
  if (reviews.length === 0) return `<p class="note">${h(empty)}</p>`;
  return `<table><thead><tr><th>Date</th><th>Decision</th><th>Changes to make</th><th>Reviewers</th></tr></thead><tbody>${reviews
    .map(
      (
        r,
      ) => `<tr><td>${h(r.reviewedOn)}${r.periodFrom ? `<br><span class="note">period ${h(r.periodFrom)} to ${h(r.periodTo)}</span>` : ''}</td>
<td>${h(DECISION_LABELS[r.decision])}</td><td>${h(r.changes || '—')}</td><td>${h(r.reviewers.join(', '))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function reviewForm(action: string, period?: { from: string; to: string }): string {
  const today = new Date().toISOString().slice(0, 10);
  return `<form class="review" method="post" action="${h(action)}">
<h3>Record a review</h3>
${period ? `<input type="hidden" name="periodFrom" value="${h(period.from)}"><input type="hidden" name="periodTo" value="${h(period.to)}">` : ''}
<label for="decision">Decision</label>
<select id="decision" name="decision"><option value="acceptable">Acceptable</option><option value="changes_required">Changes required</option><option value="not_acceptable">Not acceptable</option></select>
<label for="changes">Changes to make</label><textarea id="changes" name="changes" rows="3"></textarea>
<label for="reviewers">Reviewers (comma-separated)</label><input id="reviewers" name="reviewers" required>
<label for="reviewedOn">Date</label><input id="reviewedOn" name="reviewedOn" type="date" value="${today}" required>
<button type="submit">Save review</button></form>`;
}

export interface PageLinks {
  json: string;
  csv: string;
  /** Where the review form posts. */
  reviews: string;
  program?: string;
}

export function activityPage(r: ActivityReport, links: PageLinks): string {
  const a = r.activity;
  const f = r.funnel;
  const funnelBars = [
    ['Enrolled', f.enrolled],
    ['Paid (or fee waived)', f.paid],
    ['Attended', f.attended],
    ['Passed competence, 1st attempt', f.competencePassedFirstAttempt],
    ['Passed competence, eventually', f.competencePassedEventually],
    ['Evaluated', f.evaluated],
    ['Certified', f.certified],
    ['Follow-up sent', f.followUpSent],
    ['Follow-up answered', f.followUpAnswered],
  ].map(([label, value]) => ({ label: String(label), value: Number(value) }));

  const funnel = `<section id="funnel"><h2>Participation funnel</h2>
${barChart({ title: 'Participation funnel', bars: funnelBars, max: Math.max(1, f.enrolled) })}
<table><tbody>${funnelBars.map((b) => `<tr><td>${h(b.label)}</td><td class="n">${b.value}</td></tr>`).join('')}
<tr><td>Lapsed (unpaid)</td><td class="n">${f.lapsed}</td></tr><tr><td>Withdrawn</td><td class="n">${f.withdrawn}</td></tr>
<tr><td>Failed competence (attempts used up)</td><td class="n">${f.failedCompetence}</td></tr></tbody></table></section>`;

  const c = r.competence;
  const cd = r.competenceDetail;
  const competence = `<section id="competence"><h2>Competence (Moore level 4)</h2>
<table><tbody>
<tr><td>Learners who took the check</td><td class="n">${c.attempted}</td></tr>
<tr><td>Mean score, first attempt</td><td class="n">${pct(c.meanScore)}</td></tr>
<tr><td>Pass rate, first attempt (pass mark ${pct(cd.passMark)})</td><td class="n">${pct(c.passRateFirstAttempt)}</td></tr>
<tr><td>Pass rate, eventually (up to ${cd.maxAttempts} attempts)</td><td class="n">${pct(c.passRateEventually)}</td></tr>
</tbody></table>
${barChart({
  title: `First-attempt scores: learners per score band (pass mark ${pct(cd.passMark)})`,
  bars: cd.distribution.map((b) => ({ label: b.label, value: b.count })),
  max: Math.max(1, ...cd.distribution.map((b) => b.count)),
})}
<h3>Items</h3>
<table><thead><tr><th>Item</th><th>Kind</th><th class="n">n</th><th class="n">Difficulty (share correct)</th><th class="n">Discrimination</th></tr></thead><tbody>
${cd.items
  .map(
    (i) =>
      `<tr><td><b>${h(i.itemId)}</b> ${h(i.prompt)}</td><td>${h(i.kind)}</td><td class="n">${i.n}</td><td class="n">${pct(i.difficulty)}</td><td class="n">${num(i.discrimination, 2)}</td></tr>`,
  )
  .join('')}
</tbody></table><p class="note">Discrimination: ${h(cd.discriminationMethod)}</p>
</section>`;

  const e = r.evaluation;
  const ed = r.evaluationDetail;
  const ratingRows = [...ed.objectives, ed.relevance]
    .map(
      (o) =>
        `<tr><td>${h(o.label)}</td><td class="n">${o.n}</td><td class="n">${num(o.mean, 2)}</td>${o.distribution
          .map((d) => `<td class="n">${d.count}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const evaluation = `<section id="evaluation"><h2>Evaluation (Moore levels 1–2)</h2>
<p>${e.responses} evaluation${e.responses === 1 ? '' : 's'}.</p>
${barChart({
  title: 'Mean rating per objective and relevance (1–5)',
  bars: [...ed.objectives, ed.relevance].map((o) => ({
    label: o.label,
    value: o.mean,
    valueLabel: num(o.mean, 2),
  })),
  max: 5,
})}
<table><thead><tr><th>Rated</th><th class="n">n</th><th class="n">Mean</th><th class="n">1</th><th class="n">2</th><th class="n">3</th><th class="n">4</th><th class="n">5</th></tr></thead><tbody>${ratingRows}</tbody></table>
<p>Perceived commercial bias: <b>${e.perceivedBias}</b> of ${e.responses} (${pct(e.perceivedBiasShare)}).</p>
</section>`;

  const p = r.performance;
  const pd = r.performanceDetail;
  const performance = `<section id="performance"><h2>Performance in practice (Moore level 5)</h2>
<p>Follow-up sent to ${p.sent}; answered by ${p.answered} (${pct(p.responseRate)}); ${pd.nonRespondents} did not answer. Reminders sent: ${pd.remindersSent}.</p>
${barChart({
  title: 'Cumulative follow-up response rate after each reminder',
  bars: pd.afterReminders.map((s) => ({
    label: s.afterReminders === 0 ? 'Before any reminder' : `After reminder ${s.afterReminders}`,
    value: s.rate,
    valueLabel: `${pct(s.rate)} (${s.answered})`,
  })),
  max: 1,
})}
${barChart({
  title: 'Implemented their commitment to change (share of respondents)',
  bars: [
    { label: 'Fully', value: p.fullyShare, valueLabel: `${pct(p.fullyShare)} (${p.fully})` },
    { label: 'Partly', value: p.partlyShare, valueLabel: `${pct(p.partlyShare)} (${p.partly})` },
    { label: 'Not', value: p.notShare, valueLabel: `${pct(p.notShare)} (${p.not})` },
  ],
  max: 1,
})}
<p>Implemented fully or partly: <b>${pct(p.implementedShare)}</b>. ${
    p.mostImplemented === null
      ? 'Too few responses to say whether most respondents implemented their change.'
      : p.mostImplemented
        ? 'Most respondents implemented their change (fully or partly).'
        : 'Fewer than half of respondents implemented their change (fully or partly).'
  }</p>
<h3>Barriers named</h3>
${
  pd.barriers.length
    ? `<table><tbody>${pd.barriers.map((b) => `<tr><td>${h(b.barrier)}</td><td class="n">${b.count}</td></tr>`).join('')}</tbody></table>`
    : '<p class="note">None named.</p>'
}
</section>`;

  const credits = `<section id="credits"><h2>Credits claimed</h2>
${
  r.credits.length
    ? `<table><thead><tr><th>Credit type</th><th class="n">Designated maximum</th><th class="n">Claimants</th><th class="n">Total claimed</th><th class="n">Mean</th><th class="n">Largest claim</th><th class="n">Claimed the maximum</th></tr></thead><tbody>${r.credits
        .map(
          (c) =>
            `<tr><td>${h(c.label)}</td><td class="n">${num(c.designatedMax)}</td><td class="n">${c.claimants}</td><td class="n">${num(c.totalClaimed)}</td><td class="n">${num(c.meanClaimed)}</td><td class="n">${num(c.maxClaimed)}</td><td class="n">${c.atMaximum}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="note">No credit designated.</p>'
}</section>`;

  const quotes = (title: string, list: string[]) =>
    `<h3>${h(title)} (${list.length})</h3>${list.length ? `<ul class="quotes">${list.map((t) => `<li>${h(t)}</li>`).join('')}</ul>` : '<p class="note">None.</p>'}`;
  const freeText = `<section id="free-text"><h2>What learners wrote</h2>
<p class="note">Anonymous and sorted alphabetically: nothing here is tied to a learner.</p>
${quotes('Commitments to change', r.freeText.commitments)}
${quotes('Follow-up comments', r.freeText.followUpComments)}
${quotes('Comments on commercial bias', r.freeText.biasComments)}</section>`;

  const acceptability = `<section id="acceptability"><h2>Acceptability</h2>${acceptabilityTable(r.acceptability)}</section>`;
  const reviews = `<section id="reviews"><h2>Committee reviews</h2>${reviewsList(r.reviews, 'No review recorded yet.')}${reviewForm(links.reviews)}</section>`;

  const nav = [
    links.program ? `<a href="${h(links.program)}">Program report</a>` : '',
    `<a href="${h(links.csv)}">CSV</a>`,
    `<a href="${h(links.json)}">JSON</a>`,
  ].join('');
  const subtitle = `${h(a.format === 'live' ? 'Live' : 'Enduring')} activity ${h(a.id)}, ${h(a.startsAt.slice(0, 10))} to ${h(a.endsAt.slice(0, 10))}, program ${h(a.programId)}. Report generated ${h(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC.`;
  return page(
    `Outcome report: ${a.title}`,
    subtitle,
    nav,
    acceptability + funnel + competence + evaluation + performance + credits + freeText + reviews,
  );
}

export function programPage(
  r: ProgramReport,
  links: PageLinks & { activity: (id: string) => string },
): string {
  const cm = r.commendation;
  const verdictCell = (row: ProgramReport['activities'][number], measure: string) => {
    const v = row.acceptability.find((x) => x.measure === measure);
    return v
      ? `<td class="n">${formatMeasure(measure, v.value)}<br><span class="verdict v-${v.verdict}" title="${h(VERDICT_LABELS[v.verdict])}">${h(v.verdict === 'acceptable' ? 'ok' : v.verdict === 'below_threshold' ? 'below' : `n=${v.n}`)}</span></td>`
      : '<td></td>';
  };
  const activityRows = r.activities
    .map(
      (
        row,
      ) => `<tr><td><a href="${h(links.activity(row.activity.id))}">${h(row.activity.title)}</a><br><span class="note">${h(row.activity.startsAt.slice(0, 10))}</span></td>
<td class="n">${row.funnel.enrolled}</td>
${verdictCell(row, 'competencePassRate')}${verdictCell(row, 'objectivesMean')}${verdictCell(row, 'relevanceMean')}${verdictCell(row, 'commercialBiasShare')}${verdictCell(row, 'followUpResponseRate')}${verdictCell(row, 'implementedShare')}
<td>${row.performance.mostImplemented === null ? '<span class="verdict v-too_few_responses">too few answers</span>' : row.performance.mostImplemented ? 'yes' : 'no'}</td>
<td>${row.latestReview ? `${h(DECISION_LABELS[row.latestReview.decision])}<br><span class="note">${h(row.latestReview.reviewedOn)}</span>` : '—'}</td></tr>`,
    )
    .join('');
  const t = r.totals;
  const totals = `<tr><th>All activities</th><td class="n">${t.funnel.enrolled}</td><td class="n">${pct(t.competence.passRateEventually)}</td><td class="n">${num(t.evaluation.objectivesMean)}</td><td class="n">${num(t.evaluation.relevanceMean)}</td><td class="n">${pct(t.evaluation.perceivedBiasShare)}</td><td class="n">${pct(t.performance.responseRate)}</td><td class="n">${pct(t.performance.implementedShare)}</td><td></td><td></td></tr>`;

  const commendation = `<section id="commendation"><h2>Improving performance (ACCME commendation)</h2>
<p><b>${cm.mostImplemented}</b> of ${cm.activities} activities (${pct(cm.share)}) showed that most follow-up respondents implemented their change <b>fully or partly</b>; the target is at least ${pct(cm.target)} of activities: <span class="verdict v-${cm.meetsTarget ? 'acceptable' : 'below_threshold'}">${cm.meetsTarget ? 'met' : 'not met'}</span></p>
<p>${cm.judged} activit${cm.judged === 1 ? 'y had' : 'ies had'} enough follow-up answers to judge; ${cm.tooFewResponses} had too few responses to judge.</p>
<p class="note">${h(cm.definition)}</p></section>`;

  const months = r.trend.map((p) => p.month);
  const trend = `<section id="trend"><h2>Trend by month of activity start</h2>
${
  r.trend.length
    ? lineChart({
        title: 'Outcome rates by month',
        xLabels: months,
        yMax: 1,
        format: (v) => pct(v, 0),
        series: [
          { name: 'Competence pass rate', values: r.trend.map((p) => p.competencePassRate) },
          { name: 'Follow-up response rate', values: r.trend.map((p) => p.responseRate) },
          { name: 'Implemented (fully/partly)', values: r.trend.map((p) => p.implementedShare) },
        ],
      }) +
      `<table><thead><tr><th>Month</th><th class="n">Activities</th><th class="n">Enrolled</th><th class="n">Pass rate</th><th class="n">Objectives mean</th><th class="n">Response rate</th><th class="n">Implemented</th></tr></thead><tbody>${r.trend
        .map(
          (p) =>
            `<tr><td>${h(p.month)}</td><td class="n">${p.activities}</td><td class="n">${p.enrolled}</td><td class="n">${pct(p.competencePassRate)}</td><td class="n">${num(p.objectivesMean)}</td><td class="n">${pct(p.responseRate)}</td><td class="n">${pct(p.implementedShare)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="note">No activities in this period.</p>'
}</section>`;

  const table = `<section id="activities"><h2>Activities side by side</h2>
<table><thead><tr><th>Activity</th><th class="n">Enrolled</th><th class="n">Pass rate</th><th class="n">Objectives</th><th class="n">Relevance</th><th class="n">Bias</th><th class="n">Response rate</th><th class="n">Implemented</th><th>Most implemented</th><th>Latest review</th></tr></thead>
<tbody>${activityRows}${totals}</tbody></table>
<p class="note">Under each figure, its verdict against that activity’s own thresholds (n = responses, when too few to judge).</p></section>`;

  const { from, to } = r.period;
  const reviews = `<section id="reviews"><h2>Committee reviews of this period</h2>${reviewsList(r.reviews, 'No review of this period recorded yet.')}${reviewForm(links.reviews, { from, to })}</section>`;
  return page(
    `Program report: ${r.program.name}`,
    `Activities starting from ${h(from)} to ${h(to)} (inclusive). Report generated ${h(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC.`,
    `<a href="${h(links.csv)}">CSV</a><a href="${h(links.json)}">JSON</a>`,
    commendation + table + trend + reviews,
  );
}

export function loginPage(next: string, failed: boolean): string {
  return page(
    'Committee reports: sign in',
    'Enter the committee (or staff) token.',
    '',
    `<section><form class="review" method="post" action="/reports/login">
${failed ? '<p class="verdict v-below_threshold">That token is not valid.</p>' : ''}
<input type="hidden" name="next" value="${h(next)}">
<label for="token">Token</label><input id="token" name="token" type="password" required autofocus>
<button type="submit">Sign in</button></form></section>`,
  );
}
