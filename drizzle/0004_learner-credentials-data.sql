-- Custom (hand-written) data migration: the learner's licences and ASCP id
-- become rows of learner_credentials, and free-text professions one of the
-- professions the credit rules know. Nothing is dropped here: 0005 drops the
-- old columns once this has copied them.
INSERT INTO "learner_credentials" ("learner_id", "kind", "identifier", "state")
SELECT l."id", 'state_licence', btrim(s.value), upper(btrim(s.key))
FROM "learners" l, jsonb_each_text(l."state_licences") s
WHERE btrim(coalesce(s.value, '')) <> ''
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "learner_credentials" ("learner_id", "kind", "identifier")
SELECT "id", 'ascp_certification', btrim("ascp_id")
FROM "learners"
WHERE btrim(coalesce("ascp_id", '')) <> ''
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "learners" SET "profession" = CASE
  WHEN "profession" IN ('physician', 'pharmacist', 'pharmacy_technician', 'laboratory_professional', 'nurse', 'other')
    THEN "profession"
  WHEN "profession" ~* '(pharm).*(tech)|(tech).*(pharm)' THEN 'pharmacy_technician'
  WHEN "profession" ~* 'pharmacist|pharmd|rph' THEN 'pharmacist'
  WHEN "profession" ~* 'physician|doctor of medicine|^\s*(md|do|mbbs)\s*$|pathologist' THEN 'physician'
  WHEN "profession" ~* 'laborator|scientist|technologist|phlebotom|\m(cls|mls|mlt|clt)\M' THEN 'laboratory_professional'
  WHEN "profession" ~* 'nurse|\m(rn|np|lpn|aprn)\M' THEN 'nurse'
  ELSE 'other'
END
WHERE "profession" IS NOT NULL;
