CREATE TABLE "learner_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" text NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL,
	"state" text,
	"subtype" text,
	"category" text,
	"cycle_starts_on" date,
	"cycle_ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learner_credential_once" UNIQUE NULLS NOT DISTINCT("learner_id","kind","state","subtype","category")
);
--> statement-breakpoint
ALTER TABLE "learner_credentials" ADD CONSTRAINT "learner_credentials_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_credentials_learner" ON "learner_credentials" USING btree ("learner_id");