-- Custom SQL migration (hand-written): the activity summaries kept current as
-- the facts are written, for every enrollment, open or closed, so a report
-- reads summary rows only and never an enrollment's rows.
--
-- Whoever writes a fact (a v2 step, a v1 activity, the API, an amended
-- answer, a data fix by hand), triggers move the enrollment's figures: a
-- BEFORE ROW trigger takes the enrollment's figures out of its activity's
-- summary the first time a statement touches it (ceo_summary_hold, with the
-- arithmetic of ceo_summary_apply from the activity-summaries-backfill
-- migration and ceo_workspace_summary_apply below, on the state before the
-- statement), and the AFTER STATEMENT
-- trigger puts them back from the state after it (ceo_summary_release). Out
-- once and back once per statement, however many of its rows the statement
-- writes. The enrollments held are listed in a transaction-local setting, so
-- a statement that fails or a rolled-back savepoint leaves nothing behind.
-- What the CE office's workspace counts per activity, kept beside the report's
-- buckets: follow-up reminder n sent ('reminder'), answers by the email that
-- brought them ('via_email', '' when no link said), and each commitment with
-- its author's follow-up ('commitment_outcome': [sent, implemented, barriers]).
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
  ) tallied
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, md5(key), 4
  ON CONFLICT (activity_id, kind, md5(key), subkey) DO UPDATE SET count = s.count + excluded.count;
END;
$$;
--> statement-breakpoint
-- Both: the report's figures (activity-summaries-backfill) first, so every
-- writer locks its activity's summary row before any bucket (writers of one
-- activity queue there instead of deadlocking), then the workspace's; buckets
-- taken back to nothing go, as if never counted.
CREATE OR REPLACE FUNCTION ceo_summary_move(ids uuid[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ceo_summary_apply(ids, sign);
  PERFORM ceo_workspace_summary_apply(ids, sign);
  DELETE FROM activity_summary_buckets b USING enrollments e
  WHERE e.id = ANY(ids) AND b.activity_id = e.activity_id AND b.count = 0;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summary_hold(enrollment uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('ceo.summary_pending', true), '');
BEGIN
  IF enrollment IS NULL OR strpos(pending, enrollment::text) > 0 THEN
    RETURN;
  END IF;
  -- Writers of one enrollment queue here, so each takes out the figures the
  -- one before it committed (read after the wait), never ones it replaced.
  PERFORM 1 FROM enrollments WHERE id = enrollment FOR NO KEY UPDATE;
  PERFORM ceo_summary_move(ARRAY[enrollment], -1);
  PERFORM set_config('ceo.summary_pending', pending || enrollment::text || ',', true);
END;
$$;
--> statement-breakpoint
-- TG_ARGV[0]: the column naming the enrollment (id on enrollments, enrollment_id elsewhere).
CREATE OR REPLACE FUNCTION ceo_summary_hold_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM ceo_summary_hold((to_jsonb(OLD) ->> TG_ARGV[0])::uuid);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM ceo_summary_hold((to_jsonb(NEW) ->> TG_ARGV[0])::uuid);
    RETURN NEW;
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summary_release() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('ceo.summary_pending', true), '');
BEGIN
  IF pending <> '' THEN
    PERFORM set_config('ceo.summary_pending', '', true);
    PERFORM ceo_summary_move(string_to_array(rtrim(pending, ','), ',')::uuid[], 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The enrollment's own columns the reports count (the funnel); other updates (stage, workflow) pass by.
CREATE TRIGGER summary_hold_insert BEFORE INSERT OR DELETE ON enrollments
  FOR EACH ROW EXECUTE FUNCTION ceo_summary_hold_row('id');
--> statement-breakpoint
CREATE TRIGGER summary_hold_update BEFORE UPDATE OF activity_id, paid_at, fee_waiver, attendance_completed_at,
    evaluated_at, claimed_at, certified_at, follow_up_sent_at, follow_up_answered_at, outcome ON enrollments
  FOR EACH ROW WHEN ((OLD.activity_id, OLD.paid_at, OLD.fee_waiver, OLD.attendance_completed_at, OLD.evaluated_at,
      OLD.claimed_at, OLD.certified_at, OLD.follow_up_sent_at, OLD.follow_up_answered_at, OLD.outcome)
    IS DISTINCT FROM (NEW.activity_id, NEW.paid_at, NEW.fee_waiver, NEW.attendance_completed_at, NEW.evaluated_at,
      NEW.claimed_at, NEW.certified_at, NEW.follow_up_sent_at, NEW.follow_up_answered_at, NEW.outcome))
  EXECUTE FUNCTION ceo_summary_hold_row('id');
--> statement-breakpoint
CREATE TRIGGER summary_release AFTER INSERT OR UPDATE OR DELETE ON enrollments
  FOR EACH STATEMENT EXECUTE FUNCTION ceo_summary_release();
--> statement-breakpoint
-- The child tables: any change to one of their rows moves its enrollment.
DO $$
DECLARE
  child text;
BEGIN
  FOREACH child IN ARRAY ARRAY['competence_attempts', 'evaluations', 'credit_claims', 'follow_up_responses'] LOOP
    EXECUTE format('CREATE TRIGGER summary_hold_insert BEFORE INSERT OR DELETE ON %I
      FOR EACH ROW EXECUTE FUNCTION ceo_summary_hold_row(''enrollment_id'')', child);
    EXECUTE format('CREATE TRIGGER summary_hold_update BEFORE UPDATE ON %I
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ceo_summary_hold_row(''enrollment_id'')', child);
    EXECUTE format('CREATE TRIGGER summary_release AFTER INSERT OR UPDATE OR DELETE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION ceo_summary_release()', child);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Only follow-up reminders count (reminders sent); the sender's status updates pass by.
CREATE TRIGGER summary_hold_insert BEFORE INSERT ON email_outbox
  FOR EACH ROW WHEN (NEW.kind = 'follow_up_reminder') EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_hold_delete BEFORE DELETE ON email_outbox
  FOR EACH ROW WHEN (OLD.kind = 'follow_up_reminder') EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_hold_update BEFORE UPDATE OF kind, enrollment_id ON email_outbox
  FOR EACH ROW WHEN ((OLD.kind = 'follow_up_reminder' OR NEW.kind = 'follow_up_reminder')
    AND (OLD.kind, OLD.enrollment_id) IS DISTINCT FROM (NEW.kind, NEW.enrollment_id))
  EXECUTE FUNCTION ceo_summary_hold_row('enrollment_id');
--> statement-breakpoint
CREATE TRIGGER summary_release AFTER INSERT OR UPDATE OR DELETE ON email_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ceo_summary_release();
--> statement-breakpoint
-- Every enrollment is summarized now: the flag (dropped by the migration before) is no longer read.
DROP FUNCTION IF EXISTS ceo_summarize(uuid);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ceo_summaries_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE activity_summary_buckets, activity_summary_items, activity_summaries;
  PERFORM ceo_summary_move(ARRAY(SELECT id FROM enrollments), 1);
END;
$$;
--> statement-breakpoint
-- Existing data: the open enrollments join the closed ones in the summaries.
SELECT ceo_summaries_rebuild();
