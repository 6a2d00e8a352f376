-- Custom (hand-written) data migration: ca_cls, fl_cls and ascp_cmp are no
-- longer credit types (licences accept AMA PRA or P.A.C.E. hours; CMP points
-- come from accepted credit). Their designations leave the stored policies
-- (activities' and enrollments' snapshots) and are kept whole in
-- retired_designations. Claims and certificates of those types stay as they
-- are: issued certificates remain verifiable and in transcripts.
INSERT INTO "retired_designations" ("activity_id", "credit_type", "designation")
SELECT a."id", c->>'type', c
FROM "activities" a, jsonb_array_elements(coalesce(a."policy"->'credits', '[]'::jsonb)) c
WHERE c->>'type' IN ('ca_cls', 'fl_cls', 'ascp_cmp');
--> statement-breakpoint
INSERT INTO "retired_designations" ("activity_id", "enrollment_id", "credit_type", "designation")
SELECT e."activity_id", e."id", c->>'type', c
FROM "enrollments" e, jsonb_array_elements(coalesce(e."policy"->'credits', '[]'::jsonb)) c
WHERE c->>'type' IN ('ca_cls', 'fl_cls', 'ascp_cmp');
--> statement-breakpoint
UPDATE "activities" SET "policy" = jsonb_set("policy", '{credits}', (
  SELECT coalesce(jsonb_agg(c ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("policy"->'credits') WITH ORDINALITY AS t(c, n)
  WHERE c->>'type' NOT IN ('ca_cls', 'fl_cls', 'ascp_cmp')))
WHERE jsonb_path_exists("policy", '$.credits[*] ? (@.type == "ca_cls" || @.type == "fl_cls" || @.type == "ascp_cmp")');
--> statement-breakpoint
UPDATE "enrollments" SET "policy" = jsonb_set("policy", '{credits}', (
  SELECT coalesce(jsonb_agg(c ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("policy"->'credits') WITH ORDINALITY AS t(c, n)
  WHERE c->>'type' NOT IN ('ca_cls', 'fl_cls', 'ascp_cmp')))
WHERE "policy" IS NOT NULL
  AND jsonb_path_exists("policy", '$.credits[*] ? (@.type == "ca_cls" || @.type == "fl_cls" || @.type == "ascp_cmp")');
