// Report tables that fit a phone: on a narrow screen each row becomes a card
// whose cells are labelled with their column (CSS in ./layout.ts, table.stack),
// so no table is wider than the screen.
import { Html, html, type HtmlPart } from '../../platform/html.js';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/** A cell with data attributes (e.g. data-measure, read by tests and scripts). */
export interface Cell {
  value: HtmlPart;
  data?: Record<string, string>;
}

const isCell = (c: HtmlPart | Cell): c is Cell =>
  typeof c === 'object' && c !== null && !Array.isArray(c) && !(c instanceof Html) && 'value' in c;

function td(column: Column, cell: HtmlPart | Cell): Html {
  const { value, data } = isCell(cell) ? cell : { value: cell, data: {} };
  const attrs = Object.entries(data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<td data-label="${column.label}"${column.numeric ? html` class="n"` : null}${attrs}>${value}</td>`;
}

export function dataTable(columns: (string | Column)[], rows: (HtmlPart | Cell)[][], cls = ''): Html {
  const cols = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  return html`<table class="stack ${cls}"><thead><tr>${cols.map(
    (c) => html`<th${c.numeric ? html` class="n"` : null}>${c.label}</th>`,
  )}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((cell, i) => td(cols[i], cell))}</tr>`)}</tbody></table>`;
}

export const num = (label: string): Column => ({ label, numeric: true });
