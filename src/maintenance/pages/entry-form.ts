// The form a learner adds CE from elsewhere with (multipart, works without
// JavaScript): what was refused is shown by its field, what was typed is kept.
import { html } from '../../platform/html.js';
import { page } from '../../learner/pages/layout.js';
import { fieldError, type Errors } from '../../learner/pages/fields.js';
import type { LearnerPage } from '../../learner/pages/link-problem.js';
import { ENTRY_KIND_LABELS, ENTRY_KINDS, TOPIC_AREAS, TOPIC_LABELS } from '../../domain/topics.js';

type Typed = Record<string, string | string[]>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

export function entryFormPage(
  t: string,
  maxSize: string,
  typed: Typed = {},
  errors: Errors = {},
): LearnerPage {
  const text = (name: string, label: string, hint = '', attrs = '') =>
    html`<p>
      <label for="${name}">${label}</label>
      ${hint ? html`<span class="hint">${hint}</span>` : null}
      <input type="text" id="${name}" name="${name}" value="${one(typed[name])}" ${attrs} />
      ${fieldError(errors, name, `${name}-error`)}
    </p>`;
  const body = html`<h1>Add CE from elsewhere</h1>
    ${Object.keys(errors).length ? html`<p class="warning">Nothing was saved: please check the fields marked below.</p>` : null}
    <form method="post" enctype="multipart/form-data" action="/learn/maintenance/add?t=${encodeURIComponent(t)}">
      ${text('title', 'Title')} ${text('provider', 'Provider (who offered it)')}
      ${text('completedOn', 'Completed on', 'YYYY-MM-DD, not in the future')}
      ${text('amount', 'Hours or points', '1 contact hour = 1 point; steps of 0.25')}
      <p>
        <label for="kind">Kind</label>
        <select id="kind" name="kind">
          ${ENTRY_KINDS.map(
            (k) =>
              html`<option value="${k}" ${one(typed.kind) === k ? 'selected' : ''}>${ENTRY_KIND_LABELS[k]}</option>`,
          )}
        </select>
        ${fieldError(errors, 'kind', 'kind-error')}
      </p>
      <fieldset>
        <legend>Topic areas it covered</legend>
        ${TOPIC_AREAS.map(
          (a) =>
            html`<label class="choice"><input type="checkbox" name="topics" value="${a}" ${many(typed.topics).includes(a) ? 'checked' : ''} /> ${TOPIC_LABELS[a]}</label>`,
        )}
        ${fieldError(errors, 'topics', 'topics-error')}
      </fieldset>
      <p>
        <label for="evidence">Evidence: the certificate or letter (PDF, JPEG, PNG or WebP, at most ${maxSize})</label>
        <input type="file" id="evidence" name="evidence" accept="application/pdf,image/jpeg,image/png,image/webp" required />
        ${fieldError(errors, 'evidence', 'evidence-error')}
      </p>
      <p><button type="submit">Add it</button></p>
    </form>
    <p><a href="/learn/maintenance?t=${encodeURIComponent(t)}">Back to your dashboard</a></p>`;
  return {
    status: Object.keys(errors).length ? 400 : 200,
    body: page({ title: 'Add CE from elsewhere' }, body),
  };
}
