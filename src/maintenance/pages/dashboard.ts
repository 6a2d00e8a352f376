// The learner's credential maintenance dashboard (from the 'maintenance' link,
// certificate emails and the transcript): per credential, the cycle, earned and
// needed, each topic requirement with why the allocation is the one shown, and
// what to take next; then the CE from elsewhere with its review status.
import { html, type Html } from '../../platform/html.js';
import { formatCredits, formatDate } from '../../platform/format.js';
import { page } from '../../learner/pages/layout.js';
import type { LearnerPage } from '../../learner/pages/link-problem.js';
import { ENTRY_KIND_LABELS } from '../../domain/topics.js';
import type { CredentialStatus, Dashboard } from '../dashboard.js';
import type { EntryView } from '../entries.js';
import { moveCreditSection } from './move-credit.js';

const day = (d: string) => formatDate(new Date(`${d}T00:00:00Z`));
const q = (t: string, extra = '') => `?t=${encodeURIComponent(t)}${extra}`;

const STATUS_TEXT = {
  submitted: 'Counted; staff will check it',
  verified: 'Verified',
  needs_more: 'Staff asked for more',
};

function credentialCard(c: CredentialStatus, t: string): Html {
  const s = c.standing;
  const r = c.requirement;
  if (!r || !s)
    return html`<div class="card"><h2>${c.description}</h2><p>No requirements are on file for this credential yet.</p></div>`;
  const unit = r.unit;
  return html`<div class="card">
    <h2>${c.description}</h2>
    <p class="hint">${r.name}</p>
    ${
      s.allMet
        ? html`<p class="notice">All requirements met for this cycle.</p>`
        : html`<p class="warning">${s.met} of ${s.of} requirements met.</p>`
    }
    <dl>
      <dt>Cycle</dt>
      <dd>${s.cycle ? `${day(s.cycle.startsOn)} – ${day(s.cycle.endsOn)}` : 'not set yet'}</dd>
      ${s.daysLeft === null ? null : html`<dt>Days left</dt><dd>${String(s.daysLeft)}</dd>`}
      <dt>Earned</dt>
      <dd><strong>${formatCredits(s.earned)} of ${formatCredits(s.needed)} ${unit}</strong></dd>
      ${
        s.academic
          ? html`<dt>Academic</dt><dd>${formatCredits(s.academic.counted)} counted (at most ${formatCredits(s.academic.cap)})</dd>`
          : null
      }
    </dl>
    ${
      s.minimums.length
        ? html`<table>
          <thead><tr><th scope="col">Topic</th><th scope="col">Earned</th><th scope="col">Needed</th></tr></thead>
          <tbody>
            ${s.minimums.map(
              (m) => html`<tr>
                <td>${m.label}${m.met ? ' ✓' : ''}<br /><span class="hint">${m.why}</span></td>
                <td>${formatCredits(m.earned)}</td>
                <td>${formatCredits(m.needed)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`
        : null
    }
    ${s.why.map((w) => html`<p class="hint">${w}</p>`)}
    ${moveCreditSection(c, t)}
    ${
      s.cycle
        ? null
        : html`<form method="post" action="/learn/maintenance/cycle${q(t, `&c=${encodeURIComponent(c.key)}`)}">
          <label for="end-${c.key}">When does this cycle end? (YYYY-MM-DD)</label>
          <input type="text" id="end-${c.key}" name="cycleEndsOn" inputmode="numeric" placeholder="2027-12-31" required />
          <p><button type="submit" class="secondary">Save the date</button></p>
        </form>`
    }
    ${
      c.suggestions.length
        ? html`<h3>What to take next</h3>
          <ul>
            ${c.suggestions.map(
              (x) =>
                html`<li>${x.title}: ${formatCredits(x.hours)} ${unit}${x.fills.length ? `, covers ${x.fills.join(', ')}` : ''}</li>`,
            )}
          </ul>`
        : null
    }
    ${c.remindersOff ? html`<p class="hint">Reminders are off for this credential.</p>` : null}
  </div>`;
}

function entryCard(e: EntryView, t: string): Html {
  return html`<div class="card">
    <p><strong>${e.title}</strong></p>
    <dl>
      <dt>Provider</dt><dd>${e.provider}</dd>
      <dt>Completed</dt><dd>${day(e.completedOn)}</dd>
      <dt>Amount</dt><dd>${formatCredits(e.amount)} ${e.unit}, ${ENTRY_KIND_LABELS[e.kind]}</dd>
      <dt>Status</dt><dd>${STATUS_TEXT[e.status]}${e.staffNote ? `: ${e.staffNote}` : ''}</dd>
    </dl>
    ${
      e.evidence
        ? html`<p><a href="/learn/maintenance/evidence/${e.entryId}${q(t)}">Evidence: ${e.evidence.filename}</a></p>`
        : null
    }
  </div>`;
}

/** A notice says what was done; a warning what could not be (the page stays as it was). */
export type PageMessage = { notice: string } | { warning: string };

export function dashboardPage(
  d: Dashboard,
  entries: EntryView[],
  t: string,
  message?: PageMessage,
): LearnerPage {
  const body = html`<h1>Your credential maintenance</h1>
    <p>${d.learnerName}</p>
    ${message && 'notice' in message ? html`<p class="notice">${message.notice}</p>` : null}
    ${message && 'warning' in message ? html`<p class="warning" role="alert">${message.warning}</p>` : null}
    ${
      d.credentials.length === 0
        ? html`<div class="card"><p>No licences or certifications are on file. Your course provider adds them with your enrollment.</p></div>`
        : d.credentials.map((c) => credentialCard(c, t))
    }
    <h2>CE from elsewhere</h2>
    <p><a class="button" href="/learn/maintenance/add${q(t)}">Add CE from elsewhere</a></p>
    ${entries.length === 0 ? html`<p class="hint">None added yet.</p>` : entries.map((e) => entryCard(e, t))}
    <p><a class="button secondary" href="/learn/maintenance/pdf${q(t)}">Download the record for an audit (PDF)</a></p>`;
  const status = message && 'warning' in message ? 400 : 200;
  return { status, body: page({ title: 'Your credential maintenance' }, body) };
}
