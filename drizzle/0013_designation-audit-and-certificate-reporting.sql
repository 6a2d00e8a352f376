CREATE TABLE "designation_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" text NOT NULL,
	"credit_type" text NOT NULL,
	"from_max" numeric(6, 2) NOT NULL,
	"to_max" numeric(6, 2) NOT NULL,
	"after_start" boolean NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retired_designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text,
	"enrollment_id" uuid,
	"credit_type" text NOT NULL,
	"designation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "nabp_eprofile_id" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "reported_to" text;--> statement-breakpoint
ALTER TABLE "designation_changes" ADD CONSTRAINT "designation_changes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retired_designations" ADD CONSTRAINT "retired_designations_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "designation_changes_activity" ON "designation_changes" USING btree ("activity_id");