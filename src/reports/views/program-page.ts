// A program's report as a page: the ACCME commendation figure, the activities
// side by side with their verdicts, the monthly trend, and the period's reviews.
import { isoDay, num, pct } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import type { ProgramReport } from '../schemas.js';
import { DECISION_LABELS, MEASURE_LABELS, VERDICT_LABELS, formatMeasure } from './labels.js';
import { page, reportTime, reviewForm, reviewsList, type PageLinks } from './layout.js';
import { lineChart } from './svg.js';

type Row = ProgramReport['activities'][number];

const MEASURES = Object.keys(MEASURE_LABELS);

function verdictCell(row: Row, measure: string): Html {
  const v = row.acceptability.find((x) => x.measure === measure);
  if (!v) return html`<td></td>`;
  const short = v.verdict === 'acceptable' ? 'ok' : v.verdict === 'below_threshold' ? 'below' : `n=${v.n}`;
  return html`<td class="n">${formatMeasure(measure, v.value)}<br><span class="verdict v-${v.verdict}" title="${VERDICT_LABELS[v.verdict]}">${short}</span></td>`;
}

function activityRow(row: Row, link: string): Html {
  const most = row.performance.mostImplemented;
  const review = row.latestReview;
  return html`<tr><td><a href="${link}">${row.activity.title}</a><br><span class="note">${isoDay(row.activity.startsAt)}</span></td>
<td class="n">${row.funnel.enrolled}</td>
${MEASURES.map((m) => verdictCell(row, m))}
<td>${most === null ? html`<span class="verdict v-too_few_responses">too few answers</span>` : most ? 'yes' : 'no'}</td>
<td>${review ? html`${DECISION_LABELS[review.decision]}<br><span class="note">${review.reviewedOn}</span>` : '—'}</td></tr>`;
}

function commendationSection(r: ProgramReport): Html {
  const cm = r.commendation;
  return html`<section id="commendation"><h2>Improving performance (ACCME commendation)</h2>
<p><b>${cm.mostImplemented}</b> of ${cm.activities} activities (${pct(cm.share)}) showed that most follow-up respondents implemented their change <b>fully or partly</b>; the target is at least ${pct(cm.target)} of activities: <span class="verdict v-${cm.meetsTarget ? 'acceptable' : 'below_threshold'}">${cm.meetsTarget ? 'met' : 'not met'}</span></p>
<p>${cm.judged} activit${cm.judged === 1 ? 'y had' : 'ies had'} enough follow-up answers to judge; ${cm.tooFewResponses} had too few responses to judge.</p>
<p class="note">${cm.definition}</p></section>`;
}

function trendSection(r: ProgramReport): Html {
  if (!r.trend.length)
    return html`<section id="trend"><h2>Trend by month of activity start</h2>
<p class="note">No activities in this period.</p></section>`;
  const chart = lineChart({
    title: 'Outcome rates by month',
    xLabels: r.trend.map((p) => p.month),
    yMax: 1,
    format: (v) => pct(v, 0),
    series: [
      { name: 'Competence pass rate', values: r.trend.map((p) => p.competencePassRate) },
      { name: 'Follow-up response rate', values: r.trend.map((p) => p.responseRate) },
      { name: 'Implemented (fully/partly)', values: r.trend.map((p) => p.implementedShare) },
    ],
  });
  const rows = r.trend.map(
    (p) =>
      html`<tr><td>${p.month}</td><td class="n">${p.activities}</td><td class="n">${p.enrolled}</td><td class="n">${pct(p.competencePassRate)}</td><td class="n">${num(p.objectivesMean)}</td><td class="n">${pct(p.responseRate)}</td><td class="n">${pct(p.implementedShare)}</td></tr>`,
  );
  return html`<section id="trend"><h2>Trend by month of activity start</h2>
${chart}<table><thead><tr><th>Month</th><th class="n">Activities</th><th class="n">Enrolled</th><th class="n">Pass rate</th><th class="n">Objectives mean</th><th class="n">Response rate</th><th class="n">Implemented</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function activitiesSection(r: ProgramReport, link: (id: string) => string): Html {
  const t = r.totals;
  const totals = html`<tr><th>All activities</th><td class="n">${t.funnel.enrolled}</td><td class="n">${pct(t.competence.passRateEventually)}</td><td class="n">${num(t.evaluation.objectivesMean)}</td><td class="n">${num(t.evaluation.relevanceMean)}</td><td class="n">${pct(t.evaluation.perceivedBiasShare)}</td><td class="n">${pct(t.performance.responseRate)}</td><td class="n">${pct(t.performance.implementedShare)}</td><td></td><td></td></tr>`;
  return html`<section id="activities"><h2>Activities side by side</h2>
<table><thead><tr><th>Activity</th><th class="n">Enrolled</th><th class="n">Pass rate</th><th class="n">Objectives</th><th class="n">Relevance</th><th class="n">Bias</th><th class="n">Response rate</th><th class="n">Implemented</th><th>Most implemented</th><th>Latest review</th></tr></thead>
<tbody>${r.activities.map((row) => activityRow(row, link(row.activity.id)))}${totals}</tbody></table>
<p class="note">Under each figure, its verdict against that activity’s own thresholds (n = responses, when too few to judge).</p></section>`;
}

export function programPage(
  r: ProgramReport,
  links: PageLinks & { activity: (id: string) => string },
): string {
  const { from, to } = r.period;
  return page(
    `Program report: ${r.program.name}`,
    `Activities starting from ${from} to ${to} (inclusive). Report generated ${reportTime(r.generatedAt)} UTC.`,
    html`<a href="${links.csv}">CSV</a><a href="${links.json}">JSON</a>`,
    html`${commendationSection(r)}${activitiesSection(r, links.activity)}${trendSection(r)}
<section id="reviews"><h2>Committee reviews of this period</h2>${reviewsList(r.reviews, 'No review of this period recorded yet.')}${reviewForm(links.reviews, { from, to }, links.csrf)}</section>`,
  );
}
