// Are the committee reports cheap on a large history? Seeds ENROLLMENTS
// enrollments across ACTIVITIES activities (./report-seed.ts) and times, in
// interleaved runs, one activity's report against a count of that activity's
// own enrollments (the fair baseline: what the report is about), once for an
// activity first in its series and once for one compared with the series'
// earlier activity, and the
// program report against a plain count(*) group by over every enrollment.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { activityReport } from '../src/reports/activity-report.js';
import { programReport } from '../src/reports/program-report.js';
import { throwawayDatabase } from './stack.js';
import { seedReportData } from './report-seed.js';

export interface ReportFigures {
  where: string;
  enrollments: number;
  activities: number;
  seedSeconds: number;
  /** Medians, ms. */
  ownCountMs: number;
  /** An activity first in its series: everything from the summaries and the committee's records. */
  activityReportMs: number;
  /** The one before it, last of its series: its report adds the comparison with the series' earlier activity. */
  seriesReportMs: number;
  seriesOwnCountMs: number;
  groupByCountMs: number;
  programReportMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function reportBench(opts: {
  enrollments: number;
  activities: number;
  runs: number;
}): Promise<ReportFigures> {
  const database = await throwawayDatabase();
  try {
    const t0 = performance.now();
    await seedReportData(database.db, opts.enrollments, opts.activities);
    const seedSeconds = (performance.now() - t0) / 1000;
    const db = database.db;
    // Series run in fours (./report-seed.ts): the first of one follows the last of the one before.
    const number = 4 * Math.floor(opts.activities / 8) + 1;
    const first = `bench-a${String(number).padStart(3, '0')}`;
    const last = `bench-a${String(number - 1).padStart(3, '0')}`;
    const count = (id: string) => db.execute(sql`select count(*) from enrollments where activity_id = ${id}`);
    const timed: Record<string, () => Promise<unknown>> = {
      ownCount: () => count(first),
      activityReport: () => activityReport(db, first),
      seriesOwnCount: () => count(last),
      seriesReport: () => activityReport(db, last),
      groupByCount: () => db.execute(sql`select activity_id, count(*) from enrollments group by activity_id`),
      programReport: () => programReport(db, 'bench', { from: '2025-01-01', to: '2027-12-31' }),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(timed).map((k) => [k, []]));
    // Warm up caches and plans as a running API is: postgres.js hands queries to its open
    // connections in turn, and PostgreSQL settles a prepared statement on its generic plan
    // after five runs on a connection, so each of up to ten connections runs each query six times.
    for (const fn of Object.values(timed)) for (let i = 0; i < 60; i++) await fn();
    // Interleaved, so a slow moment of a shared machine falls on all of them alike.
    for (let run = 0; run < opts.runs; run++) {
      for (const [name, fn] of Object.entries(timed)) {
        const started = performance.now();
        await fn();
        samples[name].push(performance.now() - started);
      }
    }
    return {
      where: database.where,
      enrollments: opts.enrollments,
      activities: opts.activities,
      seedSeconds,
      ownCountMs: median(samples.ownCount),
      activityReportMs: median(samples.activityReport),
      seriesReportMs: median(samples.seriesReport),
      seriesOwnCountMs: median(samples.seriesOwnCount),
      groupByCountMs: median(samples.groupByCount),
      programReportMs: median(samples.programReport),
    };
  } finally {
    await database.close();
  }
}

export function printReports(f: ReportFigures): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `\nReports over ${f.enrollments.toLocaleString('en')} enrollments in ${f.activities} activities (${f.where}; seeded in ${f.seedSeconds.toFixed(0)} s), medians:`,
  );
  console.log(
    `  one activity's report ${ms(f.activityReportMs)} = ${(f.activityReportMs / f.ownCountMs).toFixed(2)}x a count of its own enrollments (${ms(f.ownCountMs)}; target ≤ 3x)`,
  );
  console.log(
    `  with the series comparison ${ms(f.seriesReportMs)} = ${(f.seriesReportMs / f.seriesOwnCountMs).toFixed(2)}x a count of its own enrollments (${ms(f.seriesOwnCountMs)}; target ≤ 3x)`,
  );
  console.log(
    `  the program report ${ms(f.programReportMs)} = ${(f.programReportMs / f.groupByCountMs).toFixed(2)}x a count(*) group by over all of them (${ms(f.groupByCountMs)}; target ≤ 5x)`,
  );
}
