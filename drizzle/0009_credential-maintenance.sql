CREATE TABLE "allocation_moves" (
	"learner_id" text NOT NULL,
	"credential_key" text NOT NULL,
	"source_id" text NOT NULL,
	"split" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_moves_learner_id_credential_key_source_id_pk" PRIMARY KEY("learner_id","credential_key","source_id")
);
--> statement-breakpoint
CREATE TABLE "ce_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" text NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"completed_on" date NOT NULL,
	"amount" numeric(6, 2) NOT NULL,
	"unit" text NOT NULL,
	"kind" text NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"staff_note" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ce_evidence" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credential_reminders" (
	"learner_id" text NOT NULL,
	"credential_key" text NOT NULL,
	"opted_out_at" timestamp with time zone,
	"watched_cycle_ends_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_reminders_learner_id_credential_key_pk" PRIMARY KEY("learner_id","credential_key")
);
--> statement-breakpoint
CREATE TABLE "credential_requirements" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocation_moves" ADD CONSTRAINT "allocation_moves_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ce_entries" ADD CONSTRAINT "ce_entries_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ce_evidence" ADD CONSTRAINT "ce_evidence_entry_id_ce_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ce_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_reminders" ADD CONSTRAINT "credential_reminders_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ce_entries_learner" ON "ce_entries" USING btree ("learner_id","completed_on");