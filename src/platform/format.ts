// How dates and numbers are written for people, in one style everywhere:
// learner pages, emails, certificates and transcripts, committee reports and
// the CLI. Dates are US style in UTC ("March 12, 2026"), as on accreditation
// documents. CSV and JSON carry values unformatted (0.875 there is 87.5% here).

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const longDateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "March 12, 2026" */
export function formatDate(d: Date): string {
  return longDate.format(d);
}

/** "March 12, 2026 at 2:30 PM UTC" */
export function formatDateTime(d: Date): string {
  return `${longDateTime.format(d)} UTC`;
}

/** "March 3, 2026", or "March 3, 2026 – March 5, 2026" when the days differ. */
export function formatDateRange(start: Date, end: Date): string {
  const a = formatDate(start);
  const b = formatDate(end);
  return a === b ? a : `${a} – ${b}`;
}

/** YYYY-MM-DD, for dates in links, forms and tables. */
export const isoDay = (d: Date | string): string =>
  (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);

/** Credits as people read them: 1, 1.5, 0.25. */
export function formatCredits(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "$49.00" */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

/** A share as a whole percentage, as learners read scores and pass marks: 0.7 → "70%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A share as a percentage: 0.875 → "87.5%"; "—" when there is nothing to show. */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return '—';
  return `${(v * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** A number rounded for reading; "—" when there is nothing to show. */
export function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined) return '—';
  return String(Math.round(v * 10 ** digits) / 10 ** digits);
}
