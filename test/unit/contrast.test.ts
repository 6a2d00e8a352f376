// WCAG AA for what learners press and follow: every email button (mj-button
// text on its background, MJML's defaults where a template sets none), every
// link colour in the email templates, and the learner pages' buttons and
// links reach a contrast ratio of at least 4.5:1 (WCAG 2.x relative
// luminance). A future low-contrast colour fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { page } from '../../src/learner/pages/layout.js';
import { html } from '../../src/platform/html.js';

const AA = 4.5;
const DIR = new URL('../../templates/emails/', import.meta.url);

/** WCAG 2.x relative luminance of #rrggbb or #rgb. */
function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000', '#fff': '#ffffff' };
const hex = (c: string) => NAMED[c.toLowerCase()] ?? c.toLowerCase();
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(hex(a)), luminance(hex(b))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];

/** Each template file's buttons: [label, text colour, background]. */
function buttonsOf(mjml: string): [string, string, string][] {
  // MJML's own defaults, unless the template's mj-attributes change them.
  const head = /<mj-attributes>([\s\S]*?)<\/mj-attributes>/.exec(mjml)?.[1] ?? '';
  const defaults = /<mj-button\b[^>]*>/.exec(head)?.[0] ?? '';
  const color = attr(defaults, 'color') ?? '#ffffff';
  const background = attr(defaults, 'background-color') ?? '#414141';
  return [...mjml.matchAll(/<mj-button\b([^>]*)>([\s\S]*?)<\/mj-button>/g)].map((m) => [
    m[2].trim(),
    attr(m[1], 'color') ?? color,
    attr(m[1], 'background-color') ?? background,
  ]);
}

/** A template with its <mj-include>s inlined, as MJML compiles it. */
const withPartials = (mjml: string) =>
  mjml.replace(/<mj-include path="\.\/([^"]+)"\s*\/>/g, (_m, path: string) =>
    readFileSync(new URL(path, DIR), 'utf8'),
  );
const read = (file: string) => withPartials(readFileSync(new URL(file, DIR), 'utf8'));

const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjml'));

describe('the contrast rule itself', () => {
  it('gives the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(AA);
    // The light blue and the amber the emails used before: both fail with white text.
    expect(contrast('#ffffff', '#5b7fa3')).toBeLessThan(AA);
    expect(contrast('#ffffff', '#f9a825')).toBeLessThan(AA);
  });

  it('finds a button that sets its own colours, and MJML defaults for one that sets none', () => {
    expect(
      buttonsOf('<mj-button href="x" background-color="#f9a825" color="#222222">Partly</mj-button>'),
    ).toEqual([['Partly', '#222222', '#f9a825']]);
    expect(buttonsOf('<mj-button href="x">Go</mj-button>')).toEqual([['Go', '#ffffff', '#414141']]);
  });
});

describe('email buttons and links meet WCAG AA', () => {
  it('has templates with buttons to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    expect(files.flatMap((f) => buttonsOf(read(f))).length).toBeGreaterThan(15);
  });

  it.each(files)('%s', (file) => {
    const mjml = read(file);
    for (const [label, fg, bg] of buttonsOf(mjml))
      expect(contrast(fg, bg), `${file}: "${label}" ${fg} on ${bg}`).toBeGreaterThanOrEqual(AA);
    // Inline link colours sit on the white card or the grey body (#f4f4f4): both must pass.
    for (const m of mjml.matchAll(/<a\b[^>]*style="[^"]*(?<![-\w])color:\s*(#[0-9a-f]{3,6})/gi))
      for (const bg of ['#ffffff', '#f4f4f4'])
        expect(contrast(m[1], bg), `${file}: link ${m[1]} on ${bg}`).toBeGreaterThanOrEqual(AA);
  });

  it('checks the footer link as rendered too', async () => {
    const { contactHtml } = await import('../../src/platform/mail/footer.js');
    const footer = contactHtml({ name: 'P', email: 'ce@example.org', postalAddress: '' }).value;
    const colour = /color:\s*(#[0-9a-f]{6})/i.exec(footer)![1];
    expect(contrast(colour, '#f4f4f4')).toBeGreaterThanOrEqual(AA);
  });
});

describe('learner pages: primary buttons and links meet WCAG AA', () => {
  const css = /<style>([\s\S]*?)<\/style>/.exec(page({ title: 't' }, html`<p>x</p>`))![1];
  const rule = (selector: string) => {
    const found = css.split('\n').find((l) => l.startsWith(`${selector} {`));
    expect(found, `a CSS rule for ${selector}`).toBeDefined();
    return (prop: string) => new RegExp(`(?:^|[;{\\s])${prop}:\\s*(#[0-9a-f]{3,6})`, 'i').exec(found!)![1];
  };
  const pageBackground = rule('body')('background');

  it('a primary button: its text on its background', () => {
    const b = rule('button, .button');
    expect(contrast(b('color'), b('background'))).toBeGreaterThanOrEqual(AA);
  });

  it('a secondary button: its text on its white background', () => {
    const b = rule('button.secondary, .button.secondary');
    expect(contrast(b('color'), b('background'))).toBeGreaterThanOrEqual(AA);
  });

  it('links, on the page and on a card', () => {
    const link = rule('a')('color');
    expect(contrast(link, pageBackground)).toBeGreaterThanOrEqual(AA);
    expect(contrast(link, '#ffffff')).toBeGreaterThanOrEqual(AA);
  });

  it('the header bar and hints', () => {
    const header = rule('header');
    expect(contrast(header('color'), header('background'))).toBeGreaterThanOrEqual(AA);
    expect(contrast(rule('.hint')('color'), pageBackground)).toBeGreaterThanOrEqual(AA);
  });
});
