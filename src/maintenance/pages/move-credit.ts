// Moving credit by hand on the learner's dashboard: for each source that
// counts, how its hours split among the credential's topic requirements
// (prefilled with the allocation shown), and a reset back to the allocation
// that meets the most requirements. The rules are setMove's; this is the form.
import { html, type Html } from '../../platform/html.js';
import { formatCredits } from '../../platform/format.js';
import { Invalid } from '../../domain/errors.js';
import type { CredentialStatus } from '../dashboard.js';

const FIELD = 'topic:';
const action = (path: string, t: string, key: string, sourceId?: string) =>
  `/learn/maintenance/${path}?t=${encodeURIComponent(t)}&c=${encodeURIComponent(key)}${
    sourceId ? `&s=${encodeURIComponent(sourceId)}` : ''
  }`;

export function moveCreditSection(c: CredentialStatus, t: string): Html | null {
  const s = c.standing;
  const sources = s?.sources.filter((x) => x.counts) ?? [];
  if (!s || s.minimums.length === 0 || sources.length === 0) return null;
  const unit = c.requirement?.unit ?? 'hours';
  const given = (sourceId: string, minimumId: string) =>
    s.minimums.find((m) => m.id === minimumId)?.from.find((f) => f.sourceId === sourceId)?.hours ?? 0;
  return html`<details>
    <summary>Move credit between topics</summary>
    <p class="hint">Each ${unit === 'points' ? 'point' : 'hour'} counts toward one topic at most; what you leave out still counts toward the total.</p>
    ${sources.map(
      (src) => html`<form method="post" action="${action('move', t, c.key, src.id)}" class="card">
        <p><strong>${src.title}</strong> (${formatCredits(src.hours)} ${unit})${
          s.moved.includes(src.id) ? html` <span class="hint">moved by you</span>` : null
        }</p>
        ${s.minimums.map(
          (m) => html`<label for="mv-${c.key}-${src.id}-${m.id}">${m.label}</label>
            <input type="number" id="mv-${c.key}-${src.id}-${m.id}" name="${FIELD}${m.id}" min="0" max="${String(src.hours)}" step="0.25" inputmode="decimal" value="${String(given(src.id, m.id))}" />`,
        )}
        <p><button type="submit" class="secondary">Save this split</button></p>
      </form>`,
    )}
    ${
      s.moved.length
        ? html`<form method="post" action="${action('moves/reset', t, c.key)}">
            <p><button type="submit" class="secondary">Undo my moves (best allocation)</button></p>
          </form>`
        : null
    }
  </details>`;
}

/** The split a move form sent: topic requirement id → hours; a value that is not a number is a 400 naming it. */
export function splitFromForm(body: Record<string, unknown>): Record<string, number> {
  const split: Record<string, number> = {};
  for (const [name, raw] of Object.entries(body)) {
    if (!name.startsWith(FIELD)) continue;
    const id = name.slice(FIELD.length);
    const text = String(Array.isArray(raw) ? raw[0] : raw).trim();
    const hours = text === '' ? 0 : Number(text);
    if (!Number.isFinite(hours))
      throw Invalid.field(`body.split.${id}`, `"${text}" is not a number of hours`);
    split[id] = hours;
  }
  return split;
}
