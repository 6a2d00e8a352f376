// npm run bench: what scale costs, as ratios against baselines measured in
// the same run on the same machine (a shared machine's absolute times say
// little). Sizes come from the environment, for a quick run:
//   BENCH_OPEN         enrollments open at each worker RSS reading (default 1000,5000)
//   BENCH_CONCURRENCY  learners driven at once (default 32)
//   BENCH_OPEN_CONCURRENCY  enrollments opened at once for the RSS readings (default 128)
//   BENCH_ENROLLMENTS  enrollments seeded for the reports (default 100000)
//   BENCH_ACTIVITIES   activities they are spread over (default 200)
//   BENCH_RUNS         interleaved timing runs of each report query (default 9)
//   BENCH_LIFECYCLES   lifecycles timed through the real and the bare workflow (default 200)
//   BENCH_BURST        follow-up emails falling due at once, against raw nodemailer (default 600)
//   BENCH_ONLY         lifecycles | throughput | burst | reports, comma-separated (default all)
//   BENCH_WORKER_NODE_ARGS  node flags added to the workers' launch (bench/stack.ts), e.g.
//                      "--import ./bench/memory-probe.mjs" to show where the worker's memory is
// All but the reports need DATABASE_URL (a PostgreSQL server); the reports
// run on PGlite without it.
import { burstBench, printBurst } from './burst.js';
import { lifecycleBench, printLifecycles } from './lifecycles.js';
import { printReports, reportBench } from './reports.js';
import { printThroughput, throughputBench } from './throughput.js';

const numbers = (value: string) => value.split(',').map((s) => Number(s.trim()));
const env = process.env;
const only = env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (part: string) => !only || only.includes(part);
const concurrency = Number(env.BENCH_CONCURRENCY ?? 32);

if (runs('lifecycles')) {
  const open = numbers(env.BENCH_OPEN ?? '1000,5000');
  const openConcurrency = Number(env.BENCH_OPEN_CONCURRENCY ?? 128);
  printLifecycles(await lifecycleBench({ open, concurrency: openConcurrency }));
}
if (runs('throughput'))
  printThroughput(await throughputBench({ lifecycles: Number(env.BENCH_LIFECYCLES ?? 200), concurrency }));
if (runs('burst')) printBurst(await burstBench({ k: Number(env.BENCH_BURST ?? 600), concurrency }));
if (runs('reports')) {
  printReports(
    await reportBench({
      enrollments: Number(env.BENCH_ENROLLMENTS ?? 100_000),
      activities: Number(env.BENCH_ACTIVITIES ?? 200),
      runs: Number(env.BENCH_RUNS ?? 9),
    }),
  );
}
process.exit(0);
