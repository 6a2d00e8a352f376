// An activity's disclosures for CE staff: who controls content and whether
// each has disclosed, each relationship with the form to mark it relevant and
// record its mitigation, and the form to add a person (who is emailed a link).
import { html, type Html } from '../../platform/html.js';
import type { ActivityDisclosures, Person } from '../../disclosures/schemas.js';
import { ROLE_LABELS } from '../../disclosures/learner-view.js';
import { page } from './layout.js';
import { dataTable } from './table.js';

const badge = (cls: string, text: string) => html`<span class="verdict v-${cls}">${text}</span>`;

function decisionForm(base: string, r: NonNullable<Person['disclosure']>['relationships'][number]): Html {
  const checked = (v: boolean) => (r.relevant === v ? html` checked` : null);
  return html`<form class="inline" method="post" action="${base}/relationships/${r.id}">
<fieldset><legend>Relevant?</legend>
<label><input type="radio" name="relevant" value="yes"${checked(true)}> Relevant</label>
<label><input type="radio" name="relevant" value="no"${checked(false)}> Not relevant</label></fieldset>
<div><label for="mitigation-${r.id}">Mitigation</label><input id="mitigation-${r.id}" name="mitigation" value="${r.mitigation ?? ''}" maxlength="2000" placeholder="e.g. content peer-reviewed by a planner without relationships"></div>
<button type="submit" class="secondary">Save</button></form>`;
}

function relationshipState(r: NonNullable<Person['disclosure']>['relationships'][number]): Html {
  if (r.relevant === null) return badge('pending', 'To decide');
  if (!r.relevant) return badge('too_few_responses', 'Not relevant');
  return r.mitigated
    ? badge('acceptable', 'Relevant, mitigated')
    : badge('below_threshold', 'Relevant, not mitigated');
}

function personSection(p: Person, base: string): Html {
  const d = p.disclosure;
  const state = !d
    ? badge('below_threshold', 'Not disclosed')
    : d.nothingToDisclose
      ? badge('acceptable', 'Nothing to disclose')
      : badge('acceptable', `Disclosed ${d.relationships.length}`);
  const rels = d?.relationships.length
    ? dataTable(
        ['Company', 'Nature', 'Ended', 'Decision', 'Relevance and mitigation'],
        d.relationships.map((r) => [
          r.company,
          r.nature,
          r.endedOn ?? 'ongoing',
          relationshipState(r),
          decisionForm(base, r),
        ]),
      )
    : null;
  return html`<section class="person" id="person-${p.id}"><h3>${p.name} <span class="note">${p.roles.map((r) => ROLE_LABELS[r]).join(', ')} · ${p.email}</span></h3>
<p>${state} ${d ? html`signed “${d.signedName}” on ${d.attestedAt.slice(0, 10)}` : html`link emailed ${p.invitations} time${p.invitations === 1 ? '' : 's'}`}</p>
${rels}
<form class="inline" method="post" action="${base}/people/${p.id}/invite"><button type="submit" class="secondary">Email the disclosure link again</button></form></section>`;
}

export function disclosuresPage(d: ActivityDisclosures): string {
  const base = `/reports/activities/${encodeURIComponent(d.activityId)}/disclosures`;
  const s = d.status;
  return page(
    `Disclosures: ${d.title}`,
    `Activity ${d.activityId}, starting ${d.startsAt.slice(0, 10)}.`,
    html`<a href="/reports">Reports home</a><a href="/reports/activities/${encodeURIComponent(d.activityId)}">Outcome report</a><a href="/catalog/activities/${encodeURIComponent(d.activityId)}">Public activity page</a>`,
    html`<section id="status"><h2>Status</h2>
<p>${s.complete ? badge('acceptable', 'Complete') : badge('below_threshold', 'Incomplete')} ${s.disclosed} of ${s.people} disclosed; ${s.relevant} relevant relationship${s.relevant === 1 ? '' : 's'}, ${s.undecided} to decide, ${s.unmitigated} relevant without mitigation.</p>
<p>${d.holdEnrollmentEmails ? html`The policy holds enrollment emails until the disclosures are complete: <b>${s.heldEmails}</b> waiting.` : 'Enrollment emails are sent at once, with the disclosures as they stand.'}</p></section>
<section id="people"><h2>People who control content</h2>${d.people.length ? d.people.map((p) => personSection(p, base)) : html`<p class="note">Nobody listed yet.</p>`}</section>
<section id="add"><h2>Add a person</h2>
<form class="review" method="post" action="${base}/people">
<div><label for="name">Name</label><input id="name" name="name" required maxlength="200"></div>
<div><label for="email">Email</label><input id="email" name="email" type="email" required maxlength="320"></div>
<fieldset><legend>Roles</legend>${(['planner', 'faculty', 'reviewer'] as const).map((r) => html`<label><input type="checkbox" name="roles" value="${r}"> ${ROLE_LABELS[r]}</label>`)}</fieldset>
<button type="submit">Add and email the disclosure link</button></form></section>`,
  );
}
