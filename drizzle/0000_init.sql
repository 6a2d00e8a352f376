CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text DEFAULT 'default' NOT NULL,
	"title" text NOT NULL,
	"provider_name" text NOT NULL,
	"format" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"learning_objectives" jsonb NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"session_id" text,
	"completed" boolean DEFAULT false NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"verification_code" text NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"credit_type" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"credits" numeric(6, 2) NOT NULL,
	"learner_name" text NOT NULL,
	"activity_title" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"superseded_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "committee_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text,
	"program_id" text,
	"period_from" date,
	"period_to" date,
	"decision" text NOT NULL,
	"changes" text DEFAULT '' NOT NULL,
	"reviewers" jsonb NOT NULL,
	"reviewed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competence_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"item_results" jsonb NOT NULL,
	"score" real NOT NULL,
	"passed" boolean NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"credit_type" text NOT NULL,
	"credits" numeric(6, 2) NOT NULL,
	"topic_area" text,
	"report_due_at" timestamp with time zone,
	"claimed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"message_id" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "email_outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text NOT NULL,
	"learner_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"stage" text DEFAULT 'awaiting_payment' NOT NULL,
	"outcome" text,
	"follow_up_status" text,
	"fee_waiver" text,
	"minutes_attended" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"attendance_completed_at" timestamp with time zone,
	"competence_passed_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"certified_at" timestamp with time zone,
	"follow_up_sent_at" timestamp with time zone,
	"follow_up_answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "enrollments_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"objective_ratings" jsonb NOT NULL,
	"relevance" integer NOT NULL,
	"free_of_commercial_bias" boolean NOT NULL,
	"bias_comment" text,
	"commitment" text NOT NULL,
	"comments" text,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_responses" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"implemented" text NOT NULL,
	"barriers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confidence" integer,
	"comments" text,
	"reminders_before" integer DEFAULT 0 NOT NULL,
	"responded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"profession" text,
	"nabp_eprofile_id" text,
	"birth_month_day" text,
	"state_licences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ascp_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"kind" text DEFAULT 'payment' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"committee_emails" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_events" ADD CONSTRAINT "certificate_events_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_reviews" ADD CONSTRAINT "committee_reviews_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_attempts" ADD CONSTRAINT "competence_attempts_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_claims" ADD CONSTRAINT "credit_claims_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_responses" ADD CONSTRAINT "follow_up_responses_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_event" ON "attendance" USING btree ("enrollment_id","event_key");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_revision" ON "certificates" USING btree ("enrollment_id","credit_type","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "competence_attempt_no" ON "competence_attempts" USING btree ("enrollment_id","attempt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_claim_type" ON "credit_claims" USING btree ("enrollment_id","credit_type");--> statement-breakpoint
CREATE INDEX "email_outbox_enrollment" ON "email_outbox" USING btree ("enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_activity_learner" ON "enrollments" USING btree ("activity_id","learner_id");--> statement-breakpoint
CREATE INDEX "enrollments_activity" ON "enrollments" USING btree ("activity_id");