-- Custom SQL migration (hand-written): each learner's mean rating kept in the
-- workspace's summary, so the series comparison's confidence intervals (the
-- spread of the learners' mean ratings) read summary rows, not evaluations.
-- 'rating_sample': key: the learner's objective ratings as an exact fraction,
-- their sum '/' their number ('' when none), so the mean is computed at read
-- as avg() computed it, whatever the session's float output; subkey: the
-- relevance rating. ceo_workspace_summary_apply as in the
-- activity-summaries-triggers migration plus that tally.
CREATE OR REPLACE FUNCTION ceo_workspace_summary_apply(ids uuid[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_summary_buckets AS s (activity_id, kind, key, subkey, count)
  SELECT activity_id, kind, key, subkey, sign * count(*)
  FROM (
    SELECT e.activity_id, 'reminder' AS kind, substring(o.dedupe_key FROM '(\d+)$') AS key, '' AS subkey
    FROM email_outbox o JOIN enrollments e ON e.id = o.enrollment_id
    WHERE o.enrollment_id = ANY(ids) AND o.kind = 'follow_up_reminder' AND o.dedupe_key ~ '\d+$'
    UNION ALL
    SELECT e.activity_id, 'via_email', coalesce(r.via_email::text, ''), ''
    FROM follow_up_responses r JOIN enrollments e ON e.id = r.enrollment_id
    WHERE r.enrollment_id = ANY(ids)
    UNION ALL
    SELECT e.activity_id, 'commitment_outcome', ev.commitment,
      jsonb_build_array(e.follow_up_sent_at IS NOT NULL, r.implemented, r.barriers)::text
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    LEFT JOIN follow_up_responses r ON r.enrollment_id = ev.enrollment_id
    WHERE ev.enrollment_id = ANY(ids) AND coalesce(btrim(ev.commitment), '') <> ''
    UNION ALL
    SELECT e.activity_id, 'rating_sample',
      coalesce((SELECT sum(r::numeric)::text || '/' || count(*) FROM jsonb_array_elements_text(ev.objective_ratings) AS r
        HAVING count(*) > 0), ''),
      coalesce(ev.relevance::text, '')
    FROM evaluations ev JOIN enrollments e ON e.id = ev.enrollment_id
    WHERE ev.enrollment_id = ANY(ids)
  ) tallied
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, md5(key), 4
  ON CONFLICT (activity_id, kind, md5(key), subkey) DO UPDATE SET count = s.count + excluded.count;
END;
$$;
--> statement-breakpoint
-- Existing data: every summary recomputed from the facts, with the new tally.
SELECT ceo_summaries_rebuild();
