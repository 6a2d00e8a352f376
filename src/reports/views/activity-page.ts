// One activity's outcome report as a page: a section per Moore level with its
// charts (inline SVG) and, beside each chart, a table of the same numbers.
import { isoDay, num, pct } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import type { ActivityReport } from '../schemas.js';
import { funnelSteps } from './labels.js';
import { acceptabilityTable, page, reportTime, reviewForm, reviewsList, type PageLinks } from './layout.js';
import { barChart } from './svg.js';

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
  const items = cd.items.map(
    (i) =>
      html`<tr><td><b>${i.itemId}</b> ${i.prompt}</td><td>${i.kind}</td><td class="n">${i.n}</td><td class="n">${pct(i.difficulty)}</td><td class="n">${num(i.discrimination, 2)}</td></tr>`,
  );
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
<table><thead><tr><th>Item</th><th>Kind</th><th class="n">n</th><th class="n">Difficulty (share correct)</th><th class="n">Discrimination</th></tr></thead><tbody>
${items}
</tbody></table><p class="note">Discrimination: ${cd.discriminationMethod}</p>
</section>`;
}

function evaluationSection(r: ActivityReport): Html {
  const e = r.evaluation;
  const rated = [...r.evaluationDetail.objectives, r.evaluationDetail.relevance];
  const rows = rated.map(
    (o) =>
      html`<tr><td>${o.label}</td><td class="n">${o.n}</td><td class="n">${num(o.mean, 2)}</td>${o.distribution.map((d) => html`<td class="n">${d.count}</td>`)}</tr>`,
  );
  const means = barChart({
    title: 'Mean rating per objective and relevance (1–5)',
    bars: rated.map((o) => ({ label: o.label, value: o.mean, valueLabel: num(o.mean, 2) })),
    max: 5,
  });
  return html`<section id="evaluation"><h2>Evaluation (Moore levels 1–2)</h2>
<p>${e.responses} evaluation${e.responses === 1 ? '' : 's'}.</p>
${means}
<table><thead><tr><th>Rated</th><th class="n">n</th><th class="n">Mean</th><th class="n">1</th><th class="n">2</th><th class="n">3</th><th class="n">4</th><th class="n">5</th></tr></thead><tbody>${rows}</tbody></table>
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
  const afterReminders = barChart({
    title: 'Cumulative follow-up response rate after each reminder',
    bars: pd.afterReminders.map((s) =>
      share(
        s.afterReminders === 0 ? 'Before any reminder' : `After reminder ${s.afterReminders}`,
        s.rate,
        s.answered,
      ),
    ),
    max: 1,
  });
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
${afterReminders}
${implemented}
<p>Implemented fully or partly: <b>${pct(p.implementedShare)}</b>. ${most}</p>
<h3>Barriers named</h3>
${barriers}
</section>`;
}

function creditsSection(r: ActivityReport): Html {
  const rows = r.credits.map(
    (c) =>
      html`<tr><td>${c.label}</td><td class="n">${num(c.designatedMax)}</td><td class="n">${c.claimants}</td><td class="n">${num(c.totalClaimed)}</td><td class="n">${num(c.meanClaimed)}</td><td class="n">${num(c.maxClaimed)}</td><td class="n">${c.atMaximum}</td></tr>`,
  );
  const table = r.credits.length
    ? html`<table><thead><tr><th>Credit type</th><th class="n">Designated maximum</th><th class="n">Claimants</th><th class="n">Total claimed</th><th class="n">Mean</th><th class="n">Largest claim</th><th class="n">Claimed the maximum</th></tr></thead><tbody>${rows}</tbody></table>`
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
${quotes('Commitments to change', r.freeText.commitments)}
${quotes('Follow-up comments', r.freeText.followUpComments)}
${quotes('Comments on commercial bias', r.freeText.biasComments)}</section>`;
}

export function activityPage(r: ActivityReport, links: PageLinks): string {
  const a = r.activity;
  const nav = html`${links.program ? html`<a href="${links.program}">Program report</a>` : null}<a href="${links.csv}">CSV</a><a href="${links.json}">JSON</a>`;
  const subtitle = `${a.format === 'live' ? 'Live' : 'Enduring'} activity ${a.id}, ${isoDay(a.startsAt)} to ${isoDay(a.endsAt)}, program ${a.programId}. Report generated ${reportTime(r.generatedAt)} UTC.`;
  return page(
    `Outcome report: ${a.title}`,
    subtitle,
    nav,
    html`<section id="acceptability"><h2>Acceptability</h2>${acceptabilityTable(r.acceptability)}</section>
${funnelSection(r)}${competenceSection(r)}${evaluationSection(r)}${performanceSection(r)}${creditsSection(r)}${freeTextSection(r)}
<section id="reviews"><h2>Committee reviews</h2>${reviewsList(r.reviews, 'No review recorded yet.')}${reviewForm(links.reviews, undefined, links.csrf)}</section>`,
  );
}
