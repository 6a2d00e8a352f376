// The public page of an activity: what it is, when, the credit designated,
// and the disclosures of everyone who controls its content ("nothing to
// disclose" included), for learners to read before the activity starts.
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { policyOrDefaults } from '../../domain/policy-schema.js';
import { formatCredits, formatDateRange, formatDateTime } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import { page } from '../../learner/pages/layout.js';
import type { activities } from '../../db/schema/index.js';
import type { Person } from '../schemas.js';
import { statusOf } from '../status.js';
import {
  disclosureSummary,
  learnerDisclosure,
  ROLE_LABELS,
  type LearnerDisclosure,
} from '../learner-view.js';

function personItem(d: LearnerDisclosure): Html {
  return html`<li class="card" data-person="${d.name}">
    <p><strong>${d.name}</strong> <span class="hint">${d.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span></p>
    <p class="statement">${d.statement}</p>
    ${d.relationships.length ? html`<ul>${d.relationships.map((r) => html`<li>${r.company}: ${r.nature}</li>`)}</ul>` : null}
  </li>`;
}

export function activityPublicPage(activity: typeof activities.$inferSelect, people: Person[]): string {
  const policy = policyOrDefaults(activity.policy);
  const status = statusOf(people, 0);
  const when =
    activity.format === 'live'
      ? `${formatDateTime(activity.startsAt)} to ${formatDateTime(activity.endsAt)}`
      : `On demand, ${formatDateRange(activity.startsAt, activity.endsAt)}`;
  const credits = policy.credits.map(
    (c) =>
      html`<li>${formatCredits(c.maxCredits)} ${CREDIT_TYPE_LABELS[c.type]}${c.uan ? html` (UAN ${c.uan})` : null}</li>`,
  );
  return page(
    { title: activity.title, provider: activity.providerName, publicPage: true },
    html`<h1>${activity.title}</h1>
      <dl class="card">
        <dt>When</dt><dd>${when}</dd>
        ${activity.location ? html`<dt>Where</dt><dd>${activity.location}</dd>` : null}
        <dt>Provider</dt><dd>${activity.providerName}</dd>
      </dl>
      <h2>Learning objectives</h2>
      <ul>${activity.learningObjectives.map((o) => html`<li>${o}</li>`)}</ul>
      ${credits.length ? html`<h2>Credit</h2><ul>${credits}</ul>` : null}
      <section id="disclosures">
        <h2>Disclosures</h2>
        <p>Everyone who controls the content of this activity has disclosed, or been asked to disclose, their financial relationships with ineligible companies over the past 24 months.</p>
        <ul class="people plain">${people.map((p) => personItem(learnerDisclosure(p)))}</ul>
        <p class="${status.complete ? 'notice' : 'hint'}">${disclosureSummary(status.complete, people.length)}</p>
      </section>`,
  );
}
