// Small server-side SVG charts: no script, nothing loaded from elsewhere.
// Each chart has a <title> and <desc> (read by screen readers) and prints
// every value as text, so the chart never is the only place a number appears.
// Drawn narrow (380 units) and scaled to the page: on a phone the text stays
// near its real size; labels sit above their bars and wrap, so none is cut off.
import { html, type Html } from '../../platform/html.js';

let chartSeq = 0;
const nextId = () => `chart-${++chartSeq}`;

const WIDTH = 380;
/** Widest character of the 14px chart font, generously (labels wrap on this). */
const CHAR_WIDTH = 8.2;
const LINE = 17;

export interface Bar {
  label: string;
  value: number | null;
  /** Printed after the bar; defaults to the value. */
  valueLabel?: string;
}

export interface BarChartOptions {
  title: string;
  description?: string;
  bars: Bar[];
  /** Value of a full-width bar; defaults to the largest value. */
  max?: number;
  width?: number;
  /** A vertical marker, e.g. the threshold. */
  marker?: { value: number; label: string };
}

/** Words of a label in lines of at most `max` characters (a longer word is cut into pieces). */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let piece = word; piece.length > 0; piece = piece.slice(max)) {
      const part = piece.slice(0, max);
      if (!line) line = part;
      else if (line.length + 1 + part.length <= max) line += ` ${part}`;
      else {
        lines.push(line);
        line = part;
      }
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Horizontal bar chart: each bar under its (wrapped) label, the value printed after it. */
export function barChart(o: BarChartOptions): Html {
  const id = nextId();
  const width = o.width ?? WIDTH;
  const valueWidth = 100;
  const left = 2;
  const plotW = width - valueWidth - left;
  const barH = 14;
  const max = o.max ?? Math.max(1e-9, ...o.bars.map((b) => b.value ?? 0));
  const maxChars = Math.floor((width - 4) / CHAR_WIDTH);
  let y = 6;
  const rows = o.bars.map((b) => {
    const lines = wrapLabel(b.label, maxChars);
    const top = y;
    const barY = top + lines.length * LINE + 3;
    y = barY + barH + 10;
    const w = b.value === null ? 0 : Math.max(0, Math.min(1, b.value / max)) * plotW;
    const shown = b.valueLabel ?? (b.value === null ? '—' : String(b.value));
    return html`<g>
      <text x="${left}" y="${top + 13}" class="chart-label">${lines.map(
        (l, i) => html`<tspan x="${left}" dy="${i === 0 ? 0 : LINE}">${l}</tspan>`,
      )}</text>
      <rect x="${left}" y="${barY}" width="${w.toFixed(1)}" height="${barH}" class="chart-bar"
        ><title>${b.label}: ${shown}</title></rect
      >
      <text x="${(left + w + 6).toFixed(1)}" y="${barY + 12}" class="chart-value">${shown}</text>
    </g> `;
  });
  const plotBottom = y - 6;
  const marker = o.marker
    ? markerLine(o.marker, left + Math.min(1, o.marker.value / max) * plotW, 2, plotBottom)
    : null;
  const height = plotBottom + (o.marker ? 24 : 4);
  const description =
    o.description ?? o.bars.map((b) => `${b.label}: ${b.valueLabel ?? b.value ?? 'none'}`).join('; ');
  return svg(id, width, height, o.title, description, html`${rows} ${marker}`);
}

function markerLine(m: { label: string }, x: number, top: number, yEnd: number): Html {
  const anchor = x < 60 ? 'start' : x > WIDTH - 60 ? 'end' : 'middle';
  return html`<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${yEnd}" class="chart-marker" />
    <text x="${x.toFixed(1)}" y="${yEnd + 16}" text-anchor="${anchor}" class="chart-marker-label">${m.label}</text>`;
}

/** The chart's frame: labelled by its title and description for screen readers. */
function svg(
  id: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: Html,
): Html {
  return html`<figure class="chart-figure"><figcaption aria-hidden="true">${title}</figcaption><svg
    xmlns="http://www.w3.org/2000/svg"
    role="img"
    aria-labelledby="${id}-t ${id}-d"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    class="chart"
  >
    <title id="${id}-t">${title}</title>
    <desc id="${id}-d">${description}</desc>
    ${body}
  </svg></figure>`;
}

export interface LineSeries {
  name: string;
  /** One value per x label; null = no data that month. */
  values: (number | null)[];
}

export interface LineChartOptions {
  title: string;
  description?: string;
  xLabels: string[];
  series: LineSeries[];
  yMax: number;
  /** Formats a y value for labels, e.g. as a percentage. */
  format?: (v: number) => string;
  width?: number;
}

const SERIES_CLASSES = ['series-a', 'series-b', 'series-c', 'series-d'];

/** Line chart over months: as many month labels as fit, and the legend one series a line. */
export function lineChart(o: LineChartOptions): Html {
  const id = nextId();
  const width = o.width ?? WIDTH;
  const left = 46;
  const right = 32;
  const top = 12;
  const plotH = 150;
  const plotW = width - left - right;
  const fmt = o.format ?? ((v: number) => String(v));
  const n = o.xLabels.length;
  const xAt = (i: number) => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const yAt = (v: number) => top + plotH - Math.max(0, Math.min(1, v / o.yMax)) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = top + plotH - f * plotH;
    return html`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" class="chart-grid" />
      <text x="${left - 6}" y="${y + 4}" text-anchor="end" class="chart-axis">${fmt(f * o.yMax)}</text> `;
  });
  // A label is about 7 characters ("2026-05"): show every step-th so they never overlap.
  const fits = Math.max(1, Math.floor(plotW / (8 * CHAR_WIDTH)));
  const step = Math.max(1, Math.ceil(n / fits));
  const xs = o.xLabels.map((l, i) =>
    i % step === 0
      ? html`<text x="${xAt(i).toFixed(1)}" y="${top + plotH + 18}" text-anchor="middle" class="chart-axis">${l}</text> `
      : null,
  );
  const lines = o.series.map((s, k) => {
    const cls = SERIES_CLASSES[k % SERIES_CLASSES.length];
    const pts = s.values
      .map((v, i) => (v === null ? null : ([xAt(i), yAt(v), v, o.xLabels[i]] as const)))
      .filter((p): p is readonly [number, number, number, string] => p !== null);
    const path = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    const dots = pts.map(
      ([x, y, v, label]) =>
        html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" class="${cls}"><title>${s.name}, ${label}: ${fmt(v)}</title></circle>`,
    );
    return html`<g><path d="${path}" class="chart-line ${cls}" />${dots}</g> `;
  });
  const legendTop = top + plotH + 32;
  const legend = o.series.map((s, k) => {
    const y = legendTop + k * 18;
    return html`<rect x="${left}" y="${y - 10}" width="12" height="12" class="${SERIES_CLASSES[k % SERIES_CLASSES.length]}" /><text x="${left + 18}" y="${y + 1}" class="chart-label">${s.name}</text>`;
  });
  const height = legendTop + o.series.length * 18;
  const desc =
    o.description ??
    o.series
      .map(
        (s) =>
          `${s.name}: ${s.values.map((v, i) => `${o.xLabels[i]} ${v === null ? 'none' : fmt(v)}`).join(', ')}`,
      )
      .join('. ');
  return svg(id, width, height, o.title, desc, html`${grid}${xs}${lines}${legend}`);
}
