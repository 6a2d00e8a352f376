// Policy durations are short strings ("90d", "2s") so that the same workflow
// runs for three months in production and for seconds in a test.
export type Duration = string;
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function toMs(duration: Duration): number {
  const m = DURATION_PATTERN.exec(duration);
  if (!m) throw new Error(`invalid duration "${duration}": expected a number and one of ms, s, m, h, d`);
  return Math.round(Number(m[1]) * unitMs[m[2]]);
}
