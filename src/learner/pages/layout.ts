// The one layout of learner and public pages: readable on a phone, no
// JavaScript, nothing loaded from elsewhere.
import { escapeHtml, type Html } from '../../platform/html.js';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f4f5f7; }
header { background: #14365d; color: #fff; padding: .75rem 1rem; }
header p { margin: 0; font-weight: 600; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.card { background: #fff; border: 1px solid #d0d5dd; border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.card > :first-child { margin-top: 0; } .card > :last-child { margin-bottom: 0; }
ul.plain { list-style: none; padding: 0; margin: 0 0 1rem; }
fieldset { border: 1px solid #d0d5dd; border-radius: 8px; padding: .75rem 1rem 1rem; margin: 0 0 1rem; background: #fff; min-width: 0; }
legend { font-weight: 600; padding: 0 .25rem; }
.vignette { background: #eef3f9; border-left: 4px solid #14365d; padding: .5rem .75rem; margin: 0 0 .75rem; }
label { display: block; }
.choice { display: flex; gap: .6rem; align-items: flex-start; padding: .45rem .25rem; border-radius: 6px; }
.choice input { margin-top: .3rem; width: 1.2rem; height: 1.2rem; flex: none; }
.choice:hover { background: #f0f2f5; }
.scale { display: flex; flex-wrap: wrap; gap: .25rem .4rem; }
.scale .choice { padding: .45rem .35rem; }
input[type=text], input[type=number], textarea, select { width: 100%; font: inherit; padding: .5rem; border: 1px solid #667085; border-radius: 6px; background: #fff; color: inherit; }
textarea { min-height: 5.5rem; }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .7rem 1.2rem; border-radius: 6px; border: 2px solid #14365d; background: #14365d; color: #fff; text-decoration: none; cursor: pointer; }
button.secondary, .button.secondary { background: #fff; color: #14365d; }
:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
a { color: #0b4f9c; }
.hint { color: #475467; font-size: .95rem; margin: .25rem 0; }
.error { color: #b42318; font-weight: 600; margin: .25rem 0; }
.notice { border-left: 4px solid #067647; background: #ecfdf3; padding: .75rem 1rem; margin: 0 0 1rem; }
.warning { border-left: 4px solid #b42318; background: #fef3f2; padding: .75rem 1rem; margin: 0 0 1rem; }
.quote { font-style: italic; border-left: 4px solid #98a2b3; padding: .25rem .75rem; margin: .5rem 0 1rem; white-space: pre-wrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #d0d5dd; vertical-align: top; }
footer { color: #475467; font-size: .85rem; text-align: center; padding: 2rem 1rem; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; } main { padding: .75rem; } }
`;

export interface PageOptions {
  title: string;
  /** Shown in the header bar: the provider's name when known. */
  provider?: string;
  /** Public pages (verification) are not reached from a personal link. */
  publicPage?: boolean;
}

export function page(options: PageOptions, body: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><p>${escapeHtml(options.provider ?? 'Continuing education')}</p></header>
<main id="main">
${body.value}
</main>
${options.publicPage ? '' : '<footer>Links in your emails are personal: please do not forward them.</footer>'}
</body>
</html>`;
}
