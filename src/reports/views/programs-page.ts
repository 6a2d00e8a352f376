// Programs and their committees as pages: the list, and one program's name,
// committee members and digest recipients with the form that changes them.
import { html } from '../../platform/html.js';
import type { Program } from '../programs.js';
import { page } from './layout.js';
import { dataTable, num } from './table.js';

export function programsPage(list: Program[]): string {
  const rows = list.map((p) => [
    html`<a href="/reports/programs/${encodeURIComponent(p.id)}">${p.name}</a><br><span class="note">${p.id}${p.registered ? '' : ' (not registered yet)'}</span>`,
    p.activities,
    p.openActions,
    p.committeeMembers.map((m) => m.name).join(', ') || '—',
    p.committeeEmails.length
      ? `${p.committeeEmails.length} recipient${p.committeeEmails.length === 1 ? '' : 's'}`
      : 'off',
    html`<a href="/reports/programs/${encodeURIComponent(p.id)}/settings">Edit</a>`,
  ]);
  return page(
    'Programs',
    'Each program’s committee and who receives its digest.',
    html`<a href="/reports">Reports home</a>`,
    html`<section>${dataTable(['Program', num('Activities'), num('Open actions'), 'Committee', 'Digest', ''], rows)}
<h2>Add a program</h2>
<form class="filter" method="post" action="/reports/programs"><div class="row">
<div><label for="newId">Id <span class="hint">(letters, digits, . _ -)</span></label><input id="newId" name="id" required maxlength="100" pattern="[A-Za-z0-9._-]+"></div>
<div><label for="newName">Name</label><input id="newName" name="name" required maxlength="200"></div>
<div></div><div><button type="submit">Add</button></div></div></form></section>`,
  );
}

const memberLine = (m: Program['committeeMembers'][number]) =>
  `${m.name}${m.email ? ` <${m.email}>` : ''}${m.role ? ` (${m.role})` : ''}`;

/** Parses the committee textarea: one member a line, "Name <email> (role)". */
export function parseMembers(text: string): Program['committeeMembers'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)\s*(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?$/.exec(line);
      const name = (m?.[1] ?? line).trim();
      return {
        name,
        ...(m?.[2]?.trim() ? { email: m[2].trim() } : {}),
        ...(m?.[3]?.trim() ? { role: m[3].trim() } : {}),
      };
    });
}

export function programSettingsPage(p: Program, opts: { saved?: boolean; error?: string } = {}): string {
  const self = `/reports/programs/${encodeURIComponent(p.id)}`;
  return page(
    `Program and committee: ${p.name}`,
    `Program ${p.id}${p.registered ? '' : ' (not registered yet: saving registers it)'}.`,
    html`<a href="/reports">Reports home</a><a href="/reports/programs">Programs</a><a href="${self}">Program report</a>`,
    html`<section>
${opts.saved ? html`<p class="verdict v-acceptable" role="status">Saved.</p>` : null}
${opts.error ? html`<p class="verdict v-below_threshold" role="alert">${opts.error}</p>` : null}
<form class="review" method="post" action="${self}/settings">
<div><label for="name">Name</label><input id="name" name="name" value="${p.name}" required maxlength="200"></div>
<div><label for="committeeMembers">Committee members <span class="hint">(one a line: Name &lt;email&gt; (role))</span></label><textarea id="committeeMembers" name="committeeMembers" rows="5">${p.committeeMembers.map(memberLine).join('\n')}</textarea></div>
<div><label for="committeeEmails">Digest recipients <span class="hint">(one address a line; none = no digest)</span></label><textarea id="committeeEmails" name="committeeEmails" rows="4">${p.committeeEmails.join('\n')}</textarea></div>
<button type="submit">Save</button></form>
<p class="note">CE staff only. The digest goes out every DIGEST_INTERVAL to the recipients, listing the activities whose follow-up closed since the last one.</p></section>`,
  );
}
