CREATE TABLE "regulator_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"attempt_no" integer NOT NULL,
	"state" text NOT NULL,
	"request" text NOT NULL,
	"http_status" integer,
	"response" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "regulator_submission_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regulator_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"regulator" text NOT NULL,
	"credit_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payload" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"rejection_kind" text,
	"rejection_message" text,
	"blocked_reason" text,
	"delivery_unknown" boolean DEFAULT false NOT NULL,
	"transport" text,
	"confirmation" text,
	"workflow_id" text,
	"workflow_started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"late_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regulator_submissions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "reporting_activities" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"ce_broker_course_id" text,
	"pars_activity_id" text,
	"uan_check" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting_transports" (
	"regulator" text PRIMARY KEY NOT NULL,
	"url" text,
	"username" text,
	"secret" text,
	"provider_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regulator_attempts" ADD CONSTRAINT "regulator_attempts_submission_id_regulator_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."regulator_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_submission_events" ADD CONSTRAINT "regulator_submission_events_submission_id_regulator_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."regulator_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_submissions" ADD CONSTRAINT "regulator_submissions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_submissions" ADD CONSTRAINT "regulator_submissions_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_activities" ADD CONSTRAINT "reporting_activities_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "regulator_attempt_no" ON "regulator_attempts" USING btree ("submission_id","attempt_no");--> statement-breakpoint
CREATE INDEX "regulator_submission_events_submission" ON "regulator_submission_events" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "regulator_submission_once" ON "regulator_submissions" USING btree ("enrollment_id","regulator");--> statement-breakpoint
CREATE INDEX "regulator_submissions_status_due" ON "regulator_submissions" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "regulator_submissions_activity" ON "regulator_submissions" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "regulator_submissions_undispatched" ON "regulator_submissions" USING btree ("created_at") WHERE workflow_started_at is null;