-- Custom SQL migration (hand-written): the per-activity report summaries.
-- ceo_summary_apply adds (sign 1) or takes away (sign -1) the figures of some
-- enrollments to their activities' summaries, with exactly the arithmetic of
-- the report queries (src/reports/queries/aggregates.ts); ceo_summarize adds
-- one enrollment as it closes (once: the summarized flag); ceo_summaries_rebuild
-- recomputes everything from the closed enrollments, and backfills here.
-- Rows are upserted in key order so that enrollments of one activity closing
-- at the same time queue on the same rows instead of deadlocking.
CREATE OR REPLACE FUNCTION ceo_summary_apply(ids uuid[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_summaries AS s (activity_id, enrolled, paid, attended, evaluated, claimed, certified,
    follow_up_sent, follow_up_answered, lapsed, withdrawn, failed_competence,
    attempted, attempts, passed_first, passed_eventually, first_scores, first_score_sum,
    evaluations, perceived_bias, relevance_sum, rating_count, rating_sum, reminders_sent)
  SELECT e.activity_id,
    sign * count(*),
    sign * count(*) FILTER (WHERE e.paid_at IS NOT NULL OR e.fee_waiver IS NOT NULL),
    sign * count(e.attendance_completed_at),
    sign * count(e.evaluated_at),
    sign * count(e.claimed_at),
    sign * count(e.certified_at),
    sign * count(e.follow_up_sent_at),
    sign * count(e.follow_up_answered_at),
    sign * count(*) FILTER (WHERE e.outcome = 'lapsed'),
    sign * count(*) FILTER (WHERE e.outcome = 'withdrawn'),
    sign * count(*) FILTER (WHERE e.outcome = 'failed_competence'),
    sign * count(ca.attempts),
    sign * coalesce(sum(ca.attempts), 0),
    sign * count(*) FILTER (WHERE ca.passed_first),
    sign * count(*) FILTER (WHERE ca.passed_any),
    sign * count(ca.first_score),
    sign * coalesce(sum(ca.first_score), 0),
    sign * count(ev.enrollment_id),
    sign * count(*) FILTER (WHERE NOT ev.free_of_commercial_bias),
    sign * coalesce(sum(ev.relevance), 0),
    sign * coalesce(sum(jsonb_array_length(ev.objective_ratings)), 0),
    sign * coalesce(sum((SELECT coalesce(sum(r::int), 0) FROM jsonb_array_elements_text(ev.objective_ratings) AS r)), 0),
    sign * coalesce(sum(o.reminders), 0)
  FROM enrollments e
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS attempts,
      bool_or(a.passed) AS passed_any,
      bool_or(a.passed AND a.attempt_no = 1) AS passed_first,
      max(a.score::float8) FILTER (WHERE a.attempt_no = 1) AS first_score
    FROM competence_attempts a WHERE a.enrollment_id = e.id HAVING count(*) > 0
  ) ca ON true
  LEFT JOIN evaluations ev ON ev.enrollment_id = e.id
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS reminders FROM email_outbox m
    WHERE m.enrollment_id = e.id AND m.kind = 'follow_up_reminder'
  ) o ON true
  WHERE e.id = ANY(ids)
  GROUP BY e.activity_id
  ORDER BY e.activity_id
  ON CONFLICT (activity_id) DO UPDATE SET
    enrolled = s.enrolled + excluded.enrolled,
    paid = s.paid + excluded.paid,
    attended = s.attended + excluded.attended,
    evaluated = s.evaluated + excluded.evaluated,
    claimed = s.claimed + excluded.claimed,
    certified = s.certified + excluded.certified,
    follow_up_sent = s.follow_up_sent + excluded.follow_up_sent,
    follow_up_answered = s.follow_up_answered + excluded.follow_up_answered,
    lapsed = s.lapsed + excluded.lapsed,
    withdrawn = s.withdrawn + excluded.withdrawn,
    failed_competence = s.failed_competence + excluded.failed_competence,
    attempted = s.attempted + excluded.attempted,
    attempts = s.attempts + excluded.attempts,
    passed_first = s.passed_first + excluded.passed_first,
    passed_eventually = s.passed_eventually + excluded.passed_eventually,
    first_scores = s.first_scores + excluded.first_scores,
    first_score_sum = s.first_score_sum + excluded.first_score_sum,
    evaluations = s.evaluations + excluded.evaluations,
    perceived_bias = s.perceived_bias + excluded.perceived_bias,
    relevance_sum = s.relevance_sum + excluded.relevance_sum,
    rating_count = s.rating_count + excluded.rating_count,
    rating_sum = s.rating_sum + excluded.rating_sum,
    reminders_sent = s.reminders_sent + excluded.reminders_sent;

  INSERT INTO activity_summary_items AS s (activity_id, item_id, n, correct, sum_score_correct, sum_score, sum_score_squared)
  SELECT e.activity_id, item.key,
    sign * count(*),
    sign * count(*) FILTER (WHERE item.value = 'true'),
    sign * coalesce(sum(a.score::float8) FILTER (WHERE item.value = 'true'), 0),
    sign * sum(a.score::float8),
    sign * sum(a.score::float8 * a.score::float8)
  FROM competence_attempts a
  JOIN enrollments e ON e.id = a.enrollment_id
  CROSS JOIN LATERAL jsonb_each_text(a.item_results) AS item
  WHERE a.enrollment_id = ANY(ids) AND a.attempt_no = 1
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (activity_id, item_id) DO UPDATE SET
    n = s.n + excluded.n,
    correct = s.correct + excluded.correct,
    sum_score_correct = s.sum_score_correct + excluded.sum_score_correct,
    sum_score = s.sum_score + excluded.sum_score,
    sum_score_squared = s.sum_score_squared + excluded.sum_score_squared;

  INSERT INTO activity_summary_buckets AS s (activity_id, kind, key, subkey, count)
  SELECT activity_id, kind, key, subkey, sign * count(*)
  FROM (
    SELECT e.activity_id, 'score_bin' AS kind,
      least(9, greatest(0, floor(a.score::float8 * 10 + 0.0001)))::int::text AS key, '' AS subkey
    FROM competence_attempts a JOIN enrollments e ON e.id = a.enrollment_id
    WHERE a.enrollment_id = ANY(ids) AND a.attempt_no = 1
    UNION ALL
    SELECT e.activity_id, 'rating', o.idx::text, o.rating::int::text
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    CROSS JOIN LATERAL jsonb_array_elements_text(ev.objective_ratings) WITH ORDINALITY AS o(rating, idx)
    WHERE ev.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'rating', '0', ev.relevance::text
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    WHERE ev.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'follow_up', r.reminders_before::text, r.implemented
    FROM follow_up_responses r JOIN enrollments e ON e.id = r.enrollment_id
    WHERE r.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'barrier', b.barrier, ''
    FROM follow_up_responses r JOIN enrollments e ON e.id = r.enrollment_id
    CROSS JOIN LATERAL jsonb_array_elements_text(r.barriers) AS b(barrier)
    WHERE r.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'credit', c.credit_type, c.credits::text
    FROM credit_claims c JOIN enrollments e ON e.id = c.enrollment_id
    WHERE c.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'commitment', ev.commitment, ''
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    WHERE ev.enrollment_id = ANY(ids) AND coalesce(btrim(ev.commitment), '') <> ''
    UNION ALL
    SELECT e.activity_id, 'bias_comment', ev.bias_comment, ''
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    WHERE ev.enrollment_id = ANY(ids) AND coalesce(btrim(ev.bias_comment), '') <> ''
    UNION ALL
    SELECT e.activity_id, 'follow_up_comment', r.comments, ''
    FROM follow_up_responses r JOIN enrollments e ON e.id = r.enrollment_id
    WHERE r.enrollment_id = ANY(ids) AND coalesce(btrim(r.comments), '') <> ''
  ) tallied
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, md5(key), 4
  ON CONFLICT (activity_id, kind, md5(key), subkey) DO UPDATE SET count = s.count + excluded.count;

  -- Taken back to nothing (an amended answer): no row, as if never counted.
  DELETE FROM activity_summary_items WHERE n = 0
    AND activity_id IN (SELECT activity_id FROM enrollments WHERE id = ANY(ids));
  DELETE FROM activity_summary_buckets WHERE count = 0
    AND activity_id IN (SELECT activity_id FROM enrollments WHERE id = ANY(ids));
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summarize(enrollment uuid) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE enrollments SET summarized = true WHERE id = enrollment AND stage = 'closed' AND NOT summarized;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM ceo_summary_apply(ARRAY[enrollment], 1);
  RETURN true;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summaries_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM activity_summary_buckets;
  DELETE FROM activity_summary_items;
  DELETE FROM activity_summaries;
  UPDATE enrollments SET summarized = (stage = 'closed') WHERE summarized <> (stage = 'closed');
  PERFORM ceo_summary_apply(ARRAY(SELECT id FROM enrollments WHERE summarized), 1);
END;
$$;
--> statement-breakpoint
SELECT ceo_summaries_rebuild();
