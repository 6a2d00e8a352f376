// Form fields the learner forms share: labelled choices (radio buttons,
// checkboxes), the rating scale, text areas, and the error shown by a field.
// Every input has a label, every group a fieldset and legend, and an error is
// tied to its field with aria-describedby.
import { RATINGS } from '../../domain/ratings.js';
import { html, type Html } from '../../platform/html.js';

/** Field name → message shown next to it; '' for the form as a whole. */
export type Errors = Record<string, string>;

export function fieldError(errors: Errors, name: string, id: string): Html | null {
  return errors[name] ? html`<p class="error" id="${id}">${errors[name]}</p>` : null;
}

export interface Choice {
  value: string;
  label: string;
  /** Defaults to `${idBase}-${value}`. */
  id?: string;
}

/** One labelled radio button or checkbox per choice. */
export function choices(
  type: 'radio' | 'checkbox',
  name: string,
  idBase: string,
  options: readonly Choice[],
  checked: (value: string) => boolean,
): Html[] {
  return options.map((o) => {
    const id = o.id ?? `${idBase}-${o.value}`;
    return html`<label class="choice" for="${id}"
      ><input
        type="${type}"
        id="${id}"
        name="${name}"
        value="${o.value}"
        ${checked(o.value) ? html`checked` : null}
      />
      <span>${o.label}</span></label
    >`;
  });
}

/** A fieldset with its legend, and the field's error when it has one. */
export function fieldset(
  f: { legend: string; name: string; errors: Errors; errorId: string; hint?: string },
  body: Html | Html[],
): Html {
  const error = f.errors[f.name];
  return html`<fieldset ${error ? html`aria-describedby="${f.errorId}"` : null}>
    <legend>${f.legend}</legend>
    ${f.hint ? html`<p class="hint">${f.hint}</p>` : null} ${fieldError(f.errors, f.name, f.errorId)} ${body}
  </fieldset>`;
}

/** The rating scale (1 to 5) as radio buttons. */
export function ratingScale(
  f: { name: string; legend: string; errors: Errors; idBase: string; errorId?: string; hint?: string },
  selected: string | undefined,
): Html {
  const options = RATINGS.map((r) => ({ value: String(r), label: String(r) }));
  return fieldset(
    { ...f, errorId: f.errorId ?? `${f.idBase}-err` },
    html`<div class="scale">${choices('radio', f.name, f.idBase, options, (v) => v === selected)}</div>`,
  );
}

/** A text area in a card, with its label, optional hint and error. */
export function textArea(
  f: { name: string; label: string; errors: Errors; hint?: string; required?: boolean },
  value: string,
): Html {
  const { name, errors, hint, required } = f;
  const errId = `${name}-err`;
  const hintId = `${name}-hint`;
  return html`<div class="card">
    <label for="${name}"><strong>${f.label}</strong>${required ? ' (required)' : ' (optional)'}</label>
    ${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : null} ${fieldError(errors, name, errId)}
    <textarea
      id="${name}"
      name="${name}"
      ${required ? html`required aria-required="true"` : null}
      ${errors[name] ? html`aria-invalid="true" aria-describedby="${errId}"` : hint ? html`aria-describedby="${hintId}"` : null}
    >
${value}</textarea>
  </div>`;
}
