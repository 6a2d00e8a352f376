// One activity's outcome report as a page: a section per Moore level with its
// charts (inline SVG) and, beside each chart, a table of the same numbers.
import { isoDay, num, pct } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import type { ActivityReport } from '../schemas.js';
import { funnelSteps } from './labels.js';
import { acceptabilityTable, page, reportTime, reviewForm, reviewsList, type PageLinks } from './layout.js';
import { barChart } from './svg.js';
import { dataTable, num as col } from './table.js';
import {
  actionsTable,
  commitmentsSection,
  disclosuresSection,
  followUpEmailsChart,
  seriesSection,
} from './workspace-sections.js';

const countRow = (label: string, value: number) =>
  html`<tr><td>${label}</td><td class="n">${value}</td></tr>`;

function funnelSection(r: ActivityReport): Html {
  const f = r.funnel;
  const steps = funnelSteps(f);
  return html`<section id="funnel"><h2>Participation funnel</h2>
${barChart({ title: 'Participation funnel', bars: steps, max: Math.max(1, f.enrolled) })}
<table><tbody>${steps.map((s) => countRow(s.label, s.value))}
${countRow('Lapsed (unpaid)', f.lapsed)}${countRow('Withdrawn', f.withdrawn)}
${countRow('Failed competence (attempts used up)', f.failedCompetence)}</tbody></table></section>`;
}

function competenceSection(r: ActivityReport): Html {
  const c = r.competence;
  const cd = r.competenceDetail;
  const items = cd.items.map((i) => [
    html`<b>${i.itemId}</b> ${i.prompt}`,
    i.kind,
    i.n,
    pct(i.difficulty),
    num(i.discrimination, 2),
  ]);
  const scores = barChart({
    title: `First-attempt scores: learners per score band (pass mark ${pct(cd.passMark)})`,
    bars: cd.distribution.map((b) => ({ label: b.label, value: b.count })),
    max: Math.max(1, ...cd.distribution.map((b) => b.count)),
  });
  return html`<section id="competence"><h2>Competence (Moore level 4)</h2>
<table><tbody>
<tr><td>Learners who took the check</td><td class="n">${c.attempted}</td></tr>
<tr><td>Mean score, first attempt</td><td class="n">${pct(c.meanScore)}</td></tr>
<tr><td>Pass rate, first attempt (pass mark ${pct(cd.passMark)})</td><td class="n">${pct(c.passRateFirstAttempt)}</td></tr>
<tr><td>Pass rate, eventually (up to ${cd.maxAttempts} attempts)</td><td class="n">${pct(c.passRateEventually)}</td></tr>
</tbody></table>
${scores}
<h3>Items</h3>
${dataTable(['Item', 'Kind', col('n'), col('Difficulty (share correct)'), col('Discrimination')], items)}<p class="note">Discrimination: ${cd.discriminationMethod}</p>
</section>`;
}

function evaluationSection(r: ActivityReport): Html {
  const e = r.evaluation;
  const rated = [...r.evaluationDetail.objectives, r.evaluationDetail.relevance];
  const rows = rated.map((o) => [o.label, o.n, num(o.mean, 2), ...o.distribution.map((d) => d.count)]);
  const means = barChart({
    title: 'Mean rating per objective and relevance (1–5)',
    bars: rated.map((o) => ({ label: o.label, value: o.mean, valueLabel: num(o.mean, 2) })),
    max: 5,
  });
  return html`<section id="evaluation"><h2>Evaluation (Moore levels 1–2)</h2>
<p>${e.responses} evaluation${e.responses === 1 ? '' : 's'}.</p>
${means}
${dataTable(['Rated', col('n'), col('Mean'), ...[1, 2, 3, 4, 5].map((n) => col(`Rated ${n}`))], rows)}
<p>Perceived commercial bias: <b>${e.perceivedBias}</b> of ${e.responses} (${pct(e.perceivedBiasShare)}).</p>
</section>`;
}

function performanceSection(r: ActivityReport): Html {
  const p = r.performance;
  const pd = r.performanceDetail;
  const share = (label: string, value: number | null, n: number) => ({
    label,
    value,
    valueLabel: `${pct(value)} (${n})`,
  });
  const afterReminders = dataTable(
    ['Answered', col('Learners'), col('Response rate')],
    pd.afterReminders.map((s) => [
      s.afterReminders === 0 ? 'Before any reminder' : `After reminder ${s.afterReminders}`,
      s.answered,
      pct(s.rate),
    ]),
  );
  const implemented = barChart({
    title: 'Implemented their commitment to change (share of respondents)',
    bars: [
      share('Fully', p.fullyShare, p.fully),
      share('Partly', p.partlyShare, p.partly),
      share('Not', p.notShare, p.not),
    ],
    max: 1,
  });
  const most =
    p.mostImplemented === null
      ? 'Too few responses to say whether most respondents implemented their change.'
      : p.mostImplemented
        ? 'Most respondents implemented their change (fully or partly).'
        : 'Fewer than half of respondents implemented their change (fully or partly).';
  const barriers = pd.barriers.length
    ? html`<table><tbody>${pd.barriers.map((b) => countRow(b.barrier, b.count))}</tbody></table>`
    : html`<p class="note">None named.</p>`;
  return html`<section id="performance"><h2>Performance in practice (Moore level 5)</h2>
<p>Follow-up sent to ${p.sent}; answered by ${p.answered} (${pct(p.responseRate)}); ${pd.nonRespondents} did not answer. Reminders sent: ${pd.remindersSent}.</p>
<h3>Which email brought the answers</h3>
${followUpEmailsChart(r)}
<h3>Cumulative response, by reminders sent before the answer</h3>
${afterReminders}
${implemented}
<p>Implemented fully or partly: <b>${pct(p.implementedShare)}</b>. ${most}</p>
<h3>Barriers named</h3>
${barriers}
</section>`;
}

function creditsSection(r: ActivityReport): Html {
  const rows = r.credits.map((c) => [
    c.label,
    num(c.designatedMax),
    c.claimants,
    num(c.totalClaimed),
    num(c.meanClaimed),
    num(c.maxClaimed),
    c.atMaximum,
  ]);
  const table = r.credits.length
    ? dataTable(
        [
          'Credit type',
          col('Designated maximum'),
          col('Claimants'),
          col('Total claimed'),
          col('Mean'),
          col('Largest claim'),
          col('Claimed the maximum'),
        ],
        rows,
      )
    : html`<p class="note">No credit designated.</p>`;
  return html`<section id="credits"><h2>Credits claimed</h2>
${table}</section>`;
}

function freeTextSection(r: ActivityReport): Html {
  const quotes = (title: string, list: string[]) =>
    html`<h3>${title} (${list.length})</h3>${
      list.length
        ? html`<ul class="quotes">${list.map((t) => html`<li>${t}</li>`)}</ul>`
        : html`<p class="note">None.</p>`
    }`;
  return html`<section id="free-text"><h2>What learners wrote</h2>
<p class="note">Anonymous and sorted alphabetically: nothing here is tied to a learner.</p>
<p>Commitments to change are grouped, with what their authors answered at follow-up, <a href="#commitments">above</a>.</p>
${quotes('Follow-up comments', r.freeText.followUpComments)}
${quotes('Comments on commercial bias', r.freeText.biasComments)}</section>`;
}

export function activityPage(r: ActivityReport, links: PageLinks & { committee?: string[] }): string {
  const a = r.activity;
  const nav = html`<a href="/reports">Reports home</a>${links.program ? html`<a href="${links.program}">Program report: ${r.programName}</a>` : null}<a href="${links.csv}">CSV</a><a href="${links.json}">JSON</a>`;
  const subtitle = `${a.format === 'live' ? 'Live' : 'Enduring'} activity ${a.id}, ${isoDay(a.startsAt)} to ${isoDay(a.endsAt)}, program ${r.programName}${r.seriesId ? `, series ${r.seriesId}` : ''}. Report generated ${reportTime(r.generatedAt)} UTC.`;
  const self = `/reports/activities/${encodeURIComponent(a.id)}`;
  return page(
    `Outcome report: ${a.title}`,
    subtitle,
    nav,
    html`<section id="acceptability"><h2>Acceptability</h2>${acceptabilityTable(r.acceptability)}</section>
${seriesSection(r)}${disclosuresSection(r, `${self}/disclosures`)}
${funnelSection(r)}${competenceSection(r)}${evaluationSection(r)}${performanceSection(r)}${commitmentsSection(r)}${creditsSection(r)}${freeTextSection(r)}
<section id="reviews"><h2>Committee reviews</h2>${reviewsList(r.reviews, 'No review recorded yet.')}
<h3>Actions these reviews require</h3>${actionsTable(r.actions, 'No actions yet.', `${self}#reviews`)}
${reviewForm(links.reviews, { committee: links.committee, actions: true })}</section>`,
  );
}
