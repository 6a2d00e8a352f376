// The reports home: programs, and the activities matching a search and a
// period with their verdict badges, follow-up status, disclosures and latest
// review; every report is one click away.
import { isoDay } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import type { HomeActivity, ReportsHome } from '../home.js';
import { DECISION_LABELS } from './labels.js';
import { page, reportTime } from './layout.js';
import { dataTable, num } from './table.js';

const FOLLOW_UP: Record<HomeActivity['followUp']['status'], [string, string]> = {
  off: ['too_few_responses', 'No follow-up'],
  not_started: ['too_few_responses', 'Not started'],
  open: ['pending', 'Open'],
  closed: ['acceptable', 'Closed'],
};

function verdictBadges(a: HomeActivity): Html {
  const v = a.verdicts;
  const badge = (n: number, cls: string, label: string) =>
    n > 0 ? html`<span class="verdict v-${cls}">${n} ${label}</span>` : null;
  return html`<span class="badges">${badge(v.acceptable, 'acceptable', 'acceptable')}${badge(v.belowThreshold, 'below_threshold', 'below')}${badge(v.tooFewResponses, 'too_few_responses', 'too few')}</span>`;
}

function activityRows(list: HomeActivity[]) {
  return list.map((a) => {
    const [cls, label] = FOLLOW_UP[a.followUp.status];
    return [
      html`<a href="/reports/activities/${encodeURIComponent(a.activity.id)}">${a.activity.title}</a><br><span class="note">${a.activity.id}${a.seriesId ? ` · series ${a.seriesId}` : ''}</span>`,
      html`<a href="/reports/programs/${encodeURIComponent(a.activity.programId)}">${a.programName}</a>`,
      isoDay(a.activity.startsAt),
      a.enrolled,
      verdictBadges(a),
      html`<span class="verdict v-${cls}">${label}</span>${a.followUp.sent ? html`<br><span class="note">${a.followUp.answered} of ${a.followUp.sent} answered</span>` : null}`,
      html`<a href="/reports/activities/${encodeURIComponent(a.activity.id)}/disclosures">${a.disclosuresComplete ? html`<span class="verdict v-acceptable">Complete</span>` : html`<span class="verdict v-below_threshold">Incomplete</span>`}</a>`,
      a.latestReview
        ? html`${DECISION_LABELS[a.latestReview.decision]}<br><span class="note">${a.latestReview.reviewedOn}</span>`
        : '—',
    ];
  });
}

export function homePage(h: ReportsHome): string {
  const f = h.filter;
  const programs = h.programs.map(
    (p) => html`<li><a href="/reports/programs/${encodeURIComponent(p.id)}"><b>${p.name}</b></a><br>
<span class="note">${p.activities} activit${p.activities === 1 ? 'y' : 'ies'}; ${p.openActions} open action${p.openActions === 1 ? '' : 's'}; digest ${p.committeeEmails.length ? `to ${p.committeeEmails.length}` : 'off'}</span><br>
<a href="/reports/programs/${encodeURIComponent(p.id)}/settings">Program and committee</a></li>`,
  );
  const year = Number(h.generatedAt.slice(0, 4));
  return page(
    'Outcome reports',
    `Programs and activities. Generated ${reportTime(h.generatedAt)} UTC.`,
    html`<a href="/reports/programs">Programs</a><a href="/reports/annual?year=${year - 1}&format=csv">Yearly data ${year - 1} (CSV)</a><a href="/reports/annual?year=${year - 1}&format=json">${year - 1} (JSON)</a><a href="/reports/annual?year=${year}&format=csv">${year} so far (CSV)</a>`,
    html`<section id="search"><h2>Find an activity</h2>
<form class="filter" method="get" action="/reports"><div class="row">
<div><label for="q">Title, id, program or series</label><input id="q" name="q" type="search" value="${f.q ?? ''}" maxlength="200"></div>
<div><label for="from">Starting from</label><input id="from" name="from" type="date" value="${f.from ?? ''}"></div>
<div><label for="to">to</label><input id="to" name="to" type="date" value="${f.to ?? ''}"></div>
<div><button type="submit">Search</button></div></div>
${f.programId ? html`<input type="hidden" name="programId" value="${f.programId}">` : null}</form></section>
<section id="programs"><h2>Programs</h2>${programs.length ? html`<ul class="cards">${programs}</ul>` : html`<p class="note">No programs yet.</p>`}</section>
<section id="activities"><h2>Activities (${h.activities.length}${h.truncated ? '+' : ''})</h2>
${
  h.activities.length
    ? dataTable(
        [
          'Activity',
          'Program',
          'Starts',
          num('Enrolled'),
          'Verdicts',
          'Follow-up',
          'Disclosures',
          'Latest review',
        ],
        activityRows(h.activities),
      )
    : html`<p class="note">No activity matches.</p>`
}
${h.truncated ? html`<p class="note">More activities match than are listed: narrow the search or the period.</p>` : null}</section>`,
  );
}
