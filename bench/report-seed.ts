// The report bench's data: ENROLLMENTS enrollments across ACTIVITIES live
// activities of one program, inserted set-based with generate_series: ~95%
// pay, ~93% of those attend, ~85% pass (some on the second attempt), ~95% of
// those evaluate, claim and are certified (a certificate for the AMA credit
// claimed, or of participation for the 15% who claim none), ~35% answer the follow-up, the
// others get two reminders. Those who have finished are closed (lapsed,
// failed, completed), as the workflow leaves them; the rest (~10%) are still
// attending or evaluating. Loaded as a bulk load would be, with triggers off
// (the summary triggers would move each row's enrollment one by one), then
// the summaries are built, as the migrations build them for existing data.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { policySchema } from '../src/domain/policy-schema.js';
import { rebuildActivitySummaries } from '../src/db/activity-summaries.js';

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

export async function seedReportData(
  db: Database,
  enrollmentCount: number,
  activityCount: number,
): Promise<void> {
  const ENROLLMENTS = enrollmentCount;
  const ACTIVITIES = activityCount;
  const policy = policySchema.parse({
    credits: [{ type: 'ama_pra_1', maxCredits: 2 }],
    competence: { passMark: 0.6, maxAttempts: 2, items: [item('i1'), item('i2'), item('i3')] },
  });
  await db.transaction(async (tx) => {
    const run = (q: ReturnType<typeof sql>) => tx.execute(q);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`select setseed(0.42)`);
    await run(sql`insert into programs (id, name, committee_emails) values ('bench', 'Bench program', '[]')`);
    await run(sql`insert into activities (id, program_id, series_id, title, provider_name, format, starts_at, ends_at,
      learning_objectives, price_cents, policy)
    select 'bench-a' || lpad(g::text, 3, '0'), 'bench', 'bench-s' || ((g - 1) / 4), 'Bench activity ' || g, 'Bench provider', 'live',
      timestamptz '2025-01-06 14:00Z' + (g * interval '2 days'),
      timestamptz '2025-01-06 17:00Z' + (g * interval '2 days'),
      '["Choose the right test", "Treat to target", "Talk about risk"]'::jsonb, 10000, ${JSON.stringify(policy)}::jsonb
    from generate_series(1, ${ACTIVITIES}) g`);
    await run(sql`insert into learners (id, name, email)
    select 'L' || g, 'Learner ' || g, 'learner' || g || '@bench.test' from generate_series(1, ${ENROLLMENTS}) g`);
    // 95% pay, 93% of those attend, 85% pass, 95% of those evaluate (and claim, and are certified), 35% answer.
    await run(sql`insert into enrollments (activity_id, learner_id, workflow_id, stage, outcome, follow_up_status,
      minutes_attended, created_at, paid_at, attendance_completed_at, competence_passed_at, evaluated_at, claimed_at,
      certified_at, follow_up_sent_at, follow_up_answered_at, closed_at)
    select a, 'L' || g, 'wf-bench-' || g,
      case when not paid then 'closed' when not attended then 'attending' when not passed then 'closed'
        when not evaluated then 'evaluation' else 'closed' end,
      case when not paid then 'lapsed' when not attended then null when not passed then 'failed_competence'
        when not evaluated then null else 'completed' end,
      case when answered then 'answered' when evaluated then 'not_answered' end,
      case when attended then 180 else 0 end,
      t - interval '10 days',
      case when paid then t - interval '9 days' end,
      case when attended then t + interval '3 hours' end,
      case when passed then t + interval '4 hours' end,
      case when evaluated then t + interval '5 hours' end,
      case when evaluated then t + interval '5 hours' end,
      case when evaluated then t + interval '6 hours' end,
      case when evaluated then t + interval '90 days' end,
      case when answered then t + interval '95 days' end,
      case when not paid then t - interval '1 day' when not attended then null when not passed then t + interval '5 hours'
        when not evaluated then null when answered then t + interval '95 days' else t + interval '120 days' end
    from (
      select g, a, t, paid, attended, passed, evaluated, evaluated and r5 < 0.35 as answered
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
    // 85% claim AMA credit; the others (not physicians) may claim none and get a certificate of participation.
    await run(sql`insert into credit_claims (enrollment_id, credit_type, credits, claimed_at)
    select id, 'ama_pra_1', (array[1, 1.5, 2, 2])[1 + floor(random() * 4)::int], claimed_at
    from enrollments where claimed_at is not null and random() < 0.85`);
    await run(sql`insert into certificates (number, verification_code, enrollment_id, credit_type, credits,
      learner_name, activity_title, issued_at)
    select 'CEO-BENCH-' || e.id || '-' || coalesce(c.credit_type, 'participation'), md5(e.id::text || coalesce(c.credit_type, '')),
      e.id, coalesce(c.credit_type, 'participation'), coalesce(c.credits, 3), l.name, a.title, e.certified_at
    from enrollments e join learners l on l.id = e.learner_id join activities a on a.id = e.activity_id
    left join credit_claims c on c.enrollment_id = e.id
    where e.certified_at is not null`);
    await run(sql`insert into follow_up_responses (enrollment_id, implemented, barriers, reminders_before, responded_at)
    select id, (array['fully', 'partly', 'partly', 'not'])[1 + floor(random() * 4)::int],
      case when random() < 0.5 then '[]'::jsonb else jsonb_build_array((array['time', 'cost', 'staffing', 'patient preference'])[1 + floor(random() * 4)::int]) end,
      floor(random() * 3)::int, follow_up_answered_at
    from enrollments where follow_up_answered_at is not null`);
    await run(sql`insert into email_outbox (enrollment_id, kind, dedupe_key, to_address, subject, html, text, message_id, status)
    select e.id, 'follow_up_reminder', e.id || ':follow_up_reminder:' || n, 'x@bench.test', 'Reminder', '', '', '<' || e.id || n || '@bench>', 'sent'
    from enrollments e cross join generate_series(1, 2) n where e.follow_up_sent_at is not null and e.follow_up_answered_at is null`);
    await seedCommitteeRecords(run);
  });
  await rebuildActivitySummaries(db);
  // A live database's autovacuum would have done this: statistics and the visibility map.
  await db.execute(sql`vacuum analyze`);
}

/**
 * What the committee and the CE office add to each activity, so the report's
 * workspace has something to read: the activities run in series of four,
 * each is reviewed a week after it starts (every other one with a change to
 * make, tracked as an action), and three people control its content, two of
 * whom have disclosed, one with a relationship judged and mitigated.
 */
async function seedCommitteeRecords(run: (q: ReturnType<typeof sql>) => Promise<unknown>): Promise<void> {
  await run(sql`insert into committee_reviews (activity_id, program_id, decision, changes, reviewers, reviewed_on, recorded_by)
    select id, program_id, case when n % 2 = 0 then 'changes_required' else 'acceptable' end,
      case when n % 2 = 0 then 'Shorter case discussions' else '' end, '["Bench reviewer"]'::jsonb,
      (starts_at + interval '7 days')::date, 'bench'
    from (select *, row_number() over (order by id) n from activities) a`);
  await run(sql`insert into review_actions (review_id, activity_id, program_id, series_id, description, owner, due_on)
    select r.id, r.activity_id, r.program_id, a.series_id, 'Shorten the cases', 'Planning', r.reviewed_on + 60
    from committee_reviews r join activities a on a.id = r.activity_id where r.decision = 'changes_required'`);
  await run(sql`insert into content_controllers (activity_id, name, email, roles)
    select a.id, 'Person ' || p, 'person' || p || '.' || a.id || '@bench.test', '["faculty"]'::jsonb
    from activities a cross join generate_series(1, 3) p`);
  await run(sql`insert into disclosures (person_id, nothing_to_disclose, signed_name, attested_at)
    select id, name = 'Person 2', name, timestamptz '2025-01-01 09:00Z' from content_controllers where name <> 'Person 3'`);
  await run(sql`insert into disclosed_relationships (person_id, company, nature, relevant, mitigation)
    select person_id, 'Pharma A', 'Consulting', true, 'Peer review of the content' from disclosures where not nothing_to_disclose`);
}
