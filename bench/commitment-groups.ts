// How long one activity's commitment groups take in JavaScript, against the
// grouping as it was (test/support/commitment-groups-reference.ts), on the
// shape of the report bench's data: 162 counted rows, 50 wordings, 14
// follow-up outcomes. Interleaved rounds, medians, printed as µs per report
// and as a ratio (a shared machine's absolute times say little):
//   warm   the wordings were grouped before (the usual report: wordings recur)
//   miss   every wording is new to the process (the first report after a start)
// Run: npx tsx bench/commitment-groups.ts [rounds=41] [callsPerRound=400]
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { countedCommitmentGroups } from '../src/reports/commitment-groups.js';
import type { CountedCommitmentOutcome } from '../src/reports/queries/commitments.js';
import { benchLikeCommitments } from '../test/support/commitment-data.js';
import { referenceCountedCommitmentGroups } from '../test/support/commitment-groups-reference.js';

const rounds = Number(process.argv[2] ?? 41);
const calls = Number(process.argv[3] ?? 400);

type Grouping = (rows: CountedCommitmentOutcome[]) => unknown;

/** µs per call over `calls` calls, each on its own copy of the rows (as each report reads its own). */
function time(group: Grouping, inputs: CountedCommitmentOutcome[][]): number {
  let sink = 0;
  const start = performance.now();
  for (const rows of inputs) sink += (group(rows) as unknown[]).length;
  const us = ((performance.now() - start) * 1000) / inputs.length;
  if (sink === 0) throw new Error('no groups');
  return us;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** The rows as each report gets them: parsed afresh from the statement's JSON (src/reports/queries/activity-summary-json.ts). */
const parsed = (rows: CountedCommitmentOutcome[]): CountedCommitmentOutcome[] =>
  (
    JSON.parse(JSON.stringify(rows.map((r) => [r.commitment, r.outcome, r.count]))) as [
      string,
      string,
      number,
    ][]
  ).map(([commitment, outcome, count]) => ({ commitment, outcome, count }));
const copies = (word: (call: number) => string) =>
  Array.from({ length: calls }, (_, call) => parsed(benchLikeCommitments(word(call))));

let fresh = 0;
const figures = { reference: [] as number[], warm: [] as number[], miss: [] as number[] };
for (let round = 0; round < rounds; round++) {
  const warmRows = copies(() => 'Commitment');
  const missRows = copies(() => `Pledge${fresh++}`);
  const order: [keyof typeof figures, Grouping, CountedCommitmentOutcome[][]][] = [
    ['reference', referenceCountedCommitmentGroups, warmRows],
    ['warm', countedCommitmentGroups, warmRows],
    ['miss', countedCommitmentGroups, missRows],
  ];
  if (round % 2) order.reverse();
  for (const [name, group, rows] of order) figures[name].push(time(group, rows));
}
// The first rounds warm the JIT up: only the later half counts.
const settled = (xs: number[]) => median(xs.slice(xs.length >> 1));
const reference = settled(figures.reference);
const warm = settled(figures.warm);
const miss = settled(figures.miss);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${rounds} rounds × ${calls} calls`,
);
console.log(`reference  ${reference.toFixed(1)} µs per report`);
console.log(`warm       ${warm.toFixed(1)} µs per report  (${(warm / reference).toFixed(3)} × reference)`);
console.log(`miss       ${miss.toFixed(1)} µs per report  (${(miss / reference).toFixed(3)} × reference)`);
