// The staff page at /reporting: filters, the ledger with late submissions
// standing out, actions on each (retry, confirm), the batch files per
// regulator and period, and how each regulator is reached.
import { REGULATORS, REGULATOR_LABELS, STATUS_LABELS, SUBMISSION_STATUSES } from '../../domain/reporting.js';
import { formatDate, isoDay } from '../../platform/format.js';
import { html, raw, type Html } from '../../platform/html.js';
import { page } from '../../reports/views/layout.js';
import type { LedgerEntry, LedgerFilters } from '../queries.js';
import type { Transport } from '../transports.js';

const STYLE = raw(`<style>
tr.late td{background:#fdecea;color:#8a1414}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600;background:#eceff3;color:#4a5563}
.b-accepted{background:#dff3e4;color:#17663a}.b-rejected,.b-late{background:#b42318;color:#fff}.b-corrected,.b-submitted{background:#e0ecfb;color:#17365d}
form.inline{display:inline}form.inline button{font:inherit;font-size:13px;padding:2px 8px;margin:0 2px}
form.filters label{display:inline-block;margin:0 12px 6px 0;font-weight:600}form.filters select,form.filters input{font:inherit;padding:3px}
.why{max-width:320px;font-size:13px}.scroll{overflow-x:auto}
</style>`);

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}" ${value === selected ? raw('selected') : null}>${label}</option>`;

function filters(f: LedgerFilters): Html {
  return html`<form class="filters" method="get" action="/reporting">
    <label>Regulator <select name="regulator">${option('', 'all', f.regulator ?? '')}${REGULATORS.map((r) => option(r, REGULATOR_LABELS[r], f.regulator))}</select></label>
    <label>Status <select name="status">${option('', 'all', f.status ?? '')}${SUBMISSION_STATUSES.map((s) => option(s, STATUS_LABELS[s], f.status))}</select></label>
    <label>Activity <input name="activity" value="${f.activity ?? ''}" maxlength="200" size="18"></label>
    <label>Due before <input type="date" name="dueBefore" value="${f.dueBefore ?? ''}"></label>
    <button type="submit">Show</button>
  </form>`;
}

function why(e: LedgerEntry): string {
  if (e.deliveryUnknown)
    return 'Delivery unknown: a worker stopped mid-request. Check the regulator, then confirm or retry.';
  return (
    e.blockedReason ??
    e.rejectionMessage ??
    (e.transport === 'file' && e.status === 'pending' ? 'In the batch file: upload it' : '')
  );
}

function actions(e: LedgerEntry): Html | null {
  if (e.status === 'accepted') return null;
  const button = (action: string, label: string) =>
    html`<form class="inline" method="post" action="/reporting/submissions/${e.id}/${action}"><button type="submit">${label}</button></form>`;
  return html`${button('retry', 'Retry')}${e.status !== 'rejected' ? button('confirm', 'Confirm accepted') : null}`;
}

function row(e: LedgerEntry): Html {
  const status = e.late ? (e.status === 'accepted' ? 'accepted late' : 'LATE') : STATUS_LABELS[e.status];
  return html`<tr class="${e.late ? 'late' : ''}">
    <td>${e.dueAt ? formatDate(new Date(e.dueAt)) : '—'}</td>
    <td>${REGULATOR_LABELS[e.regulator]}</td>
    <td><a href="/reports/activities/${encodeURIComponent(e.activityId)}">${e.activityTitle}</a></td>
    <td>${e.learnerName}</td>
    <td><span class="badge b-${e.late && e.status !== 'accepted' ? 'late' : e.status}">${status}</span></td>
    <td class="n">${e.attempts}</td>
    <td class="why">${why(e)}</td>
    <td><a href="/reporting/submissions/${e.id}">details</a> ${actions(e)}</td>
  </tr>`;
}

function files(today: Date): Html {
  const from = `${isoDay(today).slice(0, 8)}01`;
  return html`<section><h2>Batch files</h2>
    <p class="note">The records completed in the period that the regulator has not accepted, in its own format. After uploading a file, mark its records uploaded (POST /reporting/files/:regulator/uploaded, or <code>ce-outcomes reporting export … --uploaded</code>).</p>
    ${REGULATORS.map(
      (r) => html`<form class="filters" method="get" action="/reporting/files/${r}">
        <label>${REGULATOR_LABELS[r]}</label>
        <label>from <input type="date" name="from" value="${from}"></label>
        <label>to <input type="date" name="to" value="${isoDay(today)}"></label>
        <button type="submit">Download</button></form>`,
    )}
  </section>`;
}

function transports(list: Transport[]): Html {
  return html`<section><h2>How each regulator is reached</h2><table>
    <tr><th>Regulator</th><th>Transport</th><th>Set by</th></tr>
    ${list.map(
      (t) =>
        html`<tr><td>${REGULATOR_LABELS[t.regulator]}</td><td>${t.url ? `web service at ${t.url}` : 'file only: staff upload the batch file'}</td><td>${t.source}</td></tr>`,
    )}
  </table></section>`;
}

export function ledgerPage(
  entries: LedgerEntry[],
  f: LedgerFilters,
  list: Transport[],
  csvHref: string,
  now: Date,
): string {
  const late = entries.filter((e) => e.late && e.status !== 'accepted').length;
  return page(
    'Reporting to regulators',
    `CPE Monitor within 60 days, CE Broker within 30, PARS each year. ${entries.length} shown${late ? `, ${late} LATE` : ''}.`,
    html`<a href="/reporting">All</a><a href="/reporting?status=late">Late</a><a href="/reporting?status=rejected">Rejected</a><a href="${csvHref}">CSV</a>`,
    html`${STYLE}<section>${filters(f)}</section>
      <section class="scroll"><table>
        <tr><th>Due</th><th>Regulator</th><th>Activity</th><th>Learner</th><th>Status</th><th class="n">Attempts</th><th>Why</th><th></th></tr>
        ${entries.length ? entries.map(row) : html`<tr><td colspan="8">Nothing to report with these filters.</td></tr>`}
      </table></section>
      ${files(now)} ${transports(list)}`,
  );
}
