// Every email carries the provider's contact: each registered template,
// rendered with a provider profile, has the name, the contact email and every
// line of the postal address in its HTML and its text part, once, after the
// body; with no postal address yet the footer leaves the line out (no
// "undefined", no empty lines). Placeholders are filled from the templates
// themselves, so a new template is covered without touching this test.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES, renderEmail, type EmailContact } from '../../src/platform/mail/render.js';

const DIR = new URL('../../templates/emails/', import.meta.url);

const profile: EmailContact = {
  name: 'Northwind Laboratory Education',
  email: 'ce-office@northwind.example',
  postalAddress: '1200 Harbor Way, Suite 4\nOakland, CA 94607',
};

/** A value for every {{placeholder}} a template uses (raw ones as safe HTML). */
function valuesFor(name: string) {
  const files = [
    `${name}.mjml`,
    `${name}.txt`,
    ...readdirSync(new URL('partials/', DIR)).map((f) => `partials/${f}`),
  ].map((f) => readFileSync(new URL(f, DIR), 'utf8'));
  const values: Record<string, string> = { activityTitle: 'Title', programName: 'P' };
  const safeHtml: Record<string, string> = {};
  for (const f of files)
    for (const m of f.matchAll(/\{\{(\{)?\s*([\w.]+)\s*\}?\}\}/g)) {
      if (m[1]) safeHtml[m[2]] = `<tr><td>${m[2]}</td></tr>`;
      else values[m[2]] = `value-of-${m[2]}`;
    }
  // Subjects use their own placeholders.
  for (const k of ['credentialName', 'daysLeft', 'entryTitle', 'subjectLine', 'activityCount'])
    values[k] ??= k;
  return { values, safeHtml };
}

const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

describe('the provider contact in every email', () => {
  it.each(EMAIL_TEMPLATES)('%s carries the name, contact email and postal address', async (name) => {
    const email = await renderEmail(name, { ...valuesFor(name), contact: profile });
    for (const part of [visibleText(email.html), email.text]) {
      expect(part).toContain('Northwind Laboratory Education');
      expect(part).toContain('ce-office@northwind.example');
      expect(part).toContain('1200 Harbor Way, Suite 4');
      expect(part).toContain('Oakland, CA 94607');
      expect(part).not.toMatch(/undefined|null|\{\{/);
    }
    expect(email.html).toContain('href="mailto:ce-office@northwind.example"');
    // The footer comes last, once.
    expect(email.text.trimEnd().endsWith('Questions? Write to ce-office@northwind.example')).toBe(true);
    expect(email.text.match(/ce-office@northwind\.example/g)).toHaveLength(1);
  });

  it.each(EMAIL_TEMPLATES)(
    '%s: with no postal address yet, no empty line and no "undefined"',
    async (name) => {
      const email = await renderEmail(name, {
        ...valuesFor(name),
        contact: { name: 'CE Outcomes', email: 'ce@localhost', postalAddress: '' },
      });
      const footer = email.text.slice(email.text.lastIndexOf('\n--\n'));
      expect(footer).toBe('\n--\nCE Outcomes\nQuestions? Write to ce@localhost\n');
      expect(email.html).not.toMatch(/<br \/>\s*<br \/>|undefined/);
      expect(visibleText(email.html)).toContain('CE Outcomes Questions? Write to ce@localhost');
    },
  );

  it('escapes what the profile says in the HTML', async () => {
    const email = await renderEmail('new_link', {
      ...valuesFor('new_link'),
      contact: { name: 'A & B <CE>', email: 'ce@example.org', postalAddress: '1 "Main" St' },
    });
    expect(email.html).toContain('A &amp; B &lt;CE&gt;');
    expect(email.html).not.toContain('<CE>');
    expect(email.text).toContain('A & B <CE>\n1 "Main" St');
  });
});
