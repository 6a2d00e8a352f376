// A program's report as a page: the ACCME commendation figure, the activities
// side by side with their verdicts, the monthly trend, and the period's reviews.
import { isoDay, num, pct } from '../../platform/format.js';
import { html, type Html, type HtmlPart } from '../../platform/html.js';
import type { ProgramReport } from '../schemas.js';
import { DECISION_LABELS, MEASURE_LABELS, VERDICT_LABELS, formatMeasure } from './labels.js';
import { page, reportTime, reviewForm, reviewsList, type PageLinks } from './layout.js';
import { lineChart } from './svg.js';
import { dataTable, num as col } from './table.js';
import { actionsTable } from './workspace-sections.js';

type Row = ProgramReport['activities'][number];

const MEASURES = Object.keys(MEASURE_LABELS);

function verdictCell(row: Row, measure: string): Html {
  const v = row.acceptability.find((x) => x.measure === measure);
  if (!v) return html``;
  const short = v.verdict === 'acceptable' ? 'ok' : v.verdict === 'below_threshold' ? 'below' : `n=${v.n}`;
  return html`${formatMeasure(measure, v.value)}<br><span class="verdict v-${v.verdict}" title="${VERDICT_LABELS[v.verdict]}">${short}</span>`;
}

function activityRow(row: Row, link: string): HtmlPart[] {
  const most = row.performance.mostImplemented;
  const review = row.latestReview;
  return [
    html`<a href="${link}">${row.activity.title}</a><br><span class="note">${isoDay(row.activity.startsAt)}</span>`,
    row.funnel.enrolled,
    ...MEASURES.map((m) => verdictCell(row, m)),
    most === null
      ? html`<span class="verdict v-too_few_responses">too few answers</span>`
      : most
        ? 'yes'
        : 'no',
    review
      ? html`${DECISION_LABELS[review.decision]}<br><span class="note">${review.reviewedOn}</span>`
      : '—',
  ];
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
  const rows = r.trend.map((p) => [
    p.month,
    p.activities,
    p.enrolled,
    pct(p.competencePassRate),
    num(p.objectivesMean),
    pct(p.responseRate),
    pct(p.implementedShare),
  ]);
  const columns = [
    'Month',
    col('Activities'),
    col('Enrolled'),
    col('Pass rate'),
    col('Objectives mean'),
    col('Response rate'),
    col('Implemented'),
  ];
  return html`<section id="trend"><h2>Trend by month of activity start</h2>
${chart}${dataTable(columns, rows)}</section>`;
}

function activitiesSection(r: ProgramReport, link: (id: string) => string): Html {
  const t = r.totals;
  const totals = [
    html`<b>All activities</b>`,
    t.funnel.enrolled,
    pct(t.competence.passRateEventually),
    num(t.evaluation.objectivesMean),
    num(t.evaluation.relevanceMean),
    pct(t.evaluation.perceivedBiasShare),
    pct(t.performance.responseRate),
    pct(t.performance.implementedShare),
    '',
    '',
  ];
  const columns = [
    'Activity',
    col('Enrolled'),
    col('Pass rate'),
    col('Objectives'),
    col('Relevance'),
    col('Bias'),
    col('Response rate'),
    col('Implemented'),
    'Most implemented',
    'Latest review',
  ];
  return html`<section id="activities"><h2>Activities side by side</h2>
${dataTable(columns, [...r.activities.map((row) => activityRow(row, link(row.activity.id))), totals])}
<p class="note">Under each figure, its verdict against that activity’s own thresholds (n = responses, when too few to judge).</p></section>`;
}

/** The period picker: any from..to, or a calendar year or quarter in one click. */
function periodForm(r: ProgramReport, self: string): Html {
  const year = Number(r.period.to.slice(0, 4));
  const quick = [year - 1, year].flatMap((y) => [{ label: String(y), from: `${y}-01-01`, to: `${y}-12-31` }]);
  return html`<section id="period"><h2>Period</h2>
<form class="filter" method="get" action="${self}"><div class="row">
<div><label for="from">Activities starting from</label><input id="from" name="from" type="date" value="${r.period.from}" required></div>
<div><label for="to">to (inclusive)</label><input id="to" name="to" type="date" value="${r.period.to}" required></div>
<div><button type="submit">Show</button></div></div></form>
<p class="note">Whole years: ${quick.map((q, i) => html`${i ? ', ' : ''}<a href="${self}?from=${q.from}&to=${q.to}">${q.label}</a>`)}.</p></section>`;
}

export function programPage(
  r: ProgramReport,
  links: PageLinks & { activity: (id: string) => string; committee?: string[] },
): string {
  const { from, to } = r.period;
  const self = `/reports/programs/${encodeURIComponent(r.program.id)}`;
  return page(
    `Program report: ${r.program.name}`,
    `Activities starting from ${from} to ${to} (inclusive). Report generated ${reportTime(r.generatedAt)} UTC.`,
    html`<a href="/reports">Reports home</a><a href="${self}/settings">Program and committee</a><a href="${links.csv}">CSV</a><a href="${links.json}">JSON</a>`,
    html`${periodForm(r, self)}${commendationSection(r)}${activitiesSection(r, links.activity)}
<section id="actions"><h2>Open actions</h2>${actionsTable(r.openActions, 'No open actions: every change the committee required is done or dropped.', `${self}?from=${from}&to=${to}#actions`)}</section>
${trendSection(r)}
<section id="reviews"><h2>Committee reviews of this period</h2>${reviewsList(r.reviews, 'No review of this period recorded yet.')}${reviewForm(links.reviews, { period: { from, to }, committee: links.committee })}</section>`,
  );
}
