// The learner's profession and credentials on the claim form: what decides
// which credit types they may claim. A learner who lacks an e-Profile ID, or
// whose profession is wrong, corrects it here and the claim goes on.
// The form edits the first California licence, the first Florida licence and
// the first ASCP certification; any other credentials are kept as they are.
import { profileFieldsSchema } from '../../domain/profile-schema.js';
import {
  ASCP_CERTIFICATIONS,
  CALIFORNIA_LICENCE_TYPES,
  CALIFORNIA_SPECIALTIES,
  FLORIDA_CATEGORIES,
  FLORIDA_LEVELS,
  PROFESSION_LABELS,
  PROFESSIONS,
  type Credential,
  type LearnerProfile,
} from '../../domain/profile.js';
import type { ProfileInput } from '../../domain/profile-schema.js';
import { html, type Html } from '../../platform/html.js';
import { fieldError, type Errors } from './fields.js';
import type { Typed } from './evaluation-input.js';

const words = (v: string) => v.replaceAll('_', ' ');

/** Every field of the profile part of the form. */
export const PROFILE_FIELDS = [
  'profession',
  'nabpEProfileId',
  'birthMonthDay',
  ...['ca', 'fl', 'ascp'].flatMap((s) => [`${s}Subtype`, `${s}Category`, `${s}Identifier`]),
  'ascpCycleEndsOn',
];

/** The three credentials the form edits, by field prefix. */
const SLOTS = {
  ca: (c: Credential) => c.kind === 'state_licence' && c.state === 'CA',
  fl: (c: Credential) => c.kind === 'state_licence' && c.state === 'FL',
  ascp: (c: Credential) => c.kind === 'ascp_certification',
} as const;
type Slot = keyof typeof SLOTS;

/** The form's values as stored, for a first render. */
export function profileTyped(p: LearnerProfile): Typed {
  const typed: Typed = {
    profession: p.profession ?? '',
    nabpEProfileId: p.nabpEProfileId ?? '',
    birthMonthDay: p.birthMonthDay ?? '',
  };
  for (const slot of Object.keys(SLOTS) as Slot[]) {
    const c = p.credentials.find(SLOTS[slot]);
    typed[`${slot}Subtype`] = c?.subtype ?? '';
    typed[`${slot}Category`] = c?.category ?? '';
    typed[`${slot}Identifier`] = c?.identifier ?? '';
    if (slot === 'ascp') typed.ascpCycleEndsOn = c?.cycleEndsOn ?? '';
  }
  return typed;
}

/**
 * The profile as typed, checked like the API checks it; errors by field name.
 * Undefined when a field is wrong.
 */
export function readProfileForm(
  current: LearnerProfile,
  typed: Typed,
  errors: Errors,
): Partial<ProfileInput> | undefined {
  const value = (name: string) => (typed[name] ?? '').trim() || undefined;
  const kept = current.credentials.filter(
    (c) => !Object.values(SLOTS).some((inSlot) => current.credentials.find(inSlot) === c),
  );
  const slot = (s: Slot, base: Partial<Credential>) =>
    value(`${s}Identifier`)
      ? [
          {
            ...base,
            subtype: value(`${s}Subtype`),
            category: value(`${s}Category`),
            identifier: value(`${s}Identifier`)!,
          },
        ]
      : [];
  const ascp = current.credentials.find(SLOTS.ascp);
  const credentials = [
    ...slot('ca', { kind: 'state_licence', state: 'CA' }),
    ...slot('fl', { kind: 'state_licence', state: 'FL' }),
    ...slot('ascp', {
      kind: 'ascp_certification',
      cycleStartsOn: ascp?.cycleStartsOn ?? undefined,
      cycleEndsOn: value('ascpCycleEndsOn'),
    }).map((c) => ({ ...c, category: undefined })),
    ...kept,
  ];
  const parsed = profileFieldsSchema.safeParse({
    profession: value('profession'),
    nabpEProfileId: value('nabpEProfileId'),
    birthMonthDay: value('birthMonthDay'),
    credentials,
  });
  if (!parsed.success) {
    const slotOf = (i: number) =>
      (Object.keys(SLOTS) as Slot[]).find((s) => credentials[i] && SLOTS[s](credentials[i] as Credential));
    for (const issue of parsed.error.issues) {
      const [field, index, sub] = issue.path as (string | number)[];
      const name =
        field === 'credentials' && typeof index === 'number'
          ? `${slotOf(index) ?? 'ca'}${sub === 'category' ? 'Category' : sub === 'subtype' ? 'Subtype' : sub === 'cycleEndsOn' ? 'CycleEndsOn' : 'Identifier'}`
          : String(field);
      errors[name] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    }
    return undefined;
  }
  return {
    ...parsed.data,
    nabpEProfileId: parsed.data.nabpEProfileId ?? null,
    birthMonthDay: parsed.data.birthMonthDay ?? null,
  };
}

function select(
  name: string,
  label: string,
  options: [string, string][],
  typed: Typed,
  errors: Errors,
): Html {
  const err = `${name}-err`;
  return html`<label for="${name}">${label}</label>
    ${fieldError(errors, name, err)}
    <select id="${name}" name="${name}" ${errors[name] ? html`aria-invalid="true" aria-describedby="${err}"` : null}>
      <option value="">None</option>
      ${options.map(([v, l]) => html`<option value="${v}" ${typed[name] === v ? html`selected` : null}>${l}</option>`)}
    </select>`;
}

function input(name: string, label: string, typed: Typed, errors: Errors, hint?: string): Html {
  const err = `${name}-err`;
  const hintId = `${name}-hint`;
  return html`<label for="${name}">${label}</label>
    ${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : null} ${fieldError(errors, name, err)}
    <input
      type="text"
      id="${name}"
      name="${name}"
      value="${typed[name] ?? ''}"
      autocomplete="off"
      ${errors[name] ? html`aria-invalid="true" aria-describedby="${err}"` : hint ? html`aria-describedby="${hintId}"` : null}
    />`;
}

export function profileFields(typed: Typed, errors: Errors): Html {
  const pairs = (values: readonly string[]) => values.map((v): [string, string] => [v, words(v)]);
  return html`<h2>Your profession and credentials</h2>
    <p class="hint">
      They decide which credit you may claim and which licences it counts toward. Correct them here, then
      choose “Update my details” to see what you may claim.
    </p>
    <fieldset>
      <legend>Profession</legend>
      ${select(
        'profession',
        'Your profession',
        PROFESSIONS.map((p) => [p, PROFESSION_LABELS[p]]),
        typed,
        errors,
      )}
    </fieldset>
    <fieldset>
      <legend>Pharmacists and technicians (ACPE credit)</legend>
      ${input('nabpEProfileId', 'NABP e-Profile ID', typed, errors, '6 or 7 digits, from your NABP e-Profile')}
      ${input('birthMonthDay', 'Birth month and day (MMDD)', typed, errors, 'e.g. 0415 for 15 April')}
    </fieldset>
    <fieldset>
      <legend>California laboratory licence</legend>
      ${select('caSubtype', 'Licence type', Object.entries(CALIFORNIA_LICENCE_TYPES), typed, errors)}
      ${select('caCategory', 'Specialty (limited CLS only)', pairs(CALIFORNIA_SPECIALTIES), typed, errors)}
      ${input('caIdentifier', 'Licence number', typed, errors)}
    </fieldset>
    <fieldset>
      <legend>Florida clinical laboratory licence</legend>
      ${select('flSubtype', 'Level', pairs(FLORIDA_LEVELS), typed, errors)}
      ${select('flCategory', 'Licensed category', pairs(FLORIDA_CATEGORIES), typed, errors)}
      ${input('flIdentifier', 'Licence number', typed, errors)}
    </fieldset>
    <fieldset>
      <legend>ASCP Board of Certification</legend>
      ${select(
        'ascpSubtype',
        'Certification',
        ASCP_CERTIFICATIONS.map((c) => [c, c]),
        typed,
        errors,
      )}
      ${input('ascpIdentifier', 'Certification number', typed, errors)}
      ${input('ascpCycleEndsOn', 'CMP cycle ends on (YYYY-MM-DD)', typed, errors)}
    </fieldset>
    <p><button type="submit" name="action" value="profile" class="secondary">Update my details</button></p>`;
}
