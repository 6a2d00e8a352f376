CREATE TABLE "activity_summaries" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"paid" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"evaluated" integer DEFAULT 0 NOT NULL,
	"claimed" integer DEFAULT 0 NOT NULL,
	"certified" integer DEFAULT 0 NOT NULL,
	"follow_up_sent" integer DEFAULT 0 NOT NULL,
	"follow_up_answered" integer DEFAULT 0 NOT NULL,
	"lapsed" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"failed_competence" integer DEFAULT 0 NOT NULL,
	"attempted" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"passed_first" integer DEFAULT 0 NOT NULL,
	"passed_eventually" integer DEFAULT 0 NOT NULL,
	"first_scores" integer DEFAULT 0 NOT NULL,
	"first_score_sum" double precision DEFAULT 0 NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"perceived_bias" integer DEFAULT 0 NOT NULL,
	"relevance_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"reminders_sent" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_summary_buckets" (
	"activity_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"subkey" text DEFAULT '' NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_summary_items" (
	"activity_id" text NOT NULL,
	"item_id" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"correct" integer DEFAULT 0 NOT NULL,
	"sum_score_correct" double precision DEFAULT 0 NOT NULL,
	"sum_score" double precision DEFAULT 0 NOT NULL,
	"sum_score_squared" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_summary_items_activity_id_item_id_pk" PRIMARY KEY("activity_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "summarized" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_summaries" ADD CONSTRAINT "activity_summaries_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_summary_buckets" ADD CONSTRAINT "activity_summary_buckets_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_summary_items" ADD CONSTRAINT "activity_summary_items_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_summary_buckets_key" ON "activity_summary_buckets" USING btree ("activity_id","kind",md5("key"),"subkey");--> statement-breakpoint
CREATE INDEX "enrollments_unsummarized" ON "enrollments" USING btree ("activity_id") WHERE not "enrollments"."summarized";