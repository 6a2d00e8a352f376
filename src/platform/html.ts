// HTML is built with one tagged template: every interpolated value is escaped
// unless it is already Html (built with this tag, or marked raw). Learner
// pages, committee reports and their SVG charts, the captured-mail pages and
// email fragments are all built with it, so nothing typed by a learner or a
// provider reaches a page unescaped.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A fragment already escaped (built with `html`), passed through as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = Html | string | number | boolean | null | undefined | readonly HtmlPart[];

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(part);
}

/** Tagged template: interpolated values are escaped unless they are Html; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Html(out);
}

/** Markup that is safe by construction (e.g. a stylesheet constant); never for input. */
export function raw(value: string): Html {
  return new Html(value);
}
