// Every email (learners' and the committee digest): MJML templates in
// templates/emails/ with a plain-text twin, compiled to HTML once per process
// (MJML is slow and async; precompileEmailTemplates runs at worker start, from
// the compiled copy on disk when there is one: ./compiled-cache.ts), then
// filled per recipient. Every value is HTML-escaped ({{name}}) unless the
// caller built it as safe HTML with the html tag ({{{name}}}). Every email
// ends with the provider's contact (./footer.ts), added here to every template.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { escapeHtml, type Html } from '../html.js';
import { contactHtml, contactText, type EmailContact } from './footer.js';
import { readCompiled, templatesVersion, writeCompiled, type CompiledTemplate } from './compiled-cache.js';

export type { EmailContact } from './footer.js';

export const EMAIL_TEMPLATES = [
  'receipt',
  'competence_invite',
  'competence_result',
  'competence_failed',
  'certificate',
  'follow_up',
  'follow_up_reminder',
  'finish_reminder',
  'new_link',
  'certificate_reissue',
  'digest',
  'credential_reminder',
  'ce_entry_review',
  'reporting_staff',
  'reporting_correction',
  'cpe_monitor_reported',
  'enrollment_confirmation',
  'disclosure_request',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/emails/', import.meta.url));

/** Subject lines, filled like the bodies (plain text, no escaping). */
const SUBJECTS: Record<EmailTemplate, string> = {
  receipt: 'Receipt: {{activityTitle}}',
  competence_invite: 'Your competence check for {{activityTitle}}',
  competence_result: 'Competence check result: {{activityTitle}}',
  competence_failed: 'Competence check result: {{activityTitle}}',
  certificate: 'Your certificate: {{activityTitle}}',
  follow_up: 'Did you make the change? {{activityTitle}}',
  follow_up_reminder: 'Reminder: did you make the change? {{activityTitle}}',
  finish_reminder: 'Reminder: finish {{activityTitle}} to receive your certificate',
  new_link: 'Your new link: {{activityTitle}}',
  certificate_reissue: 'Your corrected certificate: {{activityTitle}}',
  digest: 'Outcome digest: {{programName}}: {{activityCount}} ready for review',
  credential_reminder: 'Your {{credentialName}}: {{daysLeft}} days left in the cycle',
  ce_entry_review: 'More is needed for your CE entry: {{entryTitle}}',
  reporting_staff: 'Reporting: {{subjectLine}}',
  reporting_correction: 'Please check your NABP e-Profile ID: {{activityTitle}}',
  cpe_monitor_reported: 'Reported to CPE Monitor: {{activityTitle}}',
  enrollment_confirmation: 'You are enrolled: {{activityTitle}}',
  disclosure_request: 'Please disclose your financial relationships: {{activityTitle}}',
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = CompiledTemplate;

const compiled = new Map<EmailTemplate, Promise<Compiled>>();

async function compile(name: EmailTemplate): Promise<Compiled> {
  const [mjml, text, footerMjml, footerText] = await Promise.all([
    readFile(`${TEMPLATES_DIR}${name}.mjml`, 'utf8'),
    readFile(`${TEMPLATES_DIR}${name}.txt`, 'utf8'),
    readFile(`${TEMPLATES_DIR}partials/footer.mjml`, 'utf8'),
    readFile(`${TEMPLATES_DIR}partials/footer.txt`, 'utf8'),
  ]);
  if (!mjml.includes('</mj-body>')) throw new Error(`templates/emails/${name}.mjml: no </mj-body>`);
  const withFooter = mjml.replace('</mj-body>', `${footerMjml}</mj-body>`);
  // Loaded on the first compile only: a process started with the compiled copy never loads it.
  const { default: mjml2html } = await import('mjml');
  // The templates' <mj-include path="./partials/…"> (the shared head and header)
  // resolve beside them, and only there (MJML 5 ignores includes unless asked).
  const result = await mjml2html(withFooter, {
    validationLevel: 'strict',
    filePath: `${TEMPLATES_DIR}${name}.mjml`,
    ignoreIncludes: false,
    includePath: TEMPLATES_DIR,
  });
  if (result.errors.length > 0) {
    throw new Error(
      `templates/emails/${name}.mjml: ${result.errors.map((e) => e.formattedMessage).join('; ')}`,
    );
  }
  return { html: result.html, text: `${text.trimEnd()}\n${footerText}` };
}

function compiledTemplate(name: EmailTemplate): Promise<Compiled> {
  let entry = compiled.get(name);
  if (!entry) {
    entry = compile(name);
    // A failed compile (e.g. a template being edited) is retried next time.
    entry.catch(() => compiled.delete(name));
    compiled.set(name, entry);
  }
  return entry;
}

/** Values a template needs; `safeHtml` holds fragments the caller already escaped. */
export interface TemplateValues {
  values: Record<string, string | number>;
  safeHtml?: Record<string, Html | string>;
  /** The provider's contact for the footer (src/provider/email-contact.ts reads it). */
  contact: EmailContact;
}

/** {{name}} or {{{name}}}; `lookup` says what goes there. */
function fill(template: string, lookup: (raw: boolean, name: string) => string): string {
  return template.replace(/\{\{(\{)?\s*([\w.]+)\s*\}?\}\}/g, (_m, raw: string | undefined, name: string) =>
    lookup(Boolean(raw), name),
  );
}

function missing(template: EmailTemplate, name: string): never {
  throw new Error(`email template ${template}: no value for {{${name}}}`);
}

export async function renderEmail(name: EmailTemplate, input: TemplateValues): Promise<RenderedEmail> {
  const { html, text } = await compiledTemplate(name);
  const footer = { contactText: contactText(input.contact), contactHtml: contactHtml(input.contact) };
  const plain = (n: string) => {
    const v = n === 'contactText' ? footer.contactText : input.values[n];
    return v === undefined ? missing(name, n) : String(v);
  };
  return {
    subject: fill(SUBJECTS[name], (_raw, n) => plain(n)),
    html: fill(html, (raw, n) => {
      if (raw)
        return String((n === 'contactHtml' ? footer.contactHtml : input.safeHtml?.[n]) ?? missing(name, n));
      return escapeHtml(plain(n));
    }),
    // The text part has no markup: safe fragments have a plain twin in values.
    text: fill(text, (_raw, n) => plain(n)),
  };
}

/**
 * Compiles every template now, so a broken one stops start-up instead of a
 * send. With `cacheDir`, takes them from the copy compiled for these
 * templates and this MJML when there is one, else compiles and writes it.
 */
export async function precompileEmailTemplates(cacheDir?: string): Promise<void> {
  const version = cacheDir ? templatesVersion(TEMPLATES_DIR) : '';
  const cached = cacheDir ? readCompiled(cacheDir, version) : undefined;
  if (cached && EMAIL_TEMPLATES.every((name) => cached[name])) {
    for (const name of EMAIL_TEMPLATES) compiled.set(name, Promise.resolve(cached[name]));
    return;
  }
  const all = await Promise.all(EMAIL_TEMPLATES.map(async (name) => [name, await compiledTemplate(name)]));
  if (cacheDir) writeCompiled(cacheDir, version, Object.fromEntries(all) as Record<string, Compiled>);
}
