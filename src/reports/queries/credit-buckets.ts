// The credits section of one activity's report from its report buckets
// ('credit': key the credit type, subkey the credits claimed; 'participation':
// key a learner's credits on certificates of participation summed, subkey the
// largest), with creditSql's figures (./sections.ts): the same rows, in the
// same order (the buckets come in the order of their credit type), the same
// numbers (sums in exact hundredths, as the SQL sums numeric before its cast).
import type { CreditRow } from './aggregates.js';

/** A bucket: kind, key, subkey, count. */
export type CreditBucket = ['credit' | 'participation', string, string, number];

/** What the activity's stored policy says of a credit type, as raw JSON (creditSql reads it so). */
interface StoredDesignation {
  type?: unknown;
  maxCredits?: unknown;
}

/** Credits are numeric(6,2): in hundredths, any sum of them is an exact integer. */
const hundredths = (credits: string) => Math.round(Number(credits) * 100);

/** The designated maximum of a type as `(d->>'maxCredits')::numeric` reads it, NaN when there is none. */
function designatedMax(designations: unknown, type: string): number {
  if (!Array.isArray(designations)) return NaN;
  const found = (designations as StoredDesignation[]).find((d) => d?.type != null && String(d.type) === type);
  const max = found?.maxCredits;
  if (typeof max === 'number') return max;
  return typeof max === 'string' && max.trim() !== '' ? Number(max) : NaN;
}

export function creditRowsFrom(
  activity_id: string,
  buckets: CreditBucket[],
  designations: unknown,
): CreditRow[] {
  const rows = new Map<string, { row: CreditRow; hundredths: number; largest: number; designated: number }>();
  for (const [kind, key, subkey, count] of buckets) {
    const type = kind === 'participation' ? 'participation' : key;
    let tally = rows.get(type);
    if (!tally) {
      const row = { activity_id, credit_type: type, claimants: 0, total: 0, max_claimed: 0, at_maximum: 0 };
      tally = { row, hundredths: 0, largest: -Infinity, designated: designatedMax(designations, type) };
      rows.set(type, tally);
    }
    const credits = Number(subkey);
    tally.row.claimants += count;
    tally.hundredths += hundredths(kind === 'participation' ? key : subkey) * count;
    tally.largest = Math.max(tally.largest, credits);
    // Certificates of participation are never at a designated maximum (none is designated).
    if (kind === 'credit' && credits >= tally.designated) tally.row.at_maximum += count;
  }
  return [...rows.values()].map(({ row, hundredths, largest }) => ({
    ...row,
    total: hundredths / 100,
    max_claimed: largest,
  }));
}
