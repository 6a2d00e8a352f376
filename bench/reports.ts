// npm run bench: are the committee reports fast on a large history?
// Seeds 100,000 enrollments across 200 activities (set-based inserts with
// generate_series; a realistic spread of stages, attempts, evaluations,
// claims and follow-ups), then times one activity's report and the program
// report next to a plain `count(*) … group by activity_id` over the same rows.
// Uses a throwaway database on DATABASE_URL's server if set, else in-memory PGlite.
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenDatabase } from '../src/db/client.js';
import type { Database } from '../src/db/client.js';
import { policySchema } from '../src/domain/policy-schema.js';
import { activityReport } from '../src/reports/activity-report.js';
import { programReport } from '../src/reports/program-report.js';

const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function openBenchDatabase(): Promise<OpenDatabase & { where: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { ...(await openDatabase(undefined, 'memory://')), where: 'PGlite (in memory)' };
  const name = `ceo_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase(url.toString());
  return {
    ...opened,
    where: `PostgreSQL ${url.host}/${name} (dropped afterwards)`,
    async close() {
      await opened.close();
      if (process.env.BENCH_KEEP) return console.log(`kept ${url.toString()}`);
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

const item = (id: string) => ({
  id,
  kind: 'vignette',
  prompt: `Case ${id}`,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
  correctOptionId: 'a',
});

async function seed(db: Database): Promise<void> {
  const policy = policySchema.parse({
    credits: [{ type: 'ama_pra_1', maxCredits: 2 }],
    competence: { passMark: 0.6, maxAttempts: 2, items: [item('i1'), item('i2'), item('i3')] },
  });
  const run = (q: ReturnType<typeof sql>) => db.execute(q);
  await run(sql`select setseed(0.42)`);
  await run(sql`insert into programs (id, name, committee_emails) values ('bench', 'Bench program', '[]')`);
  await run(sql`insert into activities (id, program_id, title, provider_name, format, starts_at, ends_at,
      learning_objectives, price_cents, policy)
    select 'bench-a' || lpad(g::text, 3, '0'), 'bench', 'Bench activity ' || g, 'Bench provider', 'live',
      timestamptz '2025-01-06 14:00Z' + (g * interval '2 days'),
      timestamptz '2025-01-06 17:00Z' + (g * interval '2 days'),
      '["Choose the right test", "Treat to target", "Talk about risk"]'::jsonb, 10000, ${JSON.stringify(policy)}::jsonb
    from generate_series(1, ${ACTIVITIES}) g`);
  await run(sql`insert into learners (id, name, email)
    select 'L' || g, 'Learner ' || g, 'learner' || g || '@bench.test' from generate_series(1, ${ENROLLMENTS}) g`);
  // Stages: 95% pay, 93% of those attend, 85% pass (eventually), 95% evaluate and are certified, 35% answer the follow-up.
  await run(sql`insert into enrollments (activity_id, learner_id, workflow_id, stage, outcome, follow_up_status,
      minutes_attended, created_at, paid_at, attendance_completed_at, competence_passed_at, evaluated_at, claimed_at,
      certified_at, follow_up_sent_at, follow_up_answered_at)
    select a, 'L' || g, 'wf-bench-' || g,
      case when not paid then 'closed' when not attended then 'attending' when answered or sent then 'closed' else 'competence' end,
      case when not paid then 'lapsed' when attended and not passed then 'failed_competence' when sent then 'completed' end,
      case when answered then 'answered' when sent then 'not_answered' end,
      case when attended then 180 else 0 end,
      t - interval '10 days',
      case when paid then t - interval '9 days' end,
      case when attended then t + interval '3 hours' end,
      case when passed then t + interval '4 hours' end,
      case when evaluated then t + interval '5 hours' end,
      case when evaluated then t + interval '5 hours' end,
      case when evaluated then t + interval '6 hours' end,
      case when sent then t + interval '90 days' end,
      case when answered then t + interval '95 days' end
    from (
      select g, a, t, paid, attended, passed, evaluated, evaluated as sent, evaluated and r5 < 0.35 as answered
      from (
        select g, a, t, r1 < 0.95 as paid, r1 < 0.95 and r2 < 0.93 as attended,
          r1 < 0.95 and r2 < 0.93 and r3 < 0.85 as passed,
          r1 < 0.95 and r2 < 0.93 and r3 < 0.85 and r4 < 0.95 as evaluated, r5
        from (
          select g, 'bench-a' || lpad((((g - 1) % ${ACTIVITIES}) + 1)::text, 3, '0') as a,
            timestamptz '2025-01-06 14:00Z' + ((((g - 1) % ${ACTIVITIES}) + 1) * interval '2 days') as t,
            random() r1, random() r2, random() r3, random() r4, random() r5
          from generate_series(1, ${ENROLLMENTS}) g
        ) raw
      ) staged
    ) s`);
  // First attempts: passers of the first attempt get 2–3 of 3 right, others 0–1; items rotate so each differs.
  await run(sql`insert into competence_attempts (enrollment_id, attempt_no, answers, item_results, score, passed, submitted_at)
    select id, 1, '{}'::jsonb,
      jsonb_build_object('i1', k > rot % 3, 'i2', k > (rot + 1) % 3, 'i3', k > (rot + 2) % 3), k / 3.0, k >= 2,
      attendance_completed_at + interval '10 minutes'
    from (
      select e.id, e.attendance_completed_at, floor(random() * 3)::int as rot,
        case when e.competence_passed_at is not null and random() < 0.75 then 2 + (random() < 0.5)::int
             else (random() < 0.5)::int end as k
      from enrollments e where e.attendance_completed_at is not null
    ) x`);
  // Second attempts: those who failed the first; they pass when the enrollment passed eventually.
  await run(sql`insert into competence_attempts (enrollment_id, attempt_no, answers, item_results, score, passed, submitted_at)
    select e.id, 2, '{}'::jsonb,
      case when e.competence_passed_at is not null then '{"i1": true, "i2": true, "i3": false}'::jsonb
           else '{"i1": true, "i2": false, "i3": false}'::jsonb end,
      case when e.competence_passed_at is not null then 2 / 3.0 else 1 / 3.0 end,
      e.competence_passed_at is not null, e.attendance_completed_at + interval '30 minutes'
    from enrollments e join competence_attempts a on a.enrollment_id = e.id and a.attempt_no = 1 and not a.passed`);
  await run(sql`insert into evaluations (enrollment_id, objective_ratings, relevance, free_of_commercial_bias, commitment, submitted_at)
    select id, jsonb_build_array(3 + floor(random() * 3)::int, 2 + floor(random() * 4)::int, 3 + floor(random() * 3)::int),
      2 + floor(random() * 4)::int, random() > 0.06, 'Commitment ' || floor(random() * 50)::int, evaluated_at
    from enrollments where evaluated_at is not null`);
  await run(sql`insert into credit_claims (enrollment_id, credit_type, credits, claimed_at)
    select id, 'ama_pra_1', (array[1, 1.5, 2, 2])[1 + floor(random() * 4)::int], claimed_at
    from enrollments where claimed_at is not null`);
  await run(sql`insert into follow_up_responses (enrollment_id, implemented, barriers, reminders_before, responded_at)
    select id, (array['fully', 'partly', 'partly', 'not'])[1 + floor(random() * 4)::int],
      case when random() < 0.5 then '[]'::jsonb else jsonb_build_array((array['time', 'cost', 'staffing', 'patient preference'])[1 + floor(random() * 4)::int]) end,
      floor(random() * 3)::int, follow_up_answered_at
    from enrollments where follow_up_answered_at is not null`);
  await run(sql`insert into email_outbox (enrollment_id, kind, dedupe_key, to_address, subject, html, text, message_id, status)
    select e.id, 'follow_up_reminder', e.id || ':follow_up_reminder:' || n, 'x@bench.test', 'Reminder', '', '', '<' || e.id || n || '@bench>', 'sent'
    from enrollments e cross join generate_series(1, 2) n where e.follow_up_sent_at is not null and e.follow_up_answered_at is null`);
  // A live database's autovacuum would have done this: statistics and the visibility map.
  await run(sql`vacuum analyze`);
}

async function time(label: string, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm up: caches, plans
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`  ${label.padEnd(44)} ${median.toFixed(1).padStart(9)} ms  (median of ${RUNS})`);
  return median;
}

async function main() {
  const database = await openBenchDatabase();
  try {
    console.log(
      `bench: ${ENROLLMENTS.toLocaleString('en')} enrollments across ${ACTIVITIES} activities in ${database.where}`,
    );
    const t0 = performance.now();
    await seed(database.db);
    const counts = (await database.db.execute(sql`select
        (select count(*) from enrollments)::int as enrollments,
        (select count(*) from competence_attempts)::int as attempts,
        (select count(*) from evaluations)::int as evaluations,
        (select count(*) from credit_claims)::int as claims,
        (select count(*) from follow_up_responses)::int as follow_ups,
        (select count(*) from email_outbox)::int as reminders`)) as unknown;
    const row = (Array.isArray(counts) ? counts[0] : (counts as { rows: unknown[] }).rows[0]) as Record<
      string,
      number
    >;
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(row)}`);

    const db = database.db;
    const middle = `bench-a${String(Math.ceil(ACTIVITIES / 2)).padStart(3, '0')}`;
    const baseline = await time('plain count(*) group by activity_id', () =>
      db.execute(sql`select activity_id, count(*) from enrollments group by activity_id`),
    );
    const one = await time(`activity report (${middle})`, () => activityReport(db, middle));
    const program = await time(`program report (${ACTIVITIES} activities)`, () =>
      programReport(db, 'bench', { from: '2025-01-01', to: '2027-12-31' }),
    );
    console.log('');
    console.log(`  activity report / plain count: ${(one / baseline).toFixed(2)}x`);
    console.log(`  program report  / plain count: ${(program / baseline).toFixed(2)}x`);
  } finally {
    await database.close();
  }
}

await main();
