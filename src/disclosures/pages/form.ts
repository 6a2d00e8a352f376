// The disclosure form behind a signed link: the person lists each financial
// relationship with an ineligible company of the past 24 months (or says there
// are none) and signs the attestation. No JavaScript: five rows are always
// there, empty rows are ignored.
import { html, type Html } from '../../platform/html.js';
import { formatDateRange } from '../../platform/format.js';
import { page } from '../../learner/pages/layout.js';
import type { FormBody } from '../../learner/form.js';
import { formString } from '../../learner/form.js';
import type { activities } from '../../db/schema/index.js';
import type { DisclosureInput, Person } from '../schemas.js';
import { ROLE_LABELS } from '../learner-view.js';

export const NATURES = [
  'Consulting fee',
  'Speakers’ bureau',
  'Honoraria',
  'Advisory board',
  'Research grant (principal investigator)',
  'Employee',
  'Stock or ownership interest',
  'Royalties or patent',
  'Other',
];
const ROWS = 5;

export type Typed = {
  nothingToDisclose: string;
  relationships: { company: string; nature: string; endedOn: string }[];
  signedName: string;
  attest: boolean;
};
export type Errors = Record<string, string>;

/** The form's fields as typed (kept when the page is shown again with errors). */
export function typedFrom(body: FormBody): Typed {
  const relationships = Array.from({ length: 30 }, (_, i) => ({
    company: formString(body, `company${i}`),
    nature: formString(body, `nature${i}`),
    endedOn: formString(body, `endedOn${i}`),
  })).filter((r) => r.company || r.nature || r.endedOn);
  return {
    nothingToDisclose: formString(body, 'nothingToDisclose'),
    relationships,
    signedName: formString(body, 'signedName'),
    attest: formString(body, 'attest') === 'yes',
  };
}

/** The typed form as the disclosure to record, or the problems to show by field. */
export function inputFrom(t: Typed): { input?: DisclosureInput; errors: Errors } {
  const errors: Errors = {};
  if (t.nothingToDisclose !== 'yes' && t.nothingToDisclose !== 'no') errors.nothingToDisclose = 'Choose one.';
  t.relationships.forEach((r, i) => {
    if (!r.company) errors[`relationships.${i}.company`] = 'Name the company.';
    if (!r.nature) errors[`relationships.${i}.nature`] = 'Say what the relationship is.';
    if (r.endedOn && !/^\d{4}-\d{2}-\d{2}$/.test(r.endedOn))
      errors[`relationships.${i}.endedOn`] = 'A date like 2025-06-30.';
  });
  if (!t.signedName) errors.signedName = 'Type your full name to sign.';
  if (!t.attest) errors.attest = 'Tick the box to sign the attestation.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      nothingToDisclose: t.nothingToDisclose === 'yes',
      relationships: t.relationships.map((r) => ({
        company: r.company.slice(0, 200),
        nature: r.nature.slice(0, 200),
        ...(r.endedOn ? { endedOn: r.endedOn } : {}),
      })),
      signedName: t.signedName.slice(0, 200),
      attest: true,
    },
  };
}

const err = (errors: Errors, name: string) =>
  errors[name] ? html`<p class="error" id="${name}-err">${errors[name]}</p>` : null;

function relationshipRow(i: number, r: Typed['relationships'][number] | undefined, errors: Errors): Html {
  const f = (name: string) => `${name}${i}`;
  return html`<fieldset class="relationship">
    <legend>Relationship ${i + 1}</legend>
    <label for="${f('company')}">Ineligible company</label>
    ${err(errors, `relationships.${i}.company`)}
    <input type="text" id="${f('company')}" name="${f('company')}" value="${r?.company ?? ''}" maxlength="200" />
    <label for="${f('nature')}">Nature of the relationship</label>
    ${err(errors, `relationships.${i}.nature`)}
    <input type="text" id="${f('nature')}" name="${f('nature')}" value="${r?.nature ?? ''}" maxlength="200" list="natures" />
    <label for="${f('endedOn')}">Ended on (leave empty if ongoing)</label>
    ${err(errors, `relationships.${i}.endedOn`)}
    <input type="date" id="${f('endedOn')}" name="${f('endedOn')}" value="${r?.endedOn ?? ''}" />
  </fieldset>`;
}

export function typedFromSaved(person: Person): Typed | undefined {
  const d = person.disclosure;
  if (!d) return undefined;
  return {
    nothingToDisclose: d.nothingToDisclose ? 'yes' : 'no',
    relationships: d.relationships.map((r) => ({
      company: r.company,
      nature: r.nature,
      endedOn: r.endedOn ?? '',
    })),
    signedName: d.signedName,
    attest: false,
  };
}

export function disclosureFormPage(
  activity: typeof activities.$inferSelect,
  person: Person,
  token: string,
  opts: { typed?: Typed; errors?: Errors; saved?: boolean } = {},
): string {
  const errors = opts.errors ?? {};
  const t = opts.typed ?? typedFromSaved(person);
  const rows = Math.max(ROWS, (t?.relationships.length ?? 0) + 2);
  const radio = (value: string, label: string) =>
    html`<label class="choice" for="ntd-${value}"><input type="radio" id="ntd-${value}" name="nothingToDisclose" value="${value}" ${t?.nothingToDisclose === value ? html`checked` : null} /><span>${label}</span></label>`;
  const hasErrors = Object.keys(errors).length > 0;
  const saved = person.disclosure;
  return page(
    { title: `Disclosure: ${activity.title}`, provider: activity.providerName },
    html`<h1>Disclose your financial relationships</h1>
      <p class="hint">${activity.title}, ${formatDateRange(activity.startsAt, activity.endsAt)}. You are listed as ${person.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ')}.</p>
      ${opts.saved ? html`<section class="notice" role="status"><h2>Thank you: your disclosure is recorded</h2><p>The CE office will review it. You can correct it below until the activity starts.</p></section>` : saved ? html`<p class="notice">You disclosed on ${saved.attestedAt.slice(0, 10)}. Sending the form again replaces that disclosure.</p>` : null}
      ${hasErrors ? html`<div class="warning" role="alert"><p><strong>Please check the fields marked below.</strong></p></div>` : null}
      <form method="post" action="/disclose/${encodeURIComponent(activity.id)}" novalidate>
        <input type="hidden" name="t" value="${token}" />
        <fieldset ${errors.nothingToDisclose ? html`aria-describedby="nothingToDisclose-err"` : null}>
          <legend>In the past 24 months, have you had any financial relationship with an ineligible company (one whose primary business is producing, marketing, selling, re-selling or distributing healthcare products used by or on patients)?</legend>
          ${err(errors, 'nothingToDisclose')}
          ${radio('yes', 'No: I have nothing to disclose')}
          ${radio('no', 'Yes: I list each relationship below')}
        </fieldset>
        ${err(errors, 'relationships')}
        <datalist id="natures">${NATURES.map((n) => html`<option value="${n}"></option>`)}</datalist>
        ${Array.from({ length: rows }, (_, i) => relationshipRow(i, t?.relationships[i], errors))}
        <fieldset>
          <legend>Attestation</legend>
          ${err(errors, 'attest')}
          <label class="choice" for="attest"><input type="checkbox" id="attest" name="attest" value="yes" ${opts.typed?.attest ? html`checked` : null} />
            <span>I attest that this disclosure is complete and accurate for the past 24 months, and that I will tell the CE office of any change before the activity.</span></label>
          <label for="signedName">Your full name, as your signature</label>
          ${err(errors, 'signedName')}
          <input type="text" id="signedName" name="signedName" value="${t?.signedName ?? ''}" maxlength="200" autocomplete="name" />
        </fieldset>
        <button type="submit">Sign and send</button>
      </form>`,
  );
}
