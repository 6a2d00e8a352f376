CREATE TABLE "review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"program_id" text NOT NULL,
	"series_id" text,
	"description" text NOT NULL,
	"owner" text,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_controllers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"roles" jsonb NOT NULL,
	"invitations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosed_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"company" text NOT NULL,
	"nature" text NOT NULL,
	"ended_on" date,
	"relevant" boolean,
	"mitigation" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"nothing_to_disclose" boolean NOT NULL,
	"signed_name" text NOT NULL,
	"attested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "series_id" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "held_reason" text;--> statement-breakpoint
ALTER TABLE "follow_up_responses" ADD COLUMN "via_email" integer;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "committee_members" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_review_id_committee_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."committee_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_controllers" ADD CONSTRAINT "content_controllers_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosed_relationships" ADD CONSTRAINT "disclosed_relationships_person_id_content_controllers_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."content_controllers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_person_id_content_controllers_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."content_controllers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_actions_program" ON "review_actions" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "review_actions_series" ON "review_actions" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "review_actions_activity" ON "review_actions" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_controllers_activity_email" ON "content_controllers" USING btree ("activity_id","email");--> statement-breakpoint
CREATE INDEX "disclosed_relationships_person" ON "disclosed_relationships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "activities_series_starts" ON "activities" USING btree ("series_id","starts_at");