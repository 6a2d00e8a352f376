// The footer every email carries: who sent it and how to reach them (the
// provider profile's name, postal address and contact email). The partials in
// templates/emails/partials/ are added to every template by render.ts, so no
// template can leave it out.
import { html, type Html } from '../html.js';

/** The provider as an email footer prints it; the caller reads it from the provider profile. */
export interface EmailContact {
  name: string;
  email: string;
  /** Lines separated by newlines; empty while the profile has none. */
  postalAddress: string;
}

const addressLines = (c: EmailContact) =>
  c.postalAddress
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function contactText(c: EmailContact): string {
  return [c.name, ...addressLines(c), `Questions? Write to ${c.email}`].join('\n');
}

export function contactHtml(c: EmailContact): Html {
  const lines = addressLines(c).map((l) => html`<br />${l}`);
  return html`<strong>${c.name}</strong>${lines}<br />Questions? Write to
    <a href="mailto:${c.email}" style="color:#1f4e79">${c.email}</a>`;
}
