// Small server-side SVG charts: no script, nothing loaded from elsewhere.
// Each chart has a <title> and <desc> (read by screen readers) and prints
// every value as text, so the chart never is the only place a number appears.
import { html, type Html } from '../../platform/html.js';

let chartSeq = 0;
const nextId = () => `chart-${++chartSeq}`;

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

/** Horizontal bar chart: one labelled row per bar. */
export function barChart(o: BarChartOptions): Html {
  const id = nextId();
  const width = o.width ?? 560;
  // Room for the longest label (about 6.6 px a character at 12 px).
  const labelWidth = Math.min(
    300,
    Math.max(110, Math.ceil(Math.max(0, ...o.bars.map((b) => b.label.length)) * 6.6) + 14),
  );
  const valueWidth = 90;
  const rowH = 24;
  const top = 8;
  const plotW = width - labelWidth - valueWidth;
  const max = o.max ?? Math.max(1e-9, ...o.bars.map((b) => b.value ?? 0));
  const height = top + o.bars.length * rowH + (o.marker ? 22 : 8);
  const rows = o.bars.map((b, i) => {
    const y = top + i * rowH;
    const w = b.value === null ? 0 : Math.max(0, Math.min(1, b.value / max)) * plotW;
    const shown = b.valueLabel ?? (b.value === null ? '—' : String(b.value));
    return html`<g>
      <text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" class="chart-label">${b.label}</text>
      <rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" class="chart-bar"
        ><title>${b.label}: ${shown}</title></rect
      >
      <text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}" class="chart-value">${shown}</text>
    </g> `;
  });
  const marker = o.marker
    ? markerLine(
        o.marker,
        labelWidth + Math.min(1, o.marker.value / max) * plotW,
        top,
        top + o.bars.length * rowH,
      )
    : null;
  const description =
    o.description ?? o.bars.map((b) => `${b.label}: ${b.valueLabel ?? b.value ?? 'none'}`).join('; ');
  return svg(id, width, height, o.title, description, html`${rows} ${marker}`);
}

function markerLine(m: { label: string }, x: number, top: number, yEnd: number): Html {
  return html`<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${yEnd}" class="chart-marker" />
    <text x="${x.toFixed(1)}" y="${yEnd + 16}" text-anchor="middle" class="chart-marker-label"
      >${m.label}</text
    >`;
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
  return html`<svg
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
  </svg>`;
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

/** Line chart over months, with points labelled and a legend. */
export function lineChart(o: LineChartOptions): Html {
  const id = nextId();
  const width = o.width ?? 640;
  const height = 260;
  const left = 48;
  const right = 40;
  const top = 16;
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const fmt = o.format ?? ((v: number) => String(v));
  const n = o.xLabels.length;
  const xAt = (i: number) => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const yAt = (v: number) => top + plotH - Math.max(0, Math.min(1, v / o.yMax)) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = top + plotH - f * plotH;
    return html`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" class="chart-grid" />
      <text x="${left - 6}" y="${y + 4}" text-anchor="end" class="chart-axis">${fmt(f * o.yMax)}</text> `;
  });
  const xs = o.xLabels.map(
    (l, i) =>
      html`<text x="${xAt(i).toFixed(1)}" y="${top + plotH + 18}" text-anchor="middle" class="chart-axis"
        >${l}</text
      > `,
  );
  const lines = o.series.map((s, k) => {
    const cls = SERIES_CLASSES[k % SERIES_CLASSES.length];
    const pts = s.values
      .map((v, i) => (v === null ? null : ([xAt(i), yAt(v), v] as const)))
      .filter((p): p is readonly [number, number, number] => p !== null);
    const path = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    const dots = pts.map(
      ([x, y, v]) =>
        html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" class="${cls}"
          ><title>${s.name}: ${fmt(v)}</title></circle
        >`,
    );
    return html`<g><path d="${path}" class="chart-line ${cls}" />${dots}</g> `;
  });
  let legendX = left;
  const legend = o.series.map((s, k) => {
    const x = legendX;
    legendX += 40 + Math.ceil(s.name.length * 6.6);
    const y = height - 12;
    return html`<rect
        x="${x}"
        y="${y - 9}"
        width="12"
        height="12"
        class="${SERIES_CLASSES[k % SERIES_CLASSES.length]}"
      /><text x="${x + 16}" y="${y + 1}" class="chart-label">${s.name}</text>`;
  });
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
