// The sections the CE office's workspace adds to the report pages: the
// disclosures' status, follow-up answers by the email that brought them,
// commitments grouped beside their outcomes, tracked actions, and the
// before/after comparison along a series.
import { num as number, pct } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import type { Action } from '../actions.js';
import type { ActivityReport } from '../schemas.js';
import type { SeriesMeasure } from '../workspace-schemas.js';
import { DECISION_LABELS, MEASURE_LABELS, formatMeasure } from './labels.js';
import { barChart } from './svg.js';
import { dataTable, num } from './table.js';

const badge = (cls: string, text: string) => html`<span class="verdict v-${cls}">${text}</span>`;

export function disclosuresSection(r: ActivityReport, link: string): Html {
  const d = r.disclosures;
  const state = d.complete
    ? badge('acceptable', 'Complete')
    : badge('below_threshold', d.people === 0 ? 'Nobody listed yet' : 'Incomplete');
  return html`<section id="disclosures"><h2>Disclosures</h2>
<p>${state} ${d.disclosed} of ${d.people} ${d.people === 1 ? 'person' : 'people'} who control content disclosed;
${d.relationships} relationship${d.relationships === 1 ? '' : 's'} disclosed, ${d.relevant} relevant,
${d.undecided} awaiting a decision, ${d.unmitigated} relevant without a mitigation.</p>
${r.disclosurePeople.length ? disclosurePeopleTable(r) : null}
${d.heldEmails ? html`<p><b>${d.heldEmails}</b> enrollment email${d.heldEmails === 1 ? ' is' : 's are'} held until the disclosures are complete.</p>` : null}
<p><a href="${link}">Disclosures of this activity</a> <span class="note">(CE staff record relevance and mitigation there)</span></p></section>`;
}

const DISCLOSURE_STATES = {
  not_received: badge('below_threshold', 'Not received'),
  nothing_to_disclose: badge('acceptable', 'Nothing to disclose'),
  relationships: null,
};

function disclosurePeopleTable(r: ActivityReport): Html {
  return dataTable(
    ['Person', 'Roles', 'Disclosure', 'Staff decisions'],
    r.disclosurePeople.map((p) => [
      p.name,
      p.roles.join(', '),
      DISCLOSURE_STATES[p.disclosure] ?? `${p.relationships} relationship${p.relationships === 1 ? '' : 's'}`,
      p.disclosure !== 'relationships'
        ? ''
        : p.undecided || p.unmitigated
          ? badge(
              'pending',
              [p.undecided && `${p.undecided} to decide`, p.unmitigated && `${p.unmitigated} to mitigate`]
                .filter(Boolean)
                .join(', '),
            )
          : badge('acceptable', 'All decided and mitigated'),
    ]),
  );
}

/** Follow-up answers by the email whose link brought them. */
export function followUpEmailsChart(r: ActivityReport): Html {
  const rows = r.followUpEmails;
  if (rows.length === 0) return html`<p class="note">No follow-up email sent yet.</p>`;
  return barChart({
    title: 'Follow-up answers by the email that brought them (share of those who received it)',
    bars: rows.map((e) => ({
      label: e.sent === null ? `${e.label}` : `${e.label} (sent to ${e.sent})`,
      value: e.sent === null ? null : e.rate,
      valueLabel: e.sent === null ? `${e.answered} answers` : `${pct(e.rate)} (${e.answered})`,
    })),
    max: 1,
  });
}

export function commitmentsSection(r: ActivityReport): Html {
  const groups = r.commitmentGroups;
  const rows = groups.map((g) => [
    html`${g.label}${g.wordings.length > 1 ? html`<br><span class="note">${g.wordings.length} wordings</span>` : null}`,
    g.count,
    `${g.followUp.answered} of ${g.followUp.sent}`,
    g.followUp.fully,
    g.followUp.partly,
    g.followUp.not,
    g.barriers.map((b) => `${b.barrier} (${b.count})`).join(', ') || '—',
  ]);
  return html`<section id="commitments"><h2>Commitments to change, beside what their authors did</h2>
${
  groups.length
    ? dataTable(
        [
          'Commitment',
          num('Learners'),
          num('Answered follow-up'),
          num('Fully'),
          num('Partly'),
          num('Not'),
          'Barriers named',
        ],
        rows,
      )
    : html`<p class="note">No commitments yet.</p>`
}
<p class="note">${r.commitmentGrouping} No names: a group is never tied to a learner.</p></section>`;
}

const STATUS_LABELS: Record<Action['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

function actionForm(a: Action, back: string): Html {
  return html`<form class="inline" method="post" action="/reports/actions/${a.id}">
<input type="hidden" name="back" value="${back}">
<div><label for="status-${a.id}">Status</label><select id="status-${a.id}" name="status">${Object.entries(
    STATUS_LABELS,
  ).map(
    ([v, l]) => html`<option value="${v}"${v === a.status ? html` selected` : null}>${l}</option>`,
  )}</select></div>
<div><label for="owner-${a.id}">Owner</label><input id="owner-${a.id}" name="owner" value="${a.owner ?? ''}" maxlength="200"></div>
<div><label for="due-${a.id}">Due</label><input id="due-${a.id}" name="dueOn" type="date" value="${a.dueOn ?? ''}"></div>
<div><label for="note-${a.id}">Note</label><input id="note-${a.id}" name="note" value="${a.note ?? ''}" maxlength="2000"></div>
<button type="submit" class="secondary">Update</button></form>`;
}

/** Tracked actions; with `back`, each has a form to update it that returns to that page. */
export function actionsTable(actions: Action[], empty: string, back?: string): Html {
  if (actions.length === 0) return html`<p class="note">${empty}</p>`;
  const rows = actions.map((a) => [
    html`${a.description}${back ? actionForm(a, back) : null}`,
    html`<a href="/reports/activities/${encodeURIComponent(a.activityId)}">${a.activityTitle}</a><br><span class="note">reviewed ${a.reviewedOn}</span>`,
    a.owner ?? html`<span class="note">to be named</span>`,
    a.dueOn ?? '—',
    html`${badge(a.status, STATUS_LABELS[a.status])}${a.note ? html`<br><span class="note">${a.note}</span>` : null}`,
  ]);
  return dataTable(['Action', 'From the review of', 'Owner', 'Due', 'Status'], rows);
}

const interval = (m: SeriesMeasure, side: SeriesMeasure['before']) =>
  side.interval
    ? `${formatMeasure(m.measure, side.interval.low)} to ${formatMeasure(m.measure, side.interval.high)}`
    : '—';

const CHANGE_LABELS: Record<SeriesMeasure['change'], string> = {
  better: 'Better',
  worse: 'Worse',
  no_clear_change: 'No clear change',
  not_enough_data: 'Not enough data',
};

function differenceText(m: SeriesMeasure): string {
  if (m.difference === null) return '—';
  const signed = (v: number) =>
    m.kind === 'share' ? `${v >= 0 ? '+' : ''}${pct(v)}` : `${v >= 0 ? '+' : ''}${number(v)}`;
  const ci = m.differenceInterval
    ? ` (${signed(m.differenceInterval.low)} to ${signed(m.differenceInterval.high)})`
    : '';
  return `${signed(m.difference)}${ci}`;
}

export function seriesSection(r: ActivityReport): Html {
  const s = r.series;
  if (!r.seriesId) return html``;
  if (!s)
    return html`<section id="series"><h2>Series ${r.seriesId}</h2><p class="note">This is the first activity of its series: nothing to compare with yet.</p></section>`;
  const rows = s.measures.map((m) => [
    MEASURE_LABELS[m.measure] ?? m.measure,
    html`${formatMeasure(m.measure, m.before.value)} <span class="note">n=${m.before.n}; ${interval(m, m.before)}</span>`,
    html`${formatMeasure(m.measure, m.after.value)} <span class="note">n=${m.after.n}; ${interval(m, m.after)}</span>`,
    differenceText(m),
    badge(m.change, CHANGE_LABELS[m.change]),
  ]);
  const basis =
    s.basis === 'last_review' && s.review
      ? html`the committee’s last review in the series (${s.review.reviewedOn}, ${DECISION_LABELS[s.review.decision] ?? s.review.decision}) was of <a href="/reports/activities/${encodeURIComponent(s.before.id)}">${s.before.title}</a>`
      : html`no earlier activity of the series has been reviewed; compared with the previous one, <a href="/reports/activities/${encodeURIComponent(s.before.id)}">${s.before.title}</a>`;
  return html`<section id="series"><h2>Since the last review (series ${s.seriesId})</h2>
<p>Before: ${basis}. After: this activity.</p>
<h3>Changes required and what became of them</h3>
${actionsTable(s.actions, 'No actions were recorded for earlier activities of the series.')}
<h3>Each measure before and after (95% confidence intervals)</h3>
${dataTable(['Measure', 'Before', 'After', 'Difference (95% CI)', 'Change'], rows)}
<p class="note">${s.method}</p></section>`;
}
