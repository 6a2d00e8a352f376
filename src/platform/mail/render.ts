// Every email (learners' and the committee digest): MJML templates in
// templates/emails/ with a plain-text twin, compiled to HTML once per process
// (MJML is slow and async; precompileEmailTemplates runs at worker start), then
// filled per recipient. Every value is HTML-escaped ({{name}}) unless the
// caller built it as safe HTML with the html tag ({{{name}}}).
import mjml2html from 'mjml';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { escapeHtml, type Html } from '../html.js';

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
  enrollment_confirmation: 'You are enrolled: {{activityTitle}}',
  disclosure_request: 'Please disclose your financial relationships: {{activityTitle}}',
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

interface Compiled {
  html: string;
  text: string;
}

const compiled = new Map<EmailTemplate, Promise<Compiled>>();

async function compile(name: EmailTemplate): Promise<Compiled> {
  const [mjml, text] = await Promise.all([
    readFile(`${TEMPLATES_DIR}${name}.mjml`, 'utf8'),
    readFile(`${TEMPLATES_DIR}${name}.txt`, 'utf8'),
  ]);
  const result = await mjml2html(mjml, { validationLevel: 'strict' });
  if (result.errors.length > 0) {
    throw new Error(
      `templates/emails/${name}.mjml: ${result.errors.map((e) => e.formattedMessage).join('; ')}`,
    );
  }
  return { html: result.html, text };
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
  const plain = (n: string) => {
    const v = input.values[n];
    return v === undefined ? missing(name, n) : String(v);
  };
  return {
    subject: fill(SUBJECTS[name], (_raw, n) => plain(n)),
    html: fill(html, (raw, n) => {
      if (raw) return String(input.safeHtml?.[n] ?? missing(name, n));
      return escapeHtml(plain(n));
    }),
    // The text part has no markup: safe fragments have a plain twin in values.
    text: fill(text, (_raw, n) => plain(n)),
  };
}

/** Compiles every template now, so a broken one stops start-up instead of a send. */
export async function precompileEmailTemplates(): Promise<void> {
  await Promise.all(EMAIL_TEMPLATES.map(compiledTemplate));
}
