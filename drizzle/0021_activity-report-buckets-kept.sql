-- Custom SQL migration (hand-written): what one activity's report reads of
-- its summary buckets, gathered into one row (activity_report_buckets) by the
-- triggers of the activity-summaries-triggers migration each time they move
-- an enrollment's figures, so a report reads one row instead of aggregating a
-- few hundred bucket rows on every call (src/reports/queries/activity-statement.ts).
-- And the certificates of participation counted in the buckets too
-- ('participation'), so the report's credits come from the summaries alone
-- instead of a join of the activity's enrollments with every certificate.
--
-- 'participation': per learner with valid certificates of participation, key:
-- their credits summed, subkey: the largest, as the credits section counted
-- them from the certificates (claimants, total, largest).
CREATE OR REPLACE FUNCTION ceo_certificate_summary_apply(ids uuid[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_summary_buckets AS s (activity_id, kind, key, subkey, count)
  SELECT activity_id, 'participation', total::text, largest::text, sign * count(*)
  FROM (
    SELECT e.activity_id, sum(c.credits) AS total, max(c.credits) AS largest
    FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id
    WHERE c.enrollment_id = ANY(ids) AND c.credit_type = 'participation' AND c.status = 'valid'
    GROUP BY e.activity_id, c.enrollment_id
  ) per_learner
  GROUP BY activity_id, total, largest
  ORDER BY activity_id, md5(total::text), largest::text
  ON CONFLICT (activity_id, kind, md5(key), subkey) DO UPDATE SET count = s.count + excluded.count;
END;
$$;
--> statement-breakpoint
-- The buckets one activity's report reads, as four arrays (kind, key, subkey,
-- count; src/reports/queries/activity-summary-json.ts splits them): the free
-- text and the barriers in the database's collation order of their key (as
-- the sections sort them), of each kind of free text the first `text_limit`
-- wordings only (as freeTextSql reads them); the others in no order, as their
-- sections read them; the claims and the certificates of participation in the
-- order of their credit type, as the credits section lists them. Not the
-- rating samples: see ceo_report_rating_samples.
CREATE OR REPLACE FUNCTION ceo_report_buckets(activity text, text_limit integer) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_array(array_agg(kind), array_agg(key), array_agg(subkey), array_agg(count)) FROM (
    SELECT kind, key, subkey, count FROM activity_summary_buckets
    WHERE activity_id = activity AND count > 0 AND kind IN ('score_bin', 'rating', 'follow_up', 'reminder',
      'via_email', 'commitment_outcome')
    UNION ALL
    (SELECT kind, key, subkey, count FROM activity_summary_buckets
      WHERE activity_id = activity AND count > 0 AND kind IN ('credit', 'participation')
      ORDER BY CASE WHEN kind = 'participation' THEN kind ELSE key END)
    UNION ALL
    (SELECT kind, key, subkey, count FROM (
        SELECT kind, key, subkey, count, row_number() OVER (PARTITION BY kind ORDER BY key) AS nth
        FROM activity_summary_buckets
        WHERE activity_id = activity AND count > 0
          AND kind IN ('commitment', 'follow_up_comment', 'bias_comment', 'barrier')) numbered
      WHERE nth <= text_limit OR kind = 'barrier'
      ORDER BY kind, key)
  ) b
$$;
--> statement-breakpoint
-- The spread of the activity's learners' ratings (src/reports/queries/samples.ts
-- RatingSampleRow): count, sum and sum of squares of each learner's mean
-- objective rating (avg() over their ratings, from the exact fraction kept)
-- and of their relevance rating; null with no evaluation.
CREATE OR REPLACE FUNCTION ceo_report_rating_samples(activity text) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object('activity_id', activity, 'n', sum(count)::int,
      'objectives_sum', coalesce(sum(count * objectives), 0)::float8,
      'objectives_squares', coalesce(sum(count * objectives * objectives), 0)::float8,
      'relevance_sum', coalesce(sum(count * relevance), 0)::float8,
      'relevance_squares', coalesce(sum(count * relevance * relevance), 0)::float8)
  FROM (
    SELECT count,
      split_part(nullif(key, ''), '/', 1)::float8 / split_part(nullif(key, ''), '/', 2)::float8 AS objectives,
      nullif(subkey, '')::float8 AS relevance
    FROM activity_summary_buckets WHERE activity_id = activity AND kind = 'rating_sample' AND count > 0
  ) l
  HAVING count(*) > 0
$$;
--> statement-breakpoint
-- Gathered again for these activities, in their order (writers of one
-- activity hold its summary row already, so they queue there, not here).
-- 200: the report's TEXT_LIMIT (src/reports/queries/activity-statement.ts).
CREATE OR REPLACE FUNCTION ceo_report_buckets_refresh(activity_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_report_buckets AS d (activity_id, buckets, samples)
  SELECT id, ceo_report_buckets(id, 200), ceo_report_rating_samples(id)
  FROM (SELECT DISTINCT id FROM unnest(activity_ids) AS id WHERE id IS NOT NULL) a
  ORDER BY id
  ON CONFLICT (activity_id) DO UPDATE SET buckets = excluded.buckets, samples = excluded.samples;
END;
$$;
--> statement-breakpoint
-- As in the activity-summaries-triggers migration, with the certificates of participation.
CREATE OR REPLACE FUNCTION ceo_summary_move(ids uuid[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ceo_summary_apply(ids, sign);
  PERFORM ceo_workspace_summary_apply(ids, sign);
  PERFORM ceo_certificate_summary_apply(ids, sign);
  DELETE FROM activity_summary_buckets b USING enrollments e
  WHERE e.id = ANY(ids) AND b.activity_id = e.activity_id AND b.count = 0;
END;
$$;
--> statement-breakpoint
-- As in the activity-summaries-triggers migration, and the activity the
-- enrollment is taken out of noted (as a JSON array, in a transaction-local
-- setting), so its report buckets are gathered again even when the statement
-- moves the enrollment to another activity or deletes it.
CREATE OR REPLACE FUNCTION ceo_summary_hold(enrollment uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('ceo.summary_pending', true), '');
  activity text;
BEGIN
  IF enrollment IS NULL OR strpos(pending, enrollment::text) > 0 THEN
    RETURN;
  END IF;
  -- Writers of one enrollment queue here, so each takes out the figures the
  -- one before it committed (read after the wait), never ones it replaced.
  SELECT activity_id INTO activity FROM enrollments WHERE id = enrollment FOR NO KEY UPDATE;
  PERFORM ceo_summary_move(ARRAY[enrollment], -1);
  PERFORM set_config('ceo.summary_pending', pending || enrollment::text || ',', true);
  IF activity IS NOT NULL THEN
    PERFORM set_config('ceo.summary_activities',
      (coalesce(nullif(current_setting('ceo.summary_activities', true), ''), '[]')::jsonb
        || to_jsonb(activity))::text, true);
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summary_release() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('ceo.summary_pending', true), '');
  held text := coalesce(nullif(current_setting('ceo.summary_activities', true), ''), '[]');
  ids uuid[];
BEGIN
  IF pending <> '' THEN
    PERFORM set_config('ceo.summary_pending', '', true);
    PERFORM set_config('ceo.summary_activities', '', true);
    ids := string_to_array(rtrim(pending, ','), ',')::uuid[];
    PERFORM ceo_summary_move(ids, 1);
    PERFORM ceo_report_buckets_refresh(ARRAY(
      SELECT jsonb_array_elements_text(held::jsonb)
      UNION SELECT activity_id FROM enrollments WHERE id = ANY(ids)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Certificates of participation move their enrollment; other certificates,
-- and the reporting and PDF columns of any, pass by.
CREATE TRIGGER summary_hold_insert BEFORE INSERT ON certificates
  FOR EACH ROW WHEN (NEW.credit_type = 'participation') EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_hold_delete BEFORE DELETE ON certificates
  FOR EACH ROW WHEN (OLD.credit_type = 'participation') EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_hold_update BEFORE UPDATE OF enrollment_id, credit_type, credits, status ON certificates
  FOR EACH ROW WHEN ((OLD.credit_type = 'participation' OR NEW.credit_type = 'participation')
    AND (OLD.enrollment_id, OLD.credit_type, OLD.credits, OLD.status)
      IS DISTINCT FROM (NEW.enrollment_id, NEW.credit_type, NEW.credits, NEW.status))
  EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_release AFTER INSERT OR UPDATE OR DELETE ON certificates
  FOR EACH STATEMENT EXECUTE FUNCTION ceo_summary_release();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summaries_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE activity_report_buckets, activity_summary_buckets, activity_summary_items, activity_summaries;
  PERFORM ceo_summary_move(ARRAY(SELECT id FROM enrollments), 1);
  PERFORM ceo_report_buckets_refresh(ARRAY(SELECT activity_id FROM activity_summaries));
END;
$$;
--> statement-breakpoint
-- Existing data: the certificates of participation counted, every activity's report buckets gathered.
SELECT ceo_summaries_rebuild();
